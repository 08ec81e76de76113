import { type SqlBool, sql } from 'kysely';
import { scopeFilter } from '../../platform/access/index.js';
import { followUpsInReach } from '../follow-ups/follow-ups.repo.js';
import { registerMetric, type Source } from './registry.js';

// The metrics of leads, customers, deals and follow-ups. Each number is defined here once; a ratio is
// two of them divided, so a rate always agrees with the counts shown beside it.

const day = 86_400_000;

const leads: Source = {
  key: 'lead',
  table: 'leads',
  where: ['t.deleted_at is null'],
  owner: 't.owner_id',
  scope: (actor) => scopeFilter(actor, 'lead', 't.owner_id'),
  record: { kind: 'lead', id: 't.id', name: 't.name', detail: 't.company' },
  dimensions: {
    source: { column: 't.source' },
    channel: { column: 't.channel' },
    industry: { column: 't.industry' },
    region: { column: 't.province' },
  },
};

const customers: Source = {
  key: 'customer',
  table: 'customers',
  where: ['t.deleted_at is null'],
  owner: 't.owner_id',
  scope: (actor) => scopeFilter(actor, 'customer', 't.owner_id'),
  record: { kind: 'customer', id: 't.id', name: 't.name', detail: 't.level' },
  dimensions: {
    source: { column: 't.source' },
    industry: { column: 't.industry' },
    region: { column: 't.province' },
    customerLevel: { column: 't.level' },
  },
};

const deals: Source = {
  key: 'opportunity',
  table: 'opportunities',
  where: ['t.deleted_at is null'],
  owner: 't.owner_id',
  scope: (actor) => scopeFilter(actor, 'opportunity', 't.owner_id'),
  record: { kind: 'opportunity', id: 't.id', name: 't.name', detail: 't.status' },
  joins: {
    customer: 'join customers c on c.id = t.customer_id',
    stage: 'join pipeline_stages st on st.id = t.stage_id',
  },
  dimensions: {
    pipeline: { column: 't.pipeline_id' },
    stage: { column: 't.stage_id' },
    source: { column: 't.source' },
    industry: { column: 'c.industry', join: 'customer' },
    region: { column: 'c.province', join: 'customer' },
    customerLevel: { column: 'c.level', join: 'customer' },
  },
};

/** 阶段停留: each stay of a deal in a stage (stage history), counted on its deal's owner and scope. */
const stays: Source = {
  key: 'stage_stay',
  table: 'opportunity_stage_history',
  always: ['join opportunities o on o.id = t.opportunity_id'],
  where: ['o.deleted_at is null'],
  owner: 'o.owner_id',
  scope: (actor) => scopeFilter(actor, 'opportunity', 'o.owner_id'),
  // A stay lists as its deal (the same deal once per stay counted).
  record: { kind: 'opportunity', id: 't.id', name: 'o.name', detail: 'o.status', linkId: 'o.id' },
  joins: {
    customer: 'join customers c on c.id = o.customer_id',
    stage: 'join pipeline_stages st on st.id = t.stage_id',
    // Left: a stay still open has none (and a rate reads its exits and advances in one pass).
    nextStage: 'left join pipeline_stages ns on ns.id = t.next_stage_id',
  },
  dimensions: {
    pipeline: { column: 'o.pipeline_id' },
    stage: { column: 't.stage_id' },
    source: { column: 'o.source' },
    industry: { column: 'c.industry', join: 'customer' },
    region: { column: 'c.province', join: 'customer' },
    customerLevel: { column: 'c.level', join: 'customer' },
  },
};

