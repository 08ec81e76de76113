import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesSince, openDealsAt } from '../src/modules/forecast/history.js';
import { orgActor } from '../src/platform/access/index.js';
import { newId } from '../src/platform/ids.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import {
  type DealRows,
  day,
  demoOrg,
  expectProblem,
  insertDealWithHistory,
  loginAdmin,
  loginDemo,
  makeOrg,
  unchangedBy,
} from './helpers.js';

/** 2026-11-27 10:00 in Shanghai (the org's zone). */
const now = Date.UTC(2026, 10, 27, 2, 0, 0);
/** Noon of a Shanghai day. */
const sh = (d: string) => Date.parse(`${d}T12:00:00+08:00`);
const yuan = (n: number) => n * 100;

type Totals = {
  forecast: number;
  fromPipeline: number;
  fromNewDeals: number;
  baseline: number;
  categories: { commit: number; bestCase: number; pipeline: number };
  openDeals: number;
  noCloseDate: number;
  wonSoFar: number;
  outlook: number;
  target: number | null;
  gap: number | null;
  adjusted: number | null;
};
type Forecast = {
  period: string | null;
  total: Totals;
  reps: (Totals & {
    userId: string;
    trackRecord: number;
    adjustable: boolean;
    adjustment: { id: string; amount: number | null; note: string } | null;
  })[];
  deals: { id: string; winChance: number; timingChance: number; expected: number; timingBasis: string }[];
};

// 成交预测: a hand-built history whose figures are worked out below, then compared with the API's.
//
// History (the year before now; 通用销售流程: S1 初步接洽 10 %, S4 商务谈判 70 %, commit):
// - 吴芳: 20 deals created 200 days ago at S1 (¥10,000 each); 10 reached S4 on day 10 and were won on
//   day 40 (expected close day 35: 5 days late), 10 were lost at S1 on day 20.
// - 刘洋: 4 deals lost at S1; 1 deal won this month (2026-11-20, ¥50,000; no stage history).
// So the org closed 25 and won 11 (rate 11/25). S1: 24 closed, 10 won. S4: 10 closed, 10 won.
// Open now: D1 刘洋 ¥100,000 at S4 since 10 days, expected 2026-11-30; D2 吴芳 ¥200,000 at S1 since
// 5 days, no expected date. And a deal of another org, which never counts.
const rate = 11 / 25;
const track = (won: number, closed: number) => (won + 20 * rate) / (closed + 20) / rate;
const s1Chance = (10 + 10 * 0.1) / (24 + 10);
const s4Chance = (10 + 10 * 0.7) / (10 + 10);
const d1Win = s4Chance * track(1, 5);
const d2Win = s1Chance * track(10, 20);
// 吴芳's new deals: ¥100,000 won 40 days after creation, over a creation window of 108 days (from the
// first deal, 200 days ago, to 92 days ago): over 90 days, 100,000 × (90 − 40) ÷ 108.
const newDeals90 = (yuan(100_000) * (90 - 40)) / 108;

