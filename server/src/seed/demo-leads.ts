import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { logFollowUp } from '../modules/follow-ups/follow-ups.service.js';
import { convertLead } from '../modules/leads/convert.js';
import { hashSecret, randomToken } from '../modules/leads/intake.js';
import { createLead, disqualifyLead } from '../modules/leads/leads.service.js';
import { loadActor } from '../platform/auth/actor-loader.js';
import { AppError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { sequence } from './demo-customers.js';

const day = 86_400_000;
const hour = 3_600_000;

// The demo's leads: four months of enquiries from the channels a Chinese SME sees (官网表单, 公众号,
// 展会 lists, 转介绍, 电话营销), routed by assignment rules, followed up, and — the older ones — either
// converted into customers or closed as 无效 with a reason, with the patterns real history has
// (referrals and enquiries that ask for a price convert far more often), so lists, SLA markers and
// the learned score have something real to show.

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐'.split('');
const given = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '桂英',
  '建国',
  '海燕',
  '志强',
  '晓东',
  '丽华',
];
const titles = [
  '采购经理',
  '总经理',
  '技术总监',
  '采购专员',
  '行政主管',
  '工程师',
  '老板',
  '设备科长',
  '运营经理',
  null,
];
const regions: [string, string][] = [
  ['上海', '上海'],
  ['浙江', '杭州'],
  ['江苏', '苏州'],
  ['广东', '广州'],
  ['广东', '深圳'],
  ['福建', '厦门'],
  ['四川', '成都'],
  ['湖北', '武汉'],
  ['北京', '北京'],
  ['山东', '青岛'],
];
const brands = '恒瑞华信泰达宏远鼎丰博创嘉盛德隆鑫源中天晨光永新'.match(/../g)!;
const trades: [string, string][] = [
  ['精密机械', '机械制造'],
  ['电子科技', '电子'],
  ['医疗器械', '医疗'],
  ['新材料', '化工'],
  ['物流', '物流'],
  ['食品', '食品'],
  ['软件', 'IT'],
];
const asks = [
  ['请发一份报价单', '想了解价格和交期', '今年有采购预算，想比较几家', '招标需要三家报价'],
  ['想了解一下产品', '看到公众号文章，想咨询', '先收集资料', '随便看看'],
];
const channels = [
  { source: '官网', channel: 'web_form' as const, weight: 30 },
  { source: '微信公众号', channel: 'api' as const, weight: 20 },
  { source: '展会', channel: 'import' as const, weight: 25 },
  { source: '转介绍', channel: 'manual' as const, weight: 10 },
  { source: '电话营销', channel: 'manual' as const, weight: 15 },
];

/**
 * About 90 leads over the last 120 days, with the org's lead sources, assignment rules and their
 * follow-ups, conversions and 无效 closures. Written through the same services as the API.
 */