/** 公海 moves of customers (ownership history), counted for the rep who took or gave the customer. */
const poolMove = (kind: 'claim' | 'release' | 'recycle', owner: string): Source => ({
  key: `pool_${kind}`,
  table: 'ownership_history',
  always: ['join customers c on c.id = t.record_id'],
  where: ["t.object = 'customer'", `t.kind = '${kind}'`],
  owner,
  scope: (actor) => scopeFilter(actor, 'customer', owner),
  dimensions: {
    industry: { column: 'c.industry' },
    region: { column: 'c.province' },
    customerLevel: { column: 'c.level' },
  },
  record: { kind: 'customer', id: 't.id', name: 'c.name', detail: 'c.level', linkId: 't.record_id' },
});

/** Follow-ups count for whoever logged them, on the records the reader can see. */
const followUps: Source = {
  key: 'follow_up',
  table: 'follow_ups',
  where: ['t.deleted_at is null'],
  owner: 't.created_by',
  scope: (actor) => followUpsInReach(actor, 't') ?? sql<SqlBool>`1 = 1`,
  record: {
    kind: 'follow_up',
    id: 't.id',
    name: 't.content',
    detail: 't.method',
    linkObject: 't.object',
    linkId: 't.record_id',
  },
  dimensions: { method: { column: 't.method' } },
};

const text = (zh: string, en: string) => ({ 'zh-CN': zh, en });

// 线索 (leads): a cohort by the day each came in.
registerMetric({
  id: 'new_leads',
  name: text('新增线索', 'New leads'),
  description: text('期间内进入系统的线索数', 'Leads that came in during the period'),
  unit: 'count',
  targetable: true,
  source: leads,
  aggregate: 'count',
  time: 't.created_at',
});
registerMetric({
  id: 'leads_to_deal',
  name: text('转为商机的线索', 'Leads turned into deals'),
  description: text(
    '期间内进入的线索中已转为商机的数量',
    'Leads that came in during the period and have become a deal',
  ),
  unit: 'count',
  source: leads,
  aggregate: 'count',
  where: 't.converted_opportunity_id is not null',
  time: 't.created_at',
});
registerMetric({
  id: 'lead_to_deal_rate',
  name: text('线索→商机转化率', 'Lead → deal conversion'),
  description: text('转为商机的线索 ÷ 新增线索', 'Leads turned into deals ÷ new leads'),
  unit: 'ratio',
  ratio: { numerator: 'leads_to_deal', denominator: 'new_leads' },
});
registerMetric({
  id: 'leads_responded',
  name: text('已首次跟进的线索', 'Leads followed up'),
  description: text('期间内进入的线索中已有首次跟进的数量', 'Leads of the period with a first follow-up'),
  unit: 'count',
  source: leads,
  aggregate: 'count',
  where: 't.first_follow_up_at is not null',
  time: 't.created_at',
});
registerMetric({
  id: 'lead_response_hours_total',
  name: text('首次响应总时长', 'Total time to first follow-up'),
  description: text(
    '已首次跟进的线索从分配（或进入）到首次跟进的小时数之和',
    'Hours from assignment (or arrival) to the first follow-up, summed over the leads followed up',
  ),
  unit: 'hours',
  source: leads,
  aggregate: 'sum',
  value: '(t.first_follow_up_at - coalesce(t.assigned_at, t.created_at)) / 3600000.0',
  where: 't.first_follow_up_at is not null',
  time: 't.created_at',
});
registerMetric({
  id: 'lead_response_hours',
  name: text('平均首次响应时长', 'Average time to first follow-up'),
  description: text('首次响应总时长 ÷ 已首次跟进的线索', 'Total time to first follow-up ÷ leads followed up'),
  unit: 'hours',
  ratio: { numerator: 'lead_response_hours_total', denominator: 'leads_responded' },
});
registerMetric({
  id: 'leads_with_sla',
  name: text('有首次跟进时限的线索', 'Leads with a first-contact deadline'),
  description: text(
    '期间内进入、设有首次跟进时限的线索数',
    'Leads of the period given a first-contact deadline',
  ),
  unit: 'count',
  source: leads,
  aggregate: 'count',
  where: 't.sla_due_at is not null',
  time: 't.created_at',
});
registerMetric({
  id: 'leads_sla_met',
  name: text('按时首次跟进的线索', 'Leads contacted in time'),
  description: text('在时限前完成首次跟进的线索数', 'Leads followed up before their first-contact deadline'),
  unit: 'count',
  source: leads,
  aggregate: 'count',
  where:
    't.sla_due_at is not null and t.first_follow_up_at is not null and t.first_follow_up_at <= t.sla_due_at',
  time: 't.created_at',
});
registerMetric({
  id: 'lead_sla_rate',
  name: text('首次跟进及时率', 'First-contact SLA hit rate'),
  description: text('按时首次跟进的线索 ÷ 有时限的线索', 'Leads contacted in time ÷ leads with a deadline'),
  unit: 'ratio',
  ratio: { numerator: 'leads_sla_met', denominator: 'leads_with_sla' },
});

