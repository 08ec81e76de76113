import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { columnsOf as contactColumns, keysOf as contactKeys } from '../modules/contacts/contacts.repo.js';
import type { contactRoles } from '../modules/contacts/contacts.schema.js';
import { columnsOf } from '../modules/customers/customers.service.js';
import { dedupKeysOf, writeDedupKeys } from '../modules/customers/dedup.js';
import { recordChange } from '../platform/audit/record.js';
import { newId } from '../platform/ids.js';

// Realistic customers for the demo org: companies of the regions each team covers, in the industries
// Chinese SME sales teams sell to, owned by the reps of that region.
const cities: Record<string, { province: string; city: string; area: string; domain: string }[]> = {
  east: [
    { province: '上海市', city: '上海市', area: '021', domain: 'sh' },
    { province: '浙江省', city: '杭州市', area: '0571', domain: 'hz' },
    { province: '江苏省', city: '苏州市', area: '0512', domain: 'sz' },
  ],
  south: [
    { province: '广东省', city: '广州市', area: '020', domain: 'gz' },
    { province: '广东省', city: '深圳市', area: '0755', domain: 'szx' },
    { province: '福建省', city: '福州市', area: '0591', domain: 'fz' },
  ],
  north: [
    { province: '北京市', city: '北京市', area: '010', domain: 'bj' },
    { province: '天津市', city: '天津市', area: '022', domain: 'tj' },
    { province: '山东省', city: '青岛市', area: '0532', domain: 'qd' },
  ],
};

const industries: [string, string[], string][] = [
  ['制造业', ['精密机械', '模具', '电子元件', '自动化设备', '包装材料'], '有限公司'],
  ['医药', ['生物医药', '医疗器械', '药业'], '股份有限公司'],
  ['零售', ['连锁超市', '商贸', '百货'], '有限公司'],
  ['软件和信息技术', ['软件', '信息技术', '数据科技'], '有限公司'],
  ['物流', ['供应链', '物流', '仓储'], '有限公司'],
  ['教育', ['教育科技', '培训'], '有限公司'],
];
const brands = [
  '华瑞',
  '恒通',
  '鼎新',
  '宏达',
  '远航',
  '金辉',
  '盛世',
  '同创',
  '嘉禾',
  '明德',
  '博远',
  '联众',
  '天成',
  '锦程',
  '云帆',
  '启明',
  '安泰',
  '佳禾',
  '众诚',
  '新源',
];
const pinyin: Record<string, string> = {
  华瑞: 'huarui',
  恒通: 'hengtong',
  鼎新: 'dingxin',
  宏达: 'hongda',
  远航: 'yuanhang',
  金辉: 'jinhui',
  盛世: 'shengshi',
  同创: 'tongchuang',
  嘉禾: 'jiahe',
  明德: 'mingde',
  博远: 'boyuan',
  联众: 'lianzhong',
  天成: 'tiancheng',
  锦程: 'jincheng',
  云帆: 'yunfan',
  启明: 'qiming',
  安泰: 'antai',
  佳禾: 'jiahe',
  众诚: 'zhongcheng',
  新源: 'xinyuan',
};
const sources = ['展会', '官网咨询', '老客户转介绍', '电话拜访', '百度推广', '公众号'];
const tagSets = [['重点客户'], ['展会'], [], ['老客户转介绍', '高意向'], [], ['需回访']];

const people: [string, string][] = [
  ['张伟', '总经理'],
  ['王芳', '采购经理'],
  ['李娜', '财务总监'],
  ['刘强', '技术总监'],
  ['陈杰', '生产经理'],
  ['杨静', '行政主管'],
  ['赵军', '副总经理'],
  ['黄敏', '采购专员'],
  ['周涛', '信息部经理'],
  ['吴婷', '运营总监'],
];
const roles = [
  'influencer',
  'user',
  'influencer',
  'other',
] as const satisfies (typeof contactRoles)[number][];

async function seedContact(
  tx: Kysely<DB>,
  orgId: string,
  customerId: string,
  owner: string,
  at: number,
  [name, title]: [string, string],
  role: (typeof contactRoles)[number],
  mobile: number,
) {
  const id = newId();
  const fields = { name, title, role, mobile: String(mobile) };
  const cols = contactColumns(fields);
  const row = { id, orgId, customerId, createdBy: owner, createdAt: at, updatedAt: at, ...cols };
  await tx
    .insertInto('contacts')
    .values(row as never)
    .execute();
  await writeDedupKeys(tx, orgId, 'contact', id, contactKeys(row as never), { created: true });
  await recordChange(tx, {
    orgId,
    actorId: owner,
    object: 'contact',
    recordId: id,
    action: 'create',
    after: row,
    at,
  });
}

/** A pseudo-random but repeatable sequence, so every demo org looks the same. */
export function sequence(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/**
 * About 100 customers, each with one or two contacts, spread over the reps and managers of the three regions. Written through the same
 * columns, 查重 keys and audit trail as the API, so search, duplicate checks and timelines work on them.
 */
export async function seedDemoCustomers(
  tx: Kysely<DB>,
  orgId: string,
  ownersByRegion: Record<'east' | 'south' | 'north', string[]>,
  now: number,
) {
  const random = sequence(20261127);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const used = new Set<string>();
  let n = 0;
  for (const region of ['east', 'south', 'north'] as const) {
    for (const owner of ownersByRegion[region]) {
      for (let i = 0; i < 8; i++) {
        const place = pick(cities[region]!);
        const [industry, lines, suffix] = pick(industries);
        const brand = pick(brands);
        const line = pick(lines);
        const cityShort = place.city.replace(/市$/, '');
        const name = `${cityShort}${brand}${line}${suffix}`;
        if (used.has(name)) continue;
        used.add(name);
        n++;
        const phone = `${place.area}-${60000000 + Math.floor(random() * 29999999)}`; // these cities dial 8 digits
        const fields = {
          name,
          phone,
          email: `contact@${pinyin[brand]}-${place.domain}${n}.com.cn`,
          level: pick(['A', 'B', 'B', 'C', 'C'] as const),
          status: pick(['prospect', 'prospect', 'customer', 'churned'] as const),
          industry,
          region: { province: place.province, city: place.city },
          source: pick(sources),
          tags: pick(tagSets),
          ownerId: owner,
        };
        const keys = dedupKeysOf(fields);
        const created = now - Math.floor(random() * 300) * 86_400_000;
        const id = newId();
        const row = {
          id,
          orgId,
          custom: '{}',
          createdBy: owner,
          createdAt: created,
          updatedAt: created,
          ownedSince: created,
          ...columnsOf(fields, keys),
        };
        await tx
          .insertInto('customers')
          .values(row as never)
          .execute();
        await writeDedupKeys(tx, orgId, 'customer', id, keys, { created: true });
        await recordChange(tx, {
          orgId,
          actorId: owner,
          object: 'customer',
          recordId: id,
          action: 'create',
          after: row,
          at: created,
        });
        const first = Math.floor(random() * people.length);
        for (let k = 0; k < 1 + Math.floor(random() * 2); k++) {
          const person = people[(first + k * 3) % people.length]!;
          const role = k === 0 ? 'decision_maker' : pick([...roles]);
          await seedContact(tx, orgId, id, owner, created, person, role, 13900000000 + n * 10 + k);
        }
      }
    }
  }
  return n;
}
