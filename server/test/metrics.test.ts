import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/platform/ids.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import {
  day,
  demoOrg,
  expectProblem,
  insertDealWithHistory,
  loginAdmin,
  loginDemo,
  makeOrg,
} from './helpers.js';

type Row = {
  keys: Record<string, string | null>;
  labels: Record<string, string>;
  value: number | null;
  numerator?: number;
  denominator?: number;
};
type Result = {
  rows: Row[];
  total: Row;
  period: { firstDay: string; lastDay: string };
  buckets: { key: string }[];
};

/** 2026-11-27 10:00 in Shanghai (the org's zone, UTC+8): "this month" is November 2026. */
const now = Date.UTC(2026, 10, 27, 2, 0, 0);
/** An instant of a Shanghai calendar day and hour. */
const sh = (d: string, h = 12) => Date.parse(`${d}T${String(h).padStart(2, '0')}:00:00+08:00`);

type Deal = {
  owner: string;
  status: 'open' | 'won' | 'lost';
  amount: number;
  created: number;
  closed?: number;
};

// 指标: each figure computed here from the fixture by hand, and compared with the registry's.
describe.each(testDialects)('the metric registry on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client; // 刘洋, 上海一组
  let south: Client; // 吴芳, 广州组
  let manager: Client; // 李明, 华东大区 (上海一组 and 杭州组)
  let org: Awaited<ReturnType<typeof demoOrg>>;
  const deals: (Deal & { ownerId: string })[] = [];
  let stageIds: { first: string; won: string; lost: string };

  const query = async (c: Client, body: Record<string, unknown>) => {
    const res = await c({ method: 'POST', url: '/api/v1/metrics/query', body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Result;
  };
  const sum = (list: typeof deals) => list.reduce((n, d) => n + d.amount, 0);
  const within = (at: number | undefined, from: string, to: string) =>
    at !== undefined && at >= sh(from, 0) && at < sh(to, 0);

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    t.clock.set(now);
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    south = await loginDemo(t, 'wu.fang');
    manager = await loginDemo(t, 'li.ming');
    const customer = (
      await admin({ method: 'POST', url: '/api/v1/customers', body: { name: '苏州指标测试精工有限公司' } })
    ).json() as { id: string };
    const pipeline = (await admin({ url: '/api/v1/pipelines' })).json().data[0] as {
      id: string;
      stages: { id: string; category: string }[];
    };
    const stageOf = (s: Deal['status']) =>
      pipeline.stages.find((x) =>
        s === 'won' ? x.category === 'closed_won' : s === 'lost' ? x.category === 'closed_lost' : true,
      )!.id;
    const fixture: Deal[] = [
      // 刘洋: two won in November (one at 01:00 on the 1st in Shanghai, still 31 October in UTC),
      // one lost in November, one won in October, one open.
      {
        owner: 'liu.yang',
        status: 'won',
        amount: 100_000_00,
        created: sh('2026-09-01'),
        closed: sh('2026-11-01', 1),
      },
      {
        owner: 'liu.yang',
        status: 'won',
        amount: 50_000_00,
        created: sh('2026-10-02'),
        closed: sh('2026-11-20'),
      },
      {
        owner: 'liu.yang',
        status: 'lost',
        amount: 30_000_00,
        created: sh('2026-10-03'),
        closed: sh('2026-11-21'),
      },
      {
        owner: 'liu.yang',
        status: 'won',
        amount: 20_000_00,
        created: sh('2026-09-15'),
        closed: sh('2026-10-31', 23),
      },
      { owner: 'liu.yang', status: 'open', amount: 80_000_00, created: sh('2026-11-05') },
      // 陈静 (same team): one lost in November.
      {
        owner: 'chen.jing',
        status: 'lost',
        amount: 10_000_00,
        created: sh('2026-11-02'),
        closed: sh('2026-11-10'),
      },
      // 吴芳 (another region): one won in November, one open.
      {
        owner: 'wu.fang',
        status: 'won',
        amount: 70_000_00,
        created: sh('2026-10-10'),
        closed: sh('2026-11-15'),
      },
      { owner: 'wu.fang', status: 'open', amount: 40_000_00, created: sh('2026-11-12') },
    ];
    const firstStage = pipeline.stages[0]!.id;
    stageIds = { first: firstStage, won: stageOf('won'), lost: stageOf('lost') };
    for (const d of fixture) {
      const ownerId = org.user(d.owner);
      deals.push({ ...d, ownerId });
      const id = newId();
      await t.ctx.db
        .insertInto('opportunities')
        .values({
          id,
          orgId: t.orgId,
          name: `${d.owner} ${d.status} ${d.amount}`,
          customerId: customer.id,
          pipelineId: pipeline.id,
          stageId: stageOf(d.status),
          status: d.status,
          amount: d.amount,
          currency: 'CNY',
          ownerId,
          stageEnteredAt: d.closed ?? d.created,
          checklist: '{}',
          closedAt: d.closed ?? null,
          custom: '{}',
          createdAt: d.created,
          updatedAt: d.closed ?? d.created,
        })
        .execute();
      // Its stays: in the first stage from creation, then (when closed) in the closing stage.
      const stays = [
        {
          stageId: firstStage,
          enteredAt: d.created,
          leftAt: d.closed ?? null,
          nextStageId: d.closed ? stageOf(d.status) : null,
        },
        ...(d.closed ? [{ stageId: stageOf(d.status), enteredAt: d.closed, leftAt: null }] : []),
      ];
      for (const stay of stays)
        await t.ctx.db
          .insertInto('opportunityStageHistory')
          .values({
            id: newId(),
            orgId: t.orgId,
            opportunityId: id,
            ...stay,
            enteredBy: ownerId,
            leftBy: null,
          })
          .execute();
    }
  });
  afterAll(() => t.close());

  it('sums won amounts by the day each deal closed in the org’s calendar', async () => {
    const won = (from: string, to: string) =>
      deals.filter((d) => d.status === 'won' && within(d.closed, from, to));
    const november = await query(admin, { metric: 'won_amount', period: 'this_month' });
    expect(november.period).toMatchObject({ firstDay: '2026-11-01', lastDay: '2026-11-30' });
    expect(november.total.value).toBe(sum(won('2026-11-01', '2026-12-01')));
    expect(november.total.value).toBe(220_000_00);
    const october = await query(admin, { metric: 'won_amount', period: 'last_month' });
    expect(october.total.value).toBe(sum(won('2026-10-01', '2026-11-01')));

    // By month over a custom range: the buckets are the org's months.
    const trend = await query(admin, {
      metric: 'won_deals',
      period: { from: '2026-09-01', to: '2026-11-30' },
      groupBy: ['period'],
      granularity: 'month',
    });
    const byMonth = Object.fromEntries(trend.rows.map((r) => [r.keys.period, r.value]));
    expect(byMonth).toEqual({ '2026-10': 1, '2026-11': 3 });
    expect(trend.buckets.map((b) => b.key)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(trend.total.value).toBe(4);
  });

  it('divides two of its own counts for a rate, per rep, and says when there is nothing to divide', async () => {
    const res = await query(admin, { metric: 'win_rate', period: 'this_month', groupBy: ['rep'] });
    const byRep = new Map(res.rows.map((r) => [r.keys.rep, r]));
    const liu = byRep.get(org.user('liu.yang'))!;
    expect(liu).toMatchObject({ numerator: 2, denominator: 3, labels: { rep: '刘洋' } });
    expect(liu.value).toBeCloseTo(2 / 3, 10);
    expect(byRep.get(org.user('chen.jing'))).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(byRep.get(org.user('wu.fang'))).toMatchObject({ value: 1 });
    expect(res.total).toMatchObject({ numerator: 3, denominator: 5, value: 3 / 5 });
    // The parts, asked for on their own, are the same numbers (口径统一).
    const won = await query(admin, { metric: 'won_deals', period: 'this_month', groupBy: ['rep'] });
    const closed = await query(admin, { metric: 'closed_deals', period: 'this_month', groupBy: ['rep'] });
    for (const r of res.rows) {
      expect(won.rows.find((w) => w.keys.rep === r.keys.rep)?.value ?? 0).toBe(r.numerator);
      expect(closed.rows.find((w) => w.keys.rep === r.keys.rep)?.value).toBe(r.denominator);
    }
    // A rate with no closed deal is no rate at all, not 0 %.
    const empty = await query(admin, {
      metric: 'win_rate',
      period: { from: '2025-01-01', to: '2025-01-31' },
    });
    expect(empty.total).toMatchObject({ value: null, numerator: 0, denominator: 0 });
  });

  it('counts only what the reader may see: a rep their own, a manager their region', async () => {
    const pipelineNow = (c: Client) => query(c, { metric: 'pipeline_value' });
    const open = (owners: string[]) =>
      sum(deals.filter((d) => d.status === 'open' && owners.includes(d.owner)));
    expect((await pipelineNow(admin)).total.value).toBe(open(['liu.yang', 'wu.fang']));
    expect((await pipelineNow(rep)).total.value).toBe(open(['liu.yang']));
    expect((await pipelineNow(south)).total.value).toBe(open(['wu.fang']));
    const region = await query(manager, { metric: 'won_amount', period: 'this_month', groupBy: ['rep'] });
    expect(region.rows.map((r) => r.keys.rep)).toEqual([org.user('liu.yang')]);
    expect(region.total.value).toBe(150_000_00);
    // Filtering on another team's rep, as the manager, finds nothing (never their totals).
    const theirs = await query(manager, {
      metric: 'won_amount',
      period: 'this_month',
      groupBy: ['rep'],
      filters: { rep: [org.user('wu.fang')] },
    });
    expect(theirs.total.value).toBe(0);
    expect(theirs.rows).toEqual([]);
  });

  it('measures days to win and days in each stage from the deals’ own dates', async () => {
    const inNovember = (at?: number) => within(at, '2026-11-01', '2026-12-01');
    const daysOf = (d: Deal) => (d.closed! - d.created) / 86_400_000;
    const wonInNov = deals.filter((d) => d.status === 'won' && inNovember(d.closed));
    const cycle = await query(admin, { metric: 'avg_won_cycle_days', period: 'this_month' });
    expect(cycle.total.denominator).toBe(wonInNov.length);
    expect(cycle.total.value).toBeCloseTo(wonInNov.reduce((n, d) => n + daysOf(d), 0) / wonInNov.length, 6);

    // Every deal closed in November left the first stage then, after its days there.
    const closedInNov = deals.filter((d) => inNovember(d.closed));
    const inStage = await query(admin, {
      metric: 'avg_stage_days',
      period: 'this_month',
      groupBy: ['stage'],
    });
    const first = inStage.rows.find((r) => r.keys.stage === stageIds.first)!;
    expect(first.denominator).toBe(closedInNov.length);
    expect(first.value).toBeCloseTo(closedInNov.reduce((n, d) => n + daysOf(d), 0) / closedInNov.length, 6);
    expect(inStage.rows.map((r) => r.keys.stage)).toEqual([stageIds.first]);
    // Its conversion: of those that left it, the ones won moved on to a later stage; the lost did not.
    const conversion = await query(admin, {
      metric: 'stage_conversion_rate',
      period: 'this_month',
      groupBy: ['stage'],
    });
    expect(conversion.rows.map((r) => [r.keys.stage, r.numerator, r.denominator])).toEqual([
      [stageIds.first, wonInNov.length, closedInNov.length],
    ]);

    // Entering each stage in November: the deals created then, and those won or lost then.
    const entries = await query(admin, { metric: 'stage_entries', period: 'this_month', groupBy: ['stage'] });
    expect(Object.fromEntries(entries.rows.map((r) => [r.keys.stage, r.value]))).toEqual({
      [stageIds.first]: deals.filter((d) => inNovember(d.created)).length,
      [stageIds.won]: wonInNov.length,
      [stageIds.lost]: deals.filter((d) => d.status === 'lost' && inNovember(d.closed)).length,
    });
    // …and only the reader's: 刘洋 sees her own deals' stays.
    const mine = await query(rep, { metric: 'stage_entries', period: 'this_month' });
    expect(mine.total.value).toBe(
      deals
        .filter((d) => d.owner === 'liu.yang')
        .reduce((n, d) => n + (inNovember(d.created) ? 1 : 0) + (inNovember(d.closed) ? 1 : 0), 0),
    );
  });

  it('counts stalled deals by their stage’s days, however many (no 32-bit overflow on PostgreSQL)', async () => {
    const setStalled = (days: number | null) =>
      t.ctx.db
        .updateTable('pipelineStages')
        .set({ stalledDays: days })
        .where('id', '=', stageIds.first)
        .execute();
    const open = deals.filter((d) => d.status === 'open');
    const daysIn = (d: Deal) => (now - d.created) / 86_400_000;
    try {
      // 25 days × 86,400,000 ms is past 2³¹: the open deals (15 and 22 days in) are not stalled yet.
      await setStalled(25);
      expect((await query(admin, { metric: 'stalled_deals' })).total.value).toBe(
        open.filter((d) => daysIn(d) > 25).length,
      );
      await setStalled(10);
      expect((await query(admin, { metric: 'stalled_deals' })).total.value).toBe(
        open.filter((d) => daysIn(d) > 10).length,
      );
    } finally {
      await setStalled(null);
    }
  });

  it('agrees with the deal list: the same open deals and amount for every reader', async () => {
    for (const c of [admin, rep, south, manager]) {
      const list = (await c({ url: '/api/v1/opportunities?status=open&limit=1' })).json() as {
        totalCount: number;
        totalAmount: number;
      };
      expect((await query(c, { metric: 'open_deals' })).total.value).toBe(list.totalCount);
      expect((await query(c, { metric: 'pipeline_value' })).total.value).toBe(list.totalAmount);
    }
  });

  it('breaks down by department at the level asked, each with its subtree', async () => {
    const top = await query(admin, {
      metric: 'won_amount',
      period: 'this_month',
      groupBy: ['department'],
      departmentsUnder: org.dept('sales'),
    });
    const byDept = Object.fromEntries(top.rows.map((r) => [r.labels.department, r.value]));
    expect(byDept).toEqual({ 华东大区: 150_000_00, 华南大区: 70_000_00 });
    const east = await query(admin, {
      metric: 'closed_deals',
      period: 'this_month',
      groupBy: ['department'],
      departmentsUnder: org.dept('east'),
      filters: { department: [org.dept('east')] },
    });
    expect(Object.fromEntries(east.rows.map((r) => [r.labels.department, r.value]))).toEqual({ 上海一组: 4 });
  });

  it('lists every metric with its name in the reader’s language, unit and dimensions', async () => {
    const zh = (await rep({ url: '/api/v1/metrics' })).json().data as {
      id: string;
      name: string;
      unit: string;
      dimensions: string[];
      snapshot: boolean;
    }[];
    expect(zh.find((m) => m.id === 'win_rate')).toMatchObject({ name: '赢率', unit: 'ratio' });
    expect(zh.find((m) => m.id === 'pipeline_value')).toMatchObject({ snapshot: true });
    expect(zh.find((m) => m.id === 'pipeline_value')!.dimensions).not.toContain('period');
    const en = (await rep({ url: '/api/v1/metrics', headers: { 'accept-language': 'en' } })).json().data;
    expect(en.find((m: { id: string }) => m.id === 'win_rate').name).toBe('Win rate');
  });

  it('refuses what it cannot answer as asked (400), and another org’s department (404)', async () => {
    const bad = (body: Record<string, unknown>) =>
      admin({ method: 'POST', url: '/api/v1/metrics/query', body });
    expectProblem(await bad({ metric: 'revenue_magic' }), 400, 'validation_failed');
    expect((await bad({ metric: 'revenue_magic' })).json().errors[0]).toMatchObject({
      code: 'metric_unknown',
    });
    const dimension = await bad({ metric: 'won_amount', groupBy: ['method'] });
    expectProblem(dimension, 400, 'validation_failed');
    expect(dimension.json().errors[0]).toMatchObject({ code: 'metric_dimension_unsupported' });
    expect(dimension.json().errors[0].message).toBe('该指标不能按“跟进方式”分组');
    const snapshot = await bad({ metric: 'pipeline_value', groupBy: ['period'] });
    expect(snapshot.json().errors[0]).toMatchObject({ code: 'metric_dimension_unsupported' });
    const filter = await bad({ metric: 'new_customers', filters: { pipeline: ['x'] } });
    expect(filter.json().errors[0]).toMatchObject({ code: 'metric_filter_unsupported' });
    expectProblem(
      await bad({ metric: 'won_amount', filters: { colour: ['red'] } }),
      400,
      'validation_failed',
    );
    expectProblem(
      await bad({ metric: 'won_amount', groupBy: ['rep', 'period', 'stage'] }),
      400,
      'validation_failed',
    );
    expectProblem(
      await bad({ metric: 'won_amount', period: { from: '2026-11-30', to: '2026-11-01' } }),
      400,
      'validation_failed',
    );
    expectProblem(
      await bad({ metric: 'won_amount', period: { from: '2026-02-30', to: '2026-03-01' } }),
      400,
      'validation_failed',
    );
    const days = await bad({
      metric: 'won_amount',
      period: { from: '2024-01-01', to: '2026-11-30' },
      groupBy: ['period'],
      granularity: 'day',
    });
    expect(days.json().errors[0]).toMatchObject({ code: 'metric_too_many_buckets' });
    const other = await makeOrg(t);
    const foreign = (await other.admin({ url: '/api/v1/departments' })).json().data[0].id as string;
    expectProblem(await bad({ metric: 'won_amount', departmentsUnder: foreign }), 404, 'not_found');
    // The other org's admin sees none of this org's deals.
    expect((await query(other.admin, { metric: 'won_amount', period: 'this_month' })).total.value).toBe(0);
  });

  it('counts leads by the day they came in, and how many of them became deals', async () => {
    const make = async (name: string, at: number, converted: boolean) => {
      t.clock.set(at);
      const lead = (await rep({ method: 'POST', url: '/api/v1/leads', body: { name } })).json() as {
        id: string;
      };
      if (converted)
        await t.ctx.db
          .updateTable('leads')
          .set({ convertedOpportunityId: newId(), status: 'converted' })
          .where('id', '=', lead.id)
          .execute();
    };
    await make('指标线索一', sh('2026-11-03'), true);
    await make('指标线索二', sh('2026-11-04'), false);
    await make('指标线索三', sh('2026-11-05'), false);
    await make('指标线索四', sh('2026-11-06'), true);
    t.clock.set(now);
    rep = await loginDemo(t, 'liu.yang');
    const rate = await query(rep, { metric: 'lead_to_deal_rate', period: 'this_month' });
    expect(rate.total).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
    expect((await query(south, { metric: 'new_leads', period: 'this_month' })).total.value).toBe(0);
  });

  it('counts follow-ups and their minutes by method, on the records the reader can see', async () => {
    const lead = (await rep({ method: 'POST', url: '/api/v1/leads', body: { name: '指标跟进线索' } })).json();
    for (const [method, durationMinutes] of [
      ['phone', 5],
      ['phone', 10],
      ['wechat', 3],
    ] as const) {
      const res = await rep({
        method: 'POST',
        url: '/api/v1/follow-ups',
        body: { object: 'lead', recordId: lead.id, method, content: '聊了需求', durationMinutes },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const minutes = await query(rep, { metric: 'follow_up_minutes', period: 'today', groupBy: ['method'] });
    expect(Object.fromEntries(minutes.rows.map((r) => [r.keys.method, r.value]))).toEqual({
      phone: 15,
      wechat: 3,
    });
    const count = await query(manager, { metric: 'follow_ups', period: 'today', groupBy: ['rep'] });
    expect(count.rows).toEqual([expect.objectContaining({ keys: { rep: org.user('liu.yang') }, value: 3 })]);
    expect((await query(south, { metric: 'follow_ups', period: 'today' })).total.value).toBe(0);
  });
  it('counts a rep’s active days, follow-ups per active day and how complete their customers are', async () => {
    // 陈静: three follow-ups on two days of November in Shanghai (two on the 9th, the first of them still the 8th in UTC; one late on the 10th).
    const jing = await loginDemo(t, 'chen.jing');
    const lead = (await jing({ method: 'POST', url: '/api/v1/leads', body: { name: '活跃度线索' } })).json();
    for (const at of [sh('2026-11-09', 1), sh('2026-11-09', 16), sh('2026-11-10', 23)]) {
      t.clock.set(at);
      const res = await jing({
        method: 'POST',
        url: '/api/v1/follow-ups',
        body: { object: 'lead', recordId: lead.id, method: 'phone', content: '回访' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    t.clock.set(now);
    const byRep = async (metric: string) =>
      (await query(admin, { metric, period: 'this_month', groupBy: ['rep'] })).rows.find(
        (r) => r.keys.rep === org.user('chen.jing'),
      );
    expect((await byRep('active_days'))?.value).toBe(2);
    expect(await byRep('follow_ups_per_active_day')).toMatchObject({
      value: 1.5,
      numerator: 3,
      denominator: 2,
    });

    // Her customers: one complete (industry, level, province and a contact's phone), one without a contact.
    const make = async (name: string, contact: boolean) => {
      const c = (
        await jing({
          method: 'POST',
          url: '/api/v1/customers',
          body: { name, industry: '制造', level: 'A', region: { province: '江苏省', city: '苏州市' } },
        })
      ).json() as { id: string };
      if (contact)
        expect(
          (
            await jing({
              method: 'POST',
              url: '/api/v1/contacts',
              body: { customerId: c.id, name: '周总', mobile: '138 0013 8001' },
            })
          ).statusCode,
        ).toBe(201);
    };
    const before = (await byRep('data_completeness')) ?? { numerator: 0, denominator: 0 };
    await make('苏州资料完整精工有限公司', true);
    await make('苏州资料欠缺精工有限公司', false);
    const after = await byRep('data_completeness');
    expect(after).toMatchObject({
      numerator: (before.numerator ?? 0) + 1,
      denominator: (before.denominator ?? 0) + 2,
    });
  });

  it('rates follow-ups by whether the deal moved to another stage within 14 days after, by method', async () => {
    const pipeline = (await admin({ url: '/api/v1/pipelines' })).json().data[0] as {
      id: string;
      stages: { id: string; category: string }[];
    };
    const [first, second] = pipeline.stages;
    const customer = (
      await admin({ method: 'POST', url: '/api/v1/customers', body: { name: '苏州推进率测试精工有限公司' } })
    ).json() as { id: string };
    const start = sh('2026-10-01');
    const deal = await insertDealWithHistory(t, {
      ownerId: org.user('liu.yang'),
      customerId: customer.id,
      pipelineId: pipeline.id,
      amount: 10_000_00,
      created: start,
      stays: [
        [first!.id, start],
        [second!.id, start + 20 * day],
      ],
      status: 'open',
    });
    const liu = await loginDemo(t, 'liu.yang');
    // A phone call 19 days before the move, a visit 10 days before it, a call 5 days ago (too recent).
    for (const [at, method] of [
      [start + day, 'phone'],
      [start + 10 * day, 'visit'],
      [now - 5 * day, 'phone'],
    ] as const) {
      t.clock.set(at);
      const res = await liu({
        method: 'POST',
        url: '/api/v1/follow-ups',
        body: { object: 'opportunity', recordId: deal, method, content: '推进测试' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    t.clock.set(now);
    const rate = await query(liu, {
      metric: 'follow_up_advance_rate',
      period: { from: '2026-10-01', to: '2026-11-30' },
      groupBy: ['method'],
    });
    const byMethod = Object.fromEntries(rate.rows.map((r) => [r.keys.method, [r.numerator, r.denominator]]));
    expect(byMethod).toEqual({ phone: [0, 1], visit: [1, 1] });
    expect(rate.total).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it('counts a follow-up as followed by progress when its deal moves on afterwards, within 14 days and not to 输单', async () => {
    const pipeline = (await admin({ url: '/api/v1/pipelines' })).json().data[0] as {
      id: string;
      stages: { id: string; category: string }[];
    };
    const [, second] = pipeline.stages;
    const lost = pipeline.stages.find((s) => s.category === 'closed_lost')!;
    const at = async (day: string, h: number) => {
      t.clock.set(sh(day, h));
      return loginAdmin(t);
    };
    let c = await at('2026-09-10', 9);
    const customer = (
      (
        await c({ method: 'POST', url: '/api/v1/customers', body: { name: '苏州推进时点精工有限公司' } })
      ).json() as {
        id: string;
      }
    ).id;
    const deals: string[] = [];
    for (const name of ['三天后推进', '转为输单', '二十天后推进']) {
      const deal = await c({
        method: 'POST',
        url: '/api/v1/opportunities',
        body: { name, customerId: customer, pipelineId: pipeline.id, amount: 0 },
      });
      expect(deal.statusCode, deal.body).toBe(201);
      deals.push((deal.json() as { id: string }).id);
    }
    c = await at('2026-09-10', 10);
    for (const deal of deals) {
      const res = await c({
        method: 'POST',
        url: '/api/v1/follow-ups',
        body: { object: 'opportunity', recordId: deal, method: 'meeting', content: '推进时点' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const moveTo = async (deal: string, body: Record<string, unknown>) => {
      const version = ((await c({ url: `/api/v1/opportunities/${deal}` })).json() as { version: number })
        .version;
      const res = await c({
        method: 'POST',
        url: `/api/v1/opportunities/${deal}/move`,
        headers: { 'if-match': String(version) },
        body: { overrideGates: true, reason: '测试推进时点', ...body },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    c = await at('2026-09-13', 10);
    await moveTo(deals[0]!, { stageId: second!.id });
    await moveTo(deals[1]!, { stageId: lost.id, lostReason: '预算取消' });
    c = await at('2026-09-30', 10);
    await moveTo(deals[2]!, { stageId: second!.id });
    t.clock.set(now);
    admin = await loginAdmin(t);
    const rate = await query(admin, {
      metric: 'follow_up_advance_rate',
      period: { from: '2026-09-10', to: '2026-09-10' },
      groupBy: ['method'],
    });
    expect(rate.rows.find((r) => r.keys.method === 'meeting')).toMatchObject({
      numerator: 1,
      denominator: 3,
    });
  });

  it('counts pool claims for the rep who claimed, returns and recycling for the rep who lost the customer', async () => {
    const customer = (
      await admin({ method: 'POST', url: '/api/v1/customers', body: { name: '苏州公海指标精工有限公司' } })
    ).json() as { id: string };
    const move = (kind: 'claim' | 'release' | 'recycle', from: string | null, to: string | null) =>
      t.ctx.db
        .insertInto('ownershipHistory')
        .values({
          id: newId(),
          orgId: t.orgId,
          object: 'customer',
          recordId: customer.id,
          kind,
          fromOwnerId: from && org.user(from),
          toOwnerId: to && org.user(to),
          at: sh('2026-11-12'),
        })
        .execute();
    await move('claim', null, 'chen.jing');
    await move('claim', null, 'chen.jing');
    await move('release', 'chen.jing', null);
    await move('recycle', 'chen.jing', null);
    await move('claim', null, 'wu.fang');
    const byRep = async (c: Client, metric: string) =>
      Object.fromEntries(
        (await query(c, { metric, period: 'this_month', groupBy: ['rep'] })).rows.map((r) => [
          r.labels.rep,
          r.value,
        ]),
      );
    expect(await byRep(admin, 'pool_claims')).toEqual({ 陈静: 2, 吴芳: 1 });
    expect(await byRep(manager, 'pool_claims')).toEqual({ 陈静: 2 }); // 华南 is outside his reach
    expect(await byRep(admin, 'pool_returns')).toEqual({ 陈静: 1 });
    expect(await byRep(admin, 'pool_recycled')).toEqual({ 陈静: 1 });
  });
});