// 客户
registerMetric({
  id: 'new_customers',
  name: text('新增客户', 'New customers'),
  description: text('期间内建立的客户数', 'Customers created during the period'),
  unit: 'count',
  targetable: true,
  source: customers,
  aggregate: 'count',
  time: 't.created_at',
});

// 跟进
registerMetric({
  id: 'follow_ups',
  name: text('跟进次数', 'Follow-ups'),
  description: text('期间内记录的跟进数（线索、客户、商机）', 'Follow-ups logged during the period'),
  unit: 'count',
  source: followUps,
  aggregate: 'count',
  time: 't.created_at',
});
registerMetric({
  id: 'follow_up_minutes',
  name: text('跟进时长', 'Follow-up time'),
  description: text('期间内跟进记录的时长之和（分钟）', 'Minutes of the follow-ups logged during the period'),
  unit: 'minutes',
  source: followUps,
  aggregate: 'sum',
  value: 'coalesce(t.duration_minutes, 0)',
  time: 't.created_at',
});

// 公海: customers claimed from the pool, returned to it by their rep, and taken back by its rules.
registerMetric({
  id: 'pool_claims',
  name: text('公海领取', 'Pool claims'),
  description: text('期间内从公海领取客户的次数', 'Customers claimed from the pool during the period'),
  unit: 'count',
  source: poolMove('claim', 't.to_owner_id'),
  aggregate: 'count',
  time: 't.at',
});
registerMetric({
  id: 'pool_returns',
  name: text('退回公海', 'Returned to the pool'),
  description: text(
    '期间内负责人主动退回公海的客户数',
    'Customers their rep returned to the pool during the period',
  ),
  unit: 'count',
  source: poolMove('release', 't.from_owner_id'),
  aggregate: 'count',
  time: 't.at',
});
registerMetric({
  id: 'pool_recycled',
  name: text('被回收', 'Taken back by the pool'),
  description: text(
    '期间内按回收规则收回公海的客户数',
    'Customers the pool’s rules took back from their rep during the period',
  ),
  unit: 'count',
  source: poolMove('recycle', 't.from_owner_id'),
  aggregate: 'count',
  time: 't.at',
});

// 跟进 → 推进: of the follow-ups logged on deals, those after which the deal moved to another stage
// (not 输单) within 14 days. Only follow-ups at least 14 days old count, so the window has passed.
const advanceDays = 14;
const settledFollowUp = (c: { now: number }) =>
  `t.object = 'opportunity' and t.created_at <= ${Math.trunc(c.now) - advanceDays * day}`;