export async function seedDemoLeads(
  tx: Kysely<DB>,
  orgId: string,
  o: { adminId: string; departments: Map<string, string>; users: (who: string) => string },
  now: number,
): Promise<void> {
  const random = sequence(20261201);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const admin = (await loadActor(tx, o.adminId, 'session'))!;

  // Sources: the website form and the official account's inbound API.
  for (const [kind, name, source] of [
    ['web_form', '官网咨询表单', '官网'],
    ['api', '微信公众号留言', '微信公众号'],
  ] as const)
    await tx
      .insertInto('leadSources')
      .values({
        id: newId(),
        orgId,
        kind,
        name,
        publicKey: randomToken(12),
        secretHash: kind === 'api' ? hashSecret(randomToken(32)) : null,
        source,
        campaign: kind === 'web_form' ? '2026 秋季新品推广' : null,
        onDuplicate: kind === 'api' ? 'merge' : 'flag',
        fields: JSON.stringify([
          { key: 'name', required: true },
          { key: 'company', required: true },
          { key: 'phone', required: true },
          { key: 'inquiry', required: false },
        ]),
        allowedOrigins: '[]',
        thankYou: null,
        createdBy: o.adminId,
        createdAt: now - 130 * day,
        updatedAt: now - 130 * day,
        deletedAt: null,
      })
      .execute();

  // Assignment rules: hot leads to the senior reps, then by region; the rest wait in 线索池.
  const rules = [
    {
      name: '高分线索给资深销售',
      conditions: [{ field: 'score', op: 'gte', values: [80] }],
      targetType: 'users',
      targetIds: [o.users('zhang.wei'), o.users('zhou.jie')],
      method: 'least_open',
      onExpiry: 'reassign',
    },
    {
      name: '华东线索',
      conditions: [{ field: 'province', op: 'in', values: ['上海', '浙江', '江苏'] }],
      targetType: 'department',
      targetIds: [o.departments.get('east')!],
      method: 'round_robin',
      onExpiry: 'pool',
    },
    {
      name: '华南线索',
      conditions: [{ field: 'province', op: 'in', values: ['广东', '福建'] }],
      targetType: 'department',
      targetIds: [o.departments.get('south')!],
      method: 'round_robin',
      onExpiry: 'pool',
    },
    {
      name: '华北线索',
      conditions: [{ field: 'province', op: 'in', values: ['北京', '山东'] }],
      targetType: 'department',
      targetIds: [o.departments.get('north')!],
      method: 'weighted',
      onExpiry: 'none',
    },
  ];
  for (const [i, r] of rules.entries())
    await tx
      .insertInto('leadAssignmentRules')
      .values({
        id: newId(),
        orgId,
        position: i + 1,
        name: r.name,
        conditions: JSON.stringify(r.conditions),
        targetType: r.targetType,
        targetIds: JSON.stringify(r.targetIds),
        method: r.method,
        weights: '{}',
        dailyCap: 20,
        onExpiry: r.onExpiry,
        createdAt: now - 130 * day,
        updatedAt: now - 130 * day,
      })
      .execute();

  const totalWeight = channels.reduce((n, c) => n + c.weight, 0);
  const channelOf = () => {
    let r = random() * totalWeight;
    for (const c of channels) {
      r -= c.weight;
      if (r < 0) return c;
    }
    return channels[0]!;
  };
  for (let i = 0; i < 90; i++) {
    const c = channelOf();
    const hot = random() < 0.45;
    const [province, city] = pick(regions);
    const [tradeName, industry] = pick(trades);
    const company = random() < 0.9 ? `${city}${pick(brands)}${tradeName}有限公司` : null;
    // Older first: the first leads are four months old, the last ones came in today.
    const at = now - Math.round(((90 - i) / 90) * 120 * day) + Math.floor(random() * 8) * hour;
    const meta = { orgId, actorId: null, at };
    const id = await createLead(
      tx,
      admin,
      {
        name: `${pick(surnames)}${pick(given)}`,
        company,
        title: pick(titles),
        phone: `139${String(10_000_000 + i * 7919).slice(0, 8)}`,
        region: { province, city },
        industry,
        source: c.source,
        inquiry: pick(asks[hot ? 0 : 1]!),
        assign: 'rules',
      },
      {
        ...meta,
        intake: {
          channel: c.channel,
          detail:
            c.channel === 'import'
              ? { campaign: '2026 上海工博会' }
              : c.channel === 'web_form'
                ? { utm: { utm_source: 'baidu' } }
                : {},
        },
        onDuplicate: 'flag',
      },
    );
    const lead = await tx
      .selectFrom('leads')
      .select(['ownerId', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (!lead.ownerId) continue; // waits in 线索池
    const owner = (await loadActor(tx, lead.ownerId, 'session'))!;
    const age = now - at;
    // Most reps answer within hours; a few leads of the last days are still waiting, two are late.
    if (age < 2 * day && random() < 0.6) continue;
    const first = at + (random() < 0.9 ? Math.floor(random() * 20) + 1 : 30) * hour;
    if (first >= now) continue;
    await logFollowUp(
      tx,
      owner,
      'lead',
      id,
      {
        method: pick(['phone', 'phone', 'wechat', 'email']),
        content: hot ? '电话沟通，客户在比价，约了下周演示' : '加了微信，先发了资料',
        nextAt: null,
      },
      { orgId, actorId: owner.userId, at: first },
    );
    // Open: the last month's leads, and some older ones still being worked on.
    if (age < 30 * day || random() < 0.15) continue;
    // Closed: referrals and price enquiries convert far more often.
    const chance = (hot ? 0.55 : 0.12) + (c.source === '转介绍' ? 0.3 : 0) + (c.source === '展会' ? 0.05 : 0);
    const closedAt = first + Math.floor(5 + random() * 10) * day;
    const version = (
      await tx.selectFrom('leads').select('version').where('id', '=', id).executeTakeFirstOrThrow()
    ).version;
    const converted =
      random() < chance &&
      company !== null &&
      (await attempt(tx, () =>
        convertLead(
          tx,
          owner,
          id,
          {
            customer: { mode: 'new', nearDuplicateReason: '演示数据：同名不同公司' },
            contact: true,
            // Most hot leads come with a deal to work (线索→商机); the rest become customers first.
            ...(hot && random() < 0.7
              ? { opportunity: { amount: Math.round(5 + random() * 45) * 1_000_000 } }
              : {}),
          },
          { orgId, actorId: owner.userId, at: closedAt, version },
        ),
      ));
    if (!converted)
      await disqualifyLead(tx, owner, id, pick(['联系不上', '无购买需求', '同行或竞品询价', '预算不足']), {
        orgId,
        actorId: owner.userId,
        at: closedAt,
        version,
      });
  }
}

/**
 * Runs a step that may be refused with a 409 (the company is a customer already): true when it went
 * through, false when refused — its writes undone by a savepoint, so the transaction goes on.
 */
async function attempt(tx: Kysely<DB>, step: () => Promise<unknown>): Promise<boolean> {
  await sql`savepoint demo_step`.execute(tx);
  try {
    await step();
    await sql`release savepoint demo_step`.execute(tx);
    return true;
  } catch (err) {
    await sql`rollback to savepoint demo_step`.execute(tx);
    if (err instanceof AppError && err.status === 409) return false;
    throw err;
  }
}