describe.each(testDialects)('forecast on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let manager: Client; // 李明, 华东大区: reaches 刘洋, not 吴芳
  let rep: Client; // 刘洋
  let org: Awaited<ReturnType<typeof demoOrg>>;
  let stage: { s1: string; s4: string; won: string; lost: string; pipeline: string };
  let d1: string;
  let d2: string;

  const get = async (c: Client, horizon: string, query = '') => {
    const res = await c({ url: `/api/v1/forecast?horizon=${horizon}${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Forecast;
  };
  const insertDeal = (d: Omit<DealRows, 'pipelineId'>) =>
    insertDealWithHistory(t, { ...d, pipelineId: stage.pipeline });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    t.clock.set(now);
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    manager = await loginDemo(t, 'li.ming');
    rep = await loginDemo(t, 'liu.yang');
    const pipeline = (await admin({ url: '/api/v1/pipelines' })).json().data[0] as {
      id: string;
      stages: { id: string; category: string; probability: number }[];
    };
    const open = pipeline.stages.filter((s) => !s.category.startsWith('closed'));
    expect([open[0]!.probability, open[3]!.probability, open[3]!.category]).toEqual([10, 70, 'commit']);
    stage = {
      pipeline: pipeline.id,
      s1: open[0]!.id,
      s4: open[3]!.id,
      won: pipeline.stages.find((s) => s.category === 'closed_won')!.id,
      lost: pipeline.stages.find((s) => s.category === 'closed_lost')!.id,
    };
    const customer = (
      await admin({ method: 'POST', url: '/api/v1/customers', body: { name: '苏州预测测试精工有限公司' } })
    ).json().id as string;
    const wu = org.user('wu.fang');
    const liu = org.user('liu.yang');
    const start = now - 200 * day;
    for (let i = 0; i < 10; i++) {
      await insertDeal({
        ownerId: wu,
        customerId: customer,
        amount: yuan(10_000),
        created: start,
        stays: [
          [stage.s1, start],
          [stage.s4, start + 10 * day],
          [stage.won, start + 40 * day],
        ],
        status: 'won',
        closedAt: start + 40 * day,
        expectedCloseDate: new Date(start + 35 * day).toISOString().slice(0, 10),
      });
      await insertDeal({
        ownerId: wu,
        customerId: customer,
        amount: yuan(10_000),
        created: start,
        stays: [
          [stage.s1, start],
          [stage.lost, start + 20 * day],
        ],
        status: 'lost',
        closedAt: start + 20 * day,
      });
    }
    for (let i = 0; i < 4; i++)
      await insertDeal({
        ownerId: liu,
        customerId: customer,
        amount: yuan(10_000),
        created: start,
        stays: [
          [stage.s1, start],
          [stage.lost, start + 20 * day],
        ],
        status: 'lost',
        closedAt: start + 20 * day,
      });
    await t.ctx.db
      .insertInto('opportunities')
      .values({
        id: newId(),
        orgId: t.orgId,
        name: 'won this month',
        customerId: customer,
        pipelineId: stage.pipeline,
        stageId: stage.won,
        status: 'won',
        amount: yuan(50_000),
        currency: 'CNY',
        ownerId: liu,
        stageEnteredAt: sh('2026-11-20'),
        checklist: '{}',
        closedAt: sh('2026-11-20'),
        custom: '{}',
        createdAt: sh('2026-11-01'),
        updatedAt: sh('2026-11-20'),
      })
      .execute();
    d1 = await insertDeal({
      ownerId: liu,
      customerId: customer,
      amount: yuan(100_000),
      created: now - 30 * day,
      stays: [
        [stage.s1, now - 30 * day],
        [stage.s4, now - 10 * day],
      ],
      status: 'open',
      expectedCloseDate: '2026-11-30',
    });
    d2 = await insertDeal({
      ownerId: wu,
      customerId: customer,
      amount: yuan(200_000),
      created: now - 5 * day,
      stays: [[stage.s1, now - 5 * day]],
      status: 'open',
    });
    // Another org's open deal, in a stage of this org's pipeline ids (it must not count anyway).
    const other = await makeOrg(t);
    const theirCustomer = (
      await other.admin({ method: 'POST', url: '/api/v1/customers', body: { name: '别家客户有限公司' } })
    ).json().id as string;
    await insertDeal({
      ownerId: other.adminId,
      orgId: other.orgId,
      customerId: theirCustomer,
      amount: yuan(900_000),
      created: now - 5 * day,
      stays: [[stage.s4, now - 5 * day]],
      status: 'open',
      expectedCloseDate: '2026-11-30',
    });
    // This month's target for 刘洋 and for the company.
    const root = (await t.ctx.db
      .selectFrom('departments')
      .select('id')
      .where('orgId', '=', t.orgId)
      .where('parentId', 'is', null)
      .executeTakeFirstOrThrow())!.id;
    const res = await admin({
      method: 'PUT',
      url: '/api/v1/targets',
      body: {
        metric: 'won_amount',
        reason: '测试',
        cells: [
          { nodeType: 'user', nodeId: liu, period: '2026-11', value: yuan(300_000) },
          { nodeType: 'department', nodeId: root, period: '2026-11', value: yuan(1_000_000) },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(() => t.close());

  it('forecasts 90 days from stage history, the rep’s track record, timing and new deals', async () => {
    const f = await get(admin, '90d');
    const deal = (id: string) => f.deals.find((d) => d.id === id)!;
    expect(deal(d1).winChance).toBeCloseTo(d1Win, 10);
    expect(deal(d1).timingChance).toBe(1);
    expect(deal(d1).timingBasis).toBe('both');
    expect(deal(d2).winChance).toBeCloseTo(d2Win, 10);
    expect(deal(d2).timingChance).toBe(1); // 40 days from S1 to a win: within 5 + 90
    expect(deal(d2).timingBasis).toBe('stage_time');
    expect(f.deals).toHaveLength(2); // the other org's deal is not there
    expect(f.total.fromNewDeals).toBe(Math.round(newDeals90));
    expect(f.total.forecast).toBe(Math.round(yuan(100_000) * d1Win + yuan(200_000) * d2Win + newDeals90));
    // Baseline: only D1 has a close date in the window, × 70 %.
    expect(f.total.baseline).toBe(yuan(70_000));
    expect(f.total.categories).toEqual({
      commit: yuan(100_000),
      bestCase: yuan(100_000),
      pipeline: yuan(100_000),
    });
    expect([f.total.openDeals, f.total.noCloseDate]).toEqual([2, 1]);
    const liu = f.reps.find((r) => r.userId === org.user('liu.yang'))!;
    expect(liu.trackRecord).toBeCloseTo(track(1, 5), 10);
    expect(f.period).toBeNull();
  });

  it('over 30 days a deal that takes 40 days from its stage counts nothing', async () => {
    const f = await get(admin, '30d');
    const deal = (id: string) => f.deals.find((d) => d.id === id)!;
    expect(deal(d2).timingChance).toBe(0);
    expect(deal(d1).timingChance).toBe(1);
    expect(f.total.fromNewDeals).toBe(0); // 吴芳's new deals took 40 days
    expect(f.total.forecast).toBe(Math.round(yuan(100_000) * d1Win));
  });

  it('this month: D1 is due on the 30th but wins come 5 days late, so it counts in the categories, not the forecast', async () => {
    const f = await get(admin, 'month');
    expect(f.period).toBe('2026-11');
    expect(f.deals.find((d) => d.id === d1)!.timingChance).toBe(0);
    expect(f.total.categories.commit).toBe(yuan(100_000));
    expect(f.total.wonSoFar).toBe(yuan(50_000));
    expect(f.total.outlook).toBe(yuan(50_000) + f.total.forecast);
    expect(f.total.target).toBe(yuan(1_000_000));
    expect(f.total.gap).toBe(yuan(1_000_000) - f.total.outlook);
    const liu = f.reps.find((r) => r.userId === org.user('liu.yang'))!;
    expect([liu.wonSoFar, liu.target]).toEqual([yuan(50_000), yuan(300_000)]);
    // The same won amount as the metric registry's, for the same reader.
    const metric = await admin({
      method: 'POST',
      url: '/api/v1/metrics/query',
      body: { metric: 'won_amount', period: 'this_month' },
    });
    expect(metric.json().total.value).toBe(f.total.wonSoFar);
  });

  it('a manager sees their reps only, a rep themself; totals leak nothing', async () => {
    const m = await get(manager, '90d');
    expect(m.deals.map((d) => d.id)).toEqual([d1]);
    expect(m.reps.map((r) => r.userId)).toEqual([org.user('liu.yang')]);
    expect(m.total.fromNewDeals).toBe(0);
    expect(m.total.forecast).toBe(Math.round(yuan(100_000) * d1Win));
    const r = await get(rep, '90d');
    expect(r.deals.map((d) => d.id)).toEqual([d1]);
    expect(r.total.forecast).toBe(m.total.forecast);
    // Asking for another team's department shows nothing of it.
    const south = await get(manager, '90d', `&departmentId=${org.dept('south')}`);
    expect([south.deals.length, south.total.forecast, south.total.wonSoFar]).toEqual([0, 0, 0]);
    // 刘洋 holds a target, but outside 华南 he has no row there.
    expect(
      (await get(admin, 'month', `&departmentId=${org.dept('south')}`)).reps.map((r) => r.userId),
    ).not.toContain(org.user('liu.yang'));
  });

  it('replays the past: the stage a deal was in and its amount then, from stage history and the audit log', async () => {
    const asOf = now - 20 * day;
    // D1's amount was ¥80,000 until 15 days ago.
    await t.ctx.db
      .insertInto('auditLog')
      .values({
        id: newId(),
        orgId: t.orgId,
        actorId: org.user('liu.yang'),
        object: 'opportunity',
        recordId: d1,
        action: 'update',
        before: JSON.stringify({ amount: yuan(80_000), expectedCloseDate: '2026-11-15' }),
        after: JSON.stringify({ amount: yuan(100_000), expectedCloseDate: '2026-11-30' }),
        at: now - 15 * day,
      })
      .execute();
    const actor = orgActor({ orgId: t.orgId, departmentId: org.dept('sh'), name: 'test' });
    const changes = await changesSince(t.ctx.db, t.orgId, asOf);
    const then = await openDealsAt(t.ctx.db, actor, asOf, {}, 'Asia/Shanghai', changes);
    const d = then.find((x) => x.id === d1)!;
    expect([d.stageId, d.amount, d.expectedCloseDate]).toEqual([stage.s1, yuan(80_000), '2026-11-15']);
    expect(then.some((x) => x.id === d2)).toBe(false); // not created yet
    const today = await openDealsAt(t.ctx.db, actor, now, {}, 'Asia/Shanghai');
    expect(today.find((x) => x.id === d1)!.amount).toBe(yuan(100_000));
  });

  it('back-tests each past date against what was won in its window, beside the weighted pipeline', async () => {
    const res = await admin({ url: '/api/v1/forecast/backtest' });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json() as {
      points: { asOf: number; horizonDays: number; actual: number; error: number | null }[];
      summary: { horizonDays: number; points: number; mape: number | null }[];
    };
    expect(b.summary.map((s) => s.horizonDays)).toEqual([30, 90]);
    // The window holding 2026-11-20 (刘洋's win) has it as its actual; the window of 吴芳's wins theirs.
    const month = b.points.find(
      (p) => p.horizonDays === 30 && p.asOf <= sh('2026-11-20') && p.asOf + 30 * day > sh('2026-11-20'),
    )!;
    expect(month.actual).toBe(yuan(50_000));
    const wins = now - 160 * day;
    const early = b.points.find((p) => p.horizonDays === 30 && p.asOf <= wins && p.asOf + 30 * day > wins)!;
    expect(early.actual).toBe(yuan(100_000));
    for (const p of b.points) if (p.actual === 0) expect(p.error).toBeNull();
    const withActual = b.points.filter((p) => p.horizonDays === 30 && p.error !== null);
    expect(b.summary[0]!.points).toBe(withActual.length);
    expect(b.summary[0]!.mape).toBeCloseTo(
      withActual.reduce((a, p) => a + p.error!, 0) / withActual.length,
      10,
    );
    // A rep's back-test counts their own wins only.
    const mine = (await rep({ url: '/api/v1/forecast/backtest' })).json() as typeof b;
    expect(mine.points.find((p) => p.asOf === early.asOf && p.horizonDays === 30)!.actual).toBe(0);
  });

  it('keeps the back-test for the day, and replays it again once a deal or its history changes', async () => {
    type Backtest = { points: { asOf: number; horizonDays: number; actual: number }[] };
    const read = async () => (await admin({ url: '/api/v1/forecast/backtest' })).json() as Backtest;
    const first = await read();
    expect(await read()).toEqual(first);
    // A deal won 100 days ago, written straight into the tables (no audit row): the replay sees it.
    const won = now - 100 * day;
    const customer = (
      await admin({ method: 'POST', url: '/api/v1/customers', body: { name: '苏州回测缓存精工有限公司' } })
    ).json().id as string;
    await insertDeal({
      ownerId: org.user('liu.yang'),
      customerId: customer,
      amount: yuan(30_000),
      created: won - 20 * day,
      stays: [
        [stage.s1, won - 20 * day],
        [stage.won, won],
      ],
      status: 'won',
      closedAt: won,
    });
    const window = (b: Backtest) =>
      b.points.find((p) => p.horizonDays === 30 && p.asOf <= won && p.asOf + 30 * day > won)!;
    expect(window(await read()).actual).toBe(window(first).actual + yuan(30_000));
  });

  it('a manager adjusts a rep’s month with a note, beside the system’s number', async () => {
    const liu = org.user('liu.yang');
    const put = (body: Record<string, unknown>) =>
      manager({ method: 'PUT', url: '/api/v1/forecast/adjustments', body });
    const first = await put({
      userId: liu,
      period: '2026-11',
      amount: yuan(120_000),
      note: '客户口头确认月底签',
      basedOn: null,
    });
    expect(first.statusCode, first.body).toBe(200);
    const f = await get(manager, 'month');
    const row = f.reps.find((r) => r.userId === liu)!;
    expect(row.adjustment).toMatchObject({ amount: yuan(120_000), note: '客户口头确认月底签' });
    expect(row.adjustable).toBe(true);
    expect(row.outlook).toBe(yuan(50_000) + row.forecast); // the system's own number stays
    expect(f.total.adjusted).toBe(yuan(120_000));
    // A second manager working from the old state is told, and nothing changes.
    await unchangedBy(t, async () =>
      expectProblem(
        await put({ userId: liu, period: '2026-11', amount: yuan(10), note: 'x', basedOn: null }),
        412,
        'version_conflict',
      ),
    );
    const second = await put({
      userId: liu,
      period: '2026-11',
      amount: null,
      note: '撤回',
      basedOn: first.json().id,
    });
    expect(second.statusCode, second.body).toBe(200);
    const history = await manager({ url: `/api/v1/forecast/adjustments?userId=${liu}&period=2026-11` });
    expect(history.json().data.map((a: { amount: number | null }) => a.amount)).toEqual([
      yuan(120_000),
      null,
    ]);
    const after = await get(manager, 'month');
    expect(after.total.adjusted).toBe(after.total.outlook);
    // The rep reads their own adjustment history but cannot adjust.
    expect(
      (await rep({ url: `/api/v1/forecast/adjustments?userId=${liu}&period=2026-11` })).json().data,
    ).toHaveLength(2);
    expect((await get(rep, 'month')).reps[0]!.adjustable).toBe(false);
  });

  it('refuses bad input, other teams, its own forecast and ended periods, changing nothing', async () => {
    const liu = org.user('liu.yang');
    const put = (c: Client, body: Record<string, unknown>) =>
      c({ method: 'PUT', url: '/api/v1/forecast/adjustments', body });
    const ok = { userId: liu, period: '2026-12', amount: yuan(1), note: '说明', basedOn: null };
    const other = await makeOrg(t, '第三公司');
    await unchangedBy(t, async () => {
      expectProblem(await admin({ url: '/api/v1/forecast?horizon=7d' }), 400, 'validation_failed');
      expectProblem(await admin({ url: '/api/v1/forecast?horizon=month&extra=1' }), 400, 'validation_failed');
      expectProblem(
        await admin({ url: `/api/v1/forecast?departmentId=${newId()}` }),
        422,
        'validation_failed',
      );
      expectProblem(
        await admin({ url: `/api/v1/forecast/backtest?pipelineId=${newId()}` }),
        422,
        'validation_failed',
      );
      for (const bad of [
        { ...ok, amount: -1 },
        { ...ok, amount: 'many' },
        { ...ok, note: '  ' },
        { ...ok, period: '2026' },
        { ...ok, period: '2026-13' },
        { ...ok, basedOn: undefined },
      ])
        expectProblem(await put(manager, bad), 400, 'validation_failed');
      expectProblem(await put(manager, { ...ok, userId: org.user('wu.fang') }), 404, 'not_found');
      expectProblem(
        await put(manager, { ...ok, userId: org.user('li.ming') }),
        403,
        'forecast_not_adjustable',
      );
      expectProblem(await put(rep, ok), 403, 'forbidden');
      const ended = await put(manager, { ...ok, period: '2026-10' });
      expectProblem(ended, 422, 'validation_failed');
      expect(ended.json().errors[0]).toMatchObject({ path: 'body.period', code: 'forecast_period_ended' });
      expectProblem(await put(other.admin, ok), 404, 'not_found');
    });
    const en = await manager({
      method: 'PUT',
      url: '/api/v1/forecast/adjustments',
      body: { ...ok, userId: org.user('li.ming') },
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().detail).toBe('Your own forecast is adjusted by your manager');
  });
});