registerMetric({
  id: 'deal_follow_ups',
  name: text('商机跟进', 'Deal follow-ups'),
  description: text(
    `期间内在商机上记录、已满 ${advanceDays} 天的跟进数`,
    `Follow-ups logged on deals during the period, at least ${advanceDays} days old`,
  ),
  unit: 'count',
  source: followUps,
  aggregate: 'count',
  where: settledFollowUp,
  time: 't.created_at',
});
registerMetric({
  id: 'deal_follow_ups_advanced',
  name: text('带来推进的跟进', 'Follow-ups followed by progress'),
  description: text(
    `商机跟进中，${advanceDays} 天内商机进入了另一阶段（输单除外）的数量`,
    `Deal follow-ups after which the deal entered another stage (not lost) within ${advanceDays} days`,
  ),
  unit: 'count',
  source: followUps,
  aggregate: 'count',
  // advanced_at: the deal's first entry into a stage other than 输单 after the follow-up (follow-ups/advances.ts).
  where: (c) => `${settledFollowUp(c)} and t.advanced_at <= t.created_at + ${advanceDays * day}`,
  time: 't.created_at',
});
registerMetric({
  id: 'follow_up_advance_rate',
  name: text('跟进推进率', 'Follow-up → progress rate'),
  description: text(
    '带来推进的跟进 ÷ 商机跟进（可按跟进方式看）',
    'Follow-ups followed by progress ÷ deal follow-ups (by method, too)',
  ),
  unit: 'ratio',
  ratio: { numerator: 'deal_follow_ups_advanced', denominator: 'deal_follow_ups' },
});

// 使用情况 (adoption): whether the team works in the CRM — the days they log follow-ups, how much on
// such a day, and how complete the customers they own are.
registerMetric({
  id: 'active_days',
  name: text('活跃天数', 'Active days'),
  description: text(
    '期间内记录过跟进的天数（按公司时区的日历日；一个团队为有人记录跟进的天数）',
    'Days of the period with a follow-up logged (calendar days in the company’s time zone; for a team, days anyone logged one)',
  ),
  unit: 'days',
  source: followUps,
  aggregate: 'distinct',
  // The day of the period (its first is 0): the range starts at a midnight of the org's calendar.
  value: (c) => `(t.created_at - ${Math.trunc(c.from)}) / ${day}`,
  time: 't.created_at',
});
registerMetric({
  id: 'follow_ups_per_active_day',
  name: text('日均跟进', 'Follow-ups per active day'),
  description: text('跟进次数 ÷ 活跃天数', 'Follow-ups ÷ active days'),
  unit: 'count',
  ratio: { numerator: 'follow_ups', denominator: 'active_days' },
});
registerMetric({
  id: 'customers_owned',
  name: text('名下客户', 'Customers owned'),
  description: text('当前有负责人的客户数', 'Customers that have an owner now'),
  unit: 'count',
  source: customers,
  aggregate: 'count',
  where: 't.owner_id is not null',
  time: null,
});
registerMetric({
  id: 'customers_complete',
  name: text('资料完整的客户', 'Customers with complete records'),
  description: text(
    '名下客户中行业、级别、省份已填且至少有一位留了电话的联系人的数量',
    'Customers owned with industry, level and province filled in and a contact with a phone number',
  ),
  unit: 'count',
  source: customers,
  aggregate: 'count',
  where: `t.owner_id is not null and t.industry is not null and t.level is not null and t.province is not null
    and exists (select 1 from contacts ct where ct.org_id = t.org_id and ct.customer_id = t.id
      and ct.deleted_at is null and (ct.mobile is not null or ct.phone is not null))`,
  time: null,
});
registerMetric({
  id: 'data_completeness',
  name: text('客户资料完整率', 'Customer record completeness'),
  description: text('资料完整的客户 ÷ 名下客户', 'Customers with complete records ÷ customers owned'),
  unit: 'ratio',
  ratio: { numerator: 'customers_complete', denominator: 'customers_owned' },
});

