import {
  columnsOf as contactColumns,
  keysOf as contactKeys,
} from '../../server/src/modules/contacts/contacts.repo.js';
import { columnsOf } from '../../server/src/modules/customers/customers.service.js';
import { dedupKeysOf, dedupRows } from '../../server/src/modules/customers/dedup.js';
import { searchTokens } from '../../server/src/modules/customers/search-tokens.js';
import { defaultPool } from '../../server/src/modules/pools/pools.repo.js';
import { newId } from '../../server/src/platform/ids.js';
import { pinyinKeys } from '../../server/src/platform/normalize/index.js';
import { BatchWriter, type GenContext, type Generator, pick } from './context.js';

// Places: province, city as stored, the short form used in names, the area code (with the length of
// local numbers there) and a domain tag for e-mails.
export const places: {
  province: string;
  city: string;
  short: string;
  area: string;
  local: number;
  tag: string;
}[] = [
  { province: '北京市', city: '北京市', short: '北京', area: '010', local: 8, tag: 'bj' },
  { province: '上海市', city: '上海市', short: '上海', area: '021', local: 8, tag: 'sh' },
  { province: '天津市', city: '天津市', short: '天津', area: '022', local: 8, tag: 'tj' },
  { province: '重庆市', city: '重庆市', short: '重庆', area: '023', local: 8, tag: 'cq' },
  { province: '广东省', city: '广州市', short: '广州', area: '020', local: 8, tag: 'gz' },
  { province: '广东省', city: '深圳市', short: '深圳', area: '0755', local: 8, tag: 'sz' },
  { province: '广东省', city: '东莞市', short: '东莞', area: '0769', local: 8, tag: 'dg' },
  { province: '广东省', city: '佛山市', short: '佛山', area: '0757', local: 8, tag: 'fs' },
  { province: '浙江省', city: '杭州市', short: '杭州', area: '0571', local: 8, tag: 'hz' },
  { province: '浙江省', city: '宁波市', short: '宁波', area: '0574', local: 8, tag: 'nb' },
  { province: '浙江省', city: '温州市', short: '温州', area: '0577', local: 8, tag: 'wz' },
  { province: '江苏省', city: '南京市', short: '南京', area: '025', local: 8, tag: 'nj' },
  { province: '江苏省', city: '苏州市', short: '苏州', area: '0512', local: 8, tag: 'suz' },
  { province: '江苏省', city: '无锡市', short: '无锡', area: '0510', local: 8, tag: 'wx' },
  { province: '湖北省', city: '武汉市', short: '武汉', area: '027', local: 8, tag: 'wh' },
  { province: '四川省', city: '成都市', short: '成都', area: '028', local: 8, tag: 'cd' },
  { province: '陕西省', city: '西安市', short: '西安', area: '029', local: 8, tag: 'xa' },
  { province: '辽宁省', city: '沈阳市', short: '沈阳', area: '024', local: 8, tag: 'sy' },
  { province: '山东省', city: '青岛市', short: '青岛', area: '0532', local: 8, tag: 'qd' },
  { province: '山东省', city: '济南市', short: '济南', area: '0531', local: 8, tag: 'jn' },
  { province: '福建省', city: '厦门市', short: '厦门', area: '0592', local: 7, tag: 'xm' },
  { province: '福建省', city: '福州市', short: '福州', area: '0591', local: 8, tag: 'fz' },
  { province: '湖南省', city: '长沙市', short: '长沙', area: '0731', local: 8, tag: 'cs' },
  { province: '河南省', city: '郑州市', short: '郑州', area: '0371', local: 8, tag: 'zz' },
  { province: '安徽省', city: '合肥市', short: '合肥', area: '0551', local: 8, tag: 'hf' },
  { province: '云南省', city: '昆明市', short: '昆明', area: '0871', local: 8, tag: 'km' },
];