// 商机: created in the period, or closed in it (won, lost), or as they stand now (pipeline).
registerMetric({
  id: 'deals_created',
  name: text('新增商机', 'Deals created'),
  description: text('期间内创建的商机数', 'Deals created during the period'),
  unit: 'count',
  targetable: true,
  source: deals,
  aggregate: 'count',
  time: 't.created_at',
});
registerMetric({
  id: 'won_deals',
  name: text('赢单数', 'Deals won'),
  description: text('期间内赢单的商机数', 'Deals won during the period'),
  unit: 'count',
  targetable: true,
  source: deals,
  aggregate: 'count',
  where: "t.status = 'won'",
  time: 't.closed_at',
});
registerMetric({
  id: 'won_amount',
  name: text('赢单金额', 'Won amount'),
  description: text('期间内赢单商机的金额之和', 'Amount of the deals won during the period'),
  unit: 'money',
  targetable: true,
  source: deals,
  aggregate: 'sum',
  value: 't.amount',
  where: "t.status = 'won'",
  time: 't.closed_at',
});
registerMetric({
  id: 'lost_deals',
  name: text('输单数', 'Deals lost'),
  description: text('期间内输单的商机数', 'Deals lost during the period'),
  unit: 'count',
  source: deals,
  aggregate: 'count',
  where: "t.status = 'lost'",
  time: 't.closed_at',
});
registerMetric({
  id: 'closed_deals',
  name: text('结束的商机', 'Deals closed'),
  description: text('期间内赢单或输单的商机数', 'Deals won or lost during the period'),
  unit: 'count',
  source: deals,
  aggregate: 'count',
  where: "t.status in ('won', 'lost')",
  time: 't.closed_at',
});
registerMetric({
  id: 'closed_amount',
  name: text('结束商机金额', 'Closed amount'),
  description: text('期间内赢单或输单商机的金额之和', 'Amount of the deals won or lost during the period'),
  unit: 'money',
  source: deals,
  aggregate: 'sum',
  value: 't.amount',
  where: "t.status in ('won', 'lost')",
  time: 't.closed_at',
});
registerMetric({
  id: 'win_rate',
  name: text('赢率', 'Win rate'),
  description: text('赢单数 ÷ 结束的商机', 'Deals won ÷ deals closed'),
  unit: 'ratio',
  ratio: { numerator: 'won_deals', denominator: 'closed_deals' },
});
registerMetric({
  id: 'win_rate_amount',
  name: text('金额赢率', 'Win rate by amount'),
  description: text('赢单金额 ÷ 结束商机金额', 'Won amount ÷ closed amount'),
  unit: 'ratio',
  ratio: { numerator: 'won_amount', denominator: 'closed_amount' },
});
registerMetric({
  id: 'avg_deal_size',
  name: text('平均客单价', 'Average deal size'),
  description: text('赢单金额 ÷ 赢单数', 'Won amount ÷ deals won'),
  unit: 'money',
  ratio: { numerator: 'won_amount', denominator: 'won_deals' },
});
registerMetric({
  id: 'won_cycle_days_total',
  name: text('赢单周期总天数', 'Total days to win'),
  description: text(
    '期间内赢单的商机从创建到赢单的天数之和',
    'Days from creation to the win, summed over the deals won during the period',
  ),
  unit: 'days',
  source: deals,
  aggregate: 'sum',
  value: `(t.closed_at - t.created_at) / ${day}.0`,
  where: "t.status = 'won'",
  time: 't.closed_at',
});
registerMetric({
  id: 'avg_won_cycle_days',
  name: text('平均赢单周期', 'Average days to win'),
  description: text('赢单周期总天数 ÷ 赢单数', 'Total days to win ÷ deals won'),
  unit: 'days',
  ratio: { numerator: 'won_cycle_days_total', denominator: 'won_deals' },
});

// 阶段: how deals move through the stages (stage history).
registerMetric({
  id: 'stage_entries',
  name: text('进入阶段次数', 'Stage entries'),
  description: text('期间内商机进入各阶段的次数', 'Times deals entered a stage during the period'),
  unit: 'count',
  source: stays,
  aggregate: 'count',
  time: 't.entered_at',
});
registerMetric({
  id: 'stage_exits',
  name: text('离开阶段次数', 'Stage exits'),
  description: text(
    '期间内商机离开各阶段（推进、退回或结束）的次数',
    'Times deals left a stage during the period',
  ),
  unit: 'count',
  source: stays,
  aggregate: 'count',
  where: 't.left_at is not null',
  time: 't.left_at',
});
// 阶段转化: a stay ends by moving on (a later stage of the pipeline, not 输单), moving back, or losing.
registerMetric({
  id: 'stage_advances',
  name: text('推进到下一阶段', 'Stage advances'),
  description: text(
    '期间内离开阶段时进入了更靠后阶段（输单除外）的次数',
    'Times deals left a stage for a later one (not lost) during the period',
  ),
  unit: 'count',
  source: stays,
  aggregate: 'count',
  joins: ['stage', 'nextStage'],
  where: "t.left_at is not null and ns.position > st.position and ns.category <> 'closed_lost'",
  time: 't.left_at',
});
registerMetric({
  id: 'stage_conversion_rate',
  name: text('阶段转化率', 'Stage conversion rate'),
  description: text(
    '推进到下一阶段 ÷ 离开阶段次数（按阶段看即各阶段到下一阶段的转化率）',
    'Stage advances ÷ stage exits (by stage: each stage’s conversion to the next)',
  ),
  unit: 'ratio',
  ratio: { numerator: 'stage_advances', denominator: 'stage_exits' },
});
registerMetric({
  id: 'stage_days_total',
  name: text('阶段停留总天数', 'Total days in stage'),
  description: text(
    '期间内离开阶段的停留，每次从进入到离开的天数之和',
    'Days from entering to leaving, summed over the stays that ended during the period',
  ),
  unit: 'days',
  source: stays,
  aggregate: 'sum',
  value: `(t.left_at - t.entered_at) / ${day}.0`,
  where: 't.left_at is not null',
  time: 't.left_at',
});
registerMetric({
  id: 'avg_stage_days',
  name: text('平均阶段停留天数', 'Average days in stage'),
  description: text('阶段停留总天数 ÷ 离开阶段次数', 'Total days in stage ÷ stage exits'),
  unit: 'days',
  ratio: { numerator: 'stage_days_total', denominator: 'stage_exits' },
});

registerMetric({
  id: 'open_deals',
  name: text('在跟商机', 'Open deals'),
  description: text('当前未结束的商机数', 'Deals open now'),
  unit: 'count',
  source: deals,
  aggregate: 'count',
  where: "t.status = 'open'",
  time: null,
});
registerMetric({
  id: 'pipeline_value',
  name: text('商机总额', 'Pipeline value'),
  description: text('当前未结束商机的金额之和', 'Amount of the deals open now'),
  unit: 'money',
  source: deals,
  aggregate: 'sum',
  value: 't.amount',
  where: "t.status = 'open'",
  time: null,
});
registerMetric({
  id: 'weighted_pipeline',
  name: text('加权商机额', 'Weighted pipeline'),
  description: text(
    '当前未结束商机的金额 × 所在阶段赢率之和',
    'Open deals’ amount × their stage’s probability, summed',
  ),
  unit: 'money',
  source: deals,
  aggregate: 'sum',
  value: 't.amount * st.probability / 100.0',
  joins: ['stage'],
  where: "t.status = 'open'",
  time: null,
});
registerMetric({
  id: 'stalled_deals',
  name: text('停滞商机', 'Stalled deals'),
  description: text(
    '当前在阶段停留超过阶段停滞天数的未结束商机',
    'Open deals longer in their stage than it allows',
  ),
  unit: 'count',
  source: deals,
  aggregate: 'count',
  joins: ['stage'],
  where: (c) =>
    `t.status = 'open' and st.stalled_days is not null and t.stage_entered_at < ${Math.trunc(c.now)} - st.stalled_days * cast(${day} as bigint)`,
  time: null,
});