// Brands: two characters, from the words Chinese firms like to be named with (≈ 4,000 combinations).
export const brandFirst = [
  ...'华恒鼎宏远金盛同嘉明博联天锦云启安佳众新瑞通达航辉世创禾德源泰诚信和东中永隆兴昌盈丰富康万力正合宝美科海长鑫润祥凯',
];
export const brandSecond = [
  ...'瑞通新达航辉世创禾德远众成程帆明泰源信和盛丰诚华兴昌盈宝美科海鑫润祥凯威邦骏腾晟翔锐峰宇智汇聚尚隆益拓达鸿',
];

// Business lines, each with its industry.
export const lines: [string, string][] = [
  ['精密机械', '制造业'],
  ['模具', '制造业'],
  ['电子元件', '制造业'],
  ['自动化设备', '制造业'],
  ['包装材料', '制造业'],
  ['新材料', '制造业'],
  ['五金制品', '制造业'],
  ['汽车零部件', '制造业'],
  ['环保设备', '制造业'],
  ['光电', '制造业'],
  ['生物医药', '医药'],
  ['医疗器械', '医药'],
  ['药业', '医药'],
  ['健康科技', '医药'],
  ['连锁超市', '零售'],
  ['商贸', '零售'],
  ['百货', '零售'],
  ['食品', '零售'],
  ['软件', '软件和信息技术'],
  ['信息技术', '软件和信息技术'],
  ['数据科技', '软件和信息技术'],
  ['网络科技', '软件和信息技术'],
  ['智能科技', '软件和信息技术'],
  ['供应链', '物流'],
  ['物流', '物流'],
  ['仓储', '物流'],
  ['国际货运代理', '物流'],
  ['教育科技', '教育'],
  ['培训', '教育'],
  ['建筑工程', '建筑'],
  ['装饰工程', '建筑'],
  ['建材', '建筑'],
  ['餐饮管理', '餐饮'],
  ['酒店管理', '餐饮'],
  ['广告', '文化传媒'],
  ['文化传媒', '文化传媒'],
  ['会展服务', '文化传媒'],
  ['新能源', '能源'],
  ['电力设备', '能源'],
  ['农业科技', '农业'],
  ['生态农业', '农业'],
  ['投资管理', '金融'],
  ['融资租赁', '金融'],
  ['实业', '综合'],
  ['贸易', '零售'],
];
export const suffixes = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];
const sources = ['展会', '官网咨询', '老客户转介绍', '电话拜访', '百度推广', '公众号', '抖音', '地推'];
const tagPool = [
  '重点客户',
  '高意向',
  '需回访',
  '老客户转介绍',
  '展会',
  '渠道',
  '大客户',
  '价格敏感',
  '已报价',
];
export const mobilePrefixes = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
];
mobilePrefixes.push('153', '155', '156', '157', '158', '159', '180', '181', '182', '183', '185', '186');
mobilePrefixes.push('187', '188', '189');
const streets = [
  '人民路',
  '建设路',
  '中山路',
  '解放路',
  '科技园路',
  '工业大道',
  '滨江大道',
  '创业路',
  '长江路',
];

const day = 86_400_000;

export const surnames = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈',
];
export const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '军',
  '涛',
  '明',
  '超',
  '秀英',
  '志强',
  '建华',
  '海燕',
  '晓东',
  '丽娟',
  '文博',
  '子涵',
];
export const titles = [
  '采购经理',
  '总经理',
  '技术总监',
  '财务经理',
  '行政主管',
  '销售总监',
  '项目经理',
  '工程师',
];

/**
 * Customers for the org's users: `--customers` companies owned by the org's users (about 5% in the
 * pool, no owner), named city + brand + business line + legal form (mostly unique), with levels,
 * statuses, industries, regions, tags, valid mainland mobiles and landlines, e-mails; and their 查重
 * keys. The columns come from the app's own `columnsOf` (name key, pinyin and initials via pinyinKeys)
 * and the keys from `dedupKeysOf`, so search and duplicate checks see exactly what the API would
 * have written; the dedup_keys rows are the ones `writeDedupKeys` inserts (phone, email, company,
 * company_prefix), written in batches instead of its per-record delete + insert. No audit rows and no
 * events: bulk data, not user changes (as the org generator).
 */
export const customersGenerator: Generator = {
  name: 'customers',
  options: {
    customers: {
      default: 0,
      help: 'customers owned by the org’s users, with their 查重 keys and search documents',
    },
    'contacts-per-customer': {
      default: 2,
      help: 'contacts of each generated customer (mobile, 查重 keys), with --customers',
    },
  },
  async run(ctx, counts) {
    const total = Math.max(0, counts.customers ?? 0);
    if (!total) return;
    const contactsEach = Math.max(0, counts['contacts-per-customer'] ?? 2);
    let contactCount = 0;
    const { orgId, now, random } = ctx;
    const owners = ctx.userIds.length ? ctx.userIds : await orgUserIds(ctx);
    if (!owners.length) throw new Error(`org ${orgId} has no users to own customers`);
    const pool = await defaultPool(ctx.db, orgId, now);
    const brandPinyin = new Map<string, string>();
    for (const a of brandFirst)
      for (const b of brandSecond) if (a !== b) brandPinyin.set(a + b, pinyinKeys(a + b).full);
    const brands = [...brandPinyin.keys()];

    // Five indexes over random keys (name, pinyin, 查重 keys): with SQLite's default 2 MB page cache the
    // inserts soon wait on the disk. A bounded larger cache (1 GiB) while generating, the default again after.
    const cacheSize = ctx.sqlite?.pragma('cache_size', { simple: true });
    ctx.sqlite?.pragma('cache_size = -1048576');
    // A customer is about five rows (its 查重 keys); commits of ~25,000 rows are twice as fast on SQLite
    // as commits of 1,000 (fewer WAL commits and checkpoints) and still a bounded buffer.
    const writer = new BatchWriter(ctx, 'customers', total, Math.max(ctx.batchSize, 25_000));
    let peakRss = process.memoryUsage().rss;
    let rejectedPhones = 0;
    for (let i = 0; i < total; i++) {
      const place = pick(random, places);
      const brand = pick(random, brands);
      const [line, industry] = pick(random, lines);
      const suffix = pick(random, suffixes);
      // Most names lead with the city; some carry it in brackets after the brand (dropped by the key).
      const r = random();
      const name =
        r < 0.75
          ? `${place.short}${brand}${line}${suffix}`
          : r < 0.9
            ? `${brand}${line}（${place.short}）${suffix}`
            : `${brand}${line}${suffix}`;
      const fields = {
        name,
        level: random() < 0.1 ? null : pick(random, ['A', 'B', 'B', 'C', 'C', 'C'] as const),
        status: pick(random, [
          'prospect',
          'prospect',
          'prospect',
          'customer',
          'customer',
          'churned',
        ] as const),
        industry,
        region: { province: place.province, city: place.city },
        address: `${place.city}${pick(random, streets)}${1 + Math.floor(random() * 999)}号`,
        phone: random() < 0.92 ? phoneOf(random, place) : null,
        email:
          random() < 0.7
            ? `${pick(random, ['info', 'sales', 'contact', 'service', 'hr'])}@${brandPinyin.get(brand)}-${place.tag}${i % 1000}.com${random() < 0.5 ? '.cn' : ''}`
            : null,
        source: pick(random, sources),
        tags: tagsOf(random),
        ownerId: random() < 0.05 ? undefined : pick(random, owners),
      };
      let keys = dedupKeysOf(fields);
      if (fields.phone && !keys.phone) {
        // Not valid for libphonenumber: store none rather than a number the API would refuse.
        rejectedPhones++;
        fields.phone = null;
        keys = dedupKeysOf(fields);
      }
      const updated = now - Math.floor(random() * 730 * day);
      const created = updated - Math.floor(random() * 365 * day);
      const id = newId();
      await writer.add('customers', {
        id,
        orgId,
        shortName: null,
        level: null,
        industry: null,
        province: null,
        city: null,
        address: null,
        phone: null,
        phoneE164: null,
        email: null,
        website: null,
        source: null,
        ...columnsOf(fields, keys),
        ownerId: fields.ownerId ?? null,
        poolId: fields.ownerId ? null : pool.id,
        ownedSince: fields.ownerId ? created : null,
        status: fields.status,
        locked: 0,
        custom: '{}',
        lastFollowUpAt: random() < 0.6 ? updated - Math.floor(random() * 30 * day) : null,
        createdBy: fields.ownerId ?? null,
        createdAt: created,
        updatedAt: updated,
        version: 1,
        deletedAt: null,
      });
      // The rows writeDedupKeys would insert for these keys, and the search document it writes.
      const dedup = dedupRows(orgId, 'customer', id, keys);
      for (const row of dedup) await writer.add('dedupKeys', row);
      if (dedup.length)
        await writer.add('searchDocs', {
          orgId,
          object: 'customer',
          recordId: id,
          tokens: searchTokens({ name, phoneE164: keys.phone }),
        });
      // Its contacts (联系人): a person with a mobile, as the contacts API stores them.
      for (let k = 0; k < contactsEach; k++) {
        const contactId = newId();
        const person = pick(random, surnames) + pick(random, givenNames);
        const cols = contactColumns({
          name: person,
          title: pick(random, titles),
          mobile: pick(random, mobilePrefixes) + digits(random, 8),
        });
        await writer.add('contacts', {
          id: contactId,
          orgId,
          customerId: id,
          createdBy: fields.ownerId ?? null,
          createdAt: created,
          updatedAt: created,
          version: 1,
          deletedAt: null,
          title: null,
          role: null,
          phone: null,
          phoneE164: null,
          email: null,
          wechat: null,
          birthday: null,
          notes: null,
          custom: '{}',
          ...cols,
        });
        for (const row of dedupRows(orgId, 'contact', contactId, contactKeys(cols as never)))
          await writer.add('dedupKeys', row);
        contactCount++;
      }
      writer.tick();
      if ((i & 4095) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    await writer.done();
    if (ctx.sqlite) ctx.sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const seconds = writer.seconds();
    ctx.stats.customers = { rows: total, seconds, peakRssMiB: Math.round(peakRss / 2 ** 20) };
    ctx.stats.contacts = { rows: contactCount, seconds };
    ctx.log(
      `  customers: peak RSS ${Math.round(peakRss / 2 ** 20)} MiB${rejectedPhones ? `, ${rejectedPhones} phones libphonenumber refused (left empty)` : ''}`,
    );
  },
};

/** A mainland mobile (13x/15x/18x, 11 digits) or a landline of the customer's city, as people type them. */
export function phoneOf(random: () => number, place: { area: string; local: number }): string {
  if (random() < 0.6) {
    const n = pick(random, mobilePrefixes) + digits(random, 8);
    const f = random();
    return f < 0.7 ? n : f < 0.85 ? `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}` : `+86 ${n}`;
  }
  // Local numbers start with 2–8 (1 is for services, 0 is the trunk prefix, 9 mostly special).
  const local = String(2 + Math.floor(random() * 7)) + digits(random, place.local - 1);
  const f = random();
  const ext = random() < 0.1 ? `转${100 + Math.floor(random() * 900)}` : '';
  return f < 0.7
    ? `${place.area}-${local}${ext}`
    : f < 0.9
      ? `(${place.area})${local}`
      : `${place.area}${local}`;
}

export function digits(random: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(random() * 10);
  return s;
}

function tagsOf(random: () => number): string[] {
  const r = random();
  if (r < 0.45) return [];
  const n = r < 0.8 ? 1 : r < 0.95 ? 2 : 3;
  const out = new Set<string>();
  while (out.size < n) out.add(pick(random, tagPool));
  return [...out];
}

export async function orgUserIds(ctx: GenContext): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', ctx.orgId)
    .where('active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}
