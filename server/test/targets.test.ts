import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import {
  demoOrg,
  expectProblem,
  insertWonDeals,
  loginAdmin,
  loginDemo,
  makeOrg,
  unchangedBy,
} from './helpers.js';

/** 2026-11-27 10:00 in Shanghai (the org's zone): 2026 has run 330 days and 10 hours of 365. */
const now = Date.UTC(2026, 10, 27, 2, 0, 0);
const sh = (d: string) => Date.parse(`${d}T12:00:00+08:00`);
const yuan = (n: number) => n * 100;

type Row = {
  key: string;
  type: 'department' | 'user';
  id: string;
  name: string;
  parentKey: string | null;
  writable: boolean;
  target: { id: string; value: number; version: number; updatedByName: string } | null;
  actual: number;
  progress: {
    completion: number | null;
    expected: number;
    pace: number | null;
    gap: number;
    daysLeft: number;
  } | null;
  periodsSum: { sum: number; set: number; of: number } | null;
  childrenSum: { sum: number; set: number; of: number } | null;
};
type Cell = {
  nodeType: 'department' | 'user';
  nodeId: string;
  period: string;
  value: number;
  version?: number;
};

// 业绩目标: the figures below are worked out by hand from the fixture and compared with the API's.
describe.each(testDialects)('targets on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let manager: Client; // 李明, 华东大区
  let rep: Client; // 刘洋, 上海一组
  let org: Awaited<ReturnType<typeof demoOrg>>;
  let root: string;

  const tree = async (c: Client, period: string, metric = 'won_amount') => {
    const res = await c({ url: `/api/v1/targets?metric=${metric}&period=${period}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { rows: Row[]; period: { key: string; subPeriods: string[]; lastDay: string } };
  };
  const rowOf = (rows: Row[], id: string) => rows.find((r) => r.id === id)!;
  const save = (c: Client, cells: Cell[], extra: Record<string, unknown> = {}) =>
    c({ method: 'PUT', url: '/api/v1/targets', body: { metric: 'won_amount', cells, ...extra } });
  const dept = (id: string, period: string, value: number, version?: number): Cell => ({
    nodeType: 'department',
    nodeId: id,
    period,
    value,
    ...(version && { version }),
  });
  const user = (id: string, period: string, value: number, version?: number): Cell => ({
    ...dept(id, period, value, version),
    nodeType: 'user',
  });
  const split = (c: Client, body: Record<string, unknown>) =>
    c({ method: 'POST', url: '/api/v1/targets/split', body: { metric: 'won_amount', ...body } });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    t.clock.set(now);
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    manager = await loginDemo(t, 'li.ming');
    rep = await loginDemo(t, 'liu.yang');
    root = (await t.ctx.db
      .selectFrom('departments')
      .select('id')
      .where('orgId', '=', t.orgId)
      .where('parentId', 'is', null)
      .executeTakeFirstOrThrow())!.id;
    // Won deals: 刘洋 2026 ¥300,000 (Q1 100k, Q4 200k), 吴芳 2026 ¥500,000 (Q2); and 2025, for the
    // seasonal split: ¥100,000 in Q1 and ¥300,000 in Q3 (刘洋 both).
    const fixture: [string, number, string][] = [
      ['liu.yang', yuan(100_000), '2026-02-10'],
      ['liu.yang', yuan(200_000), '2026-11-20'],
      ['wu.fang', yuan(500_000), '2026-05-05'],
      ['liu.yang', yuan(100_000), '2025-03-01'],
      ['liu.yang', yuan(300_000), '2025-08-01'],
    ];
    await insertWonDeals(
      t,
      admin,
      fixture.map(([owner, amount, day]) => ({
        ownerId: org.user(owner),
        amount,
        createdAt: sh(day) - 86_400_000,
        closedAt: sh(day),
      })),
    );
  });
  afterAll(() => t.close());

  it('sets the company’s year, shows its progress by today, and agrees with the metric registry', async () => {
    const target = yuan(1_000_000);
    // 2026 has begun: setting its target is an adjustment and needs a reason.
    const noReason = await unchangedBy(t, () => save(admin, [dept(root, '2026', target)]));
    expectProblem(noReason, 422, 'validation_failed');
    expect(noReason.json().errors[0]).toMatchObject({ path: 'body.reason', code: 'target_reason_required' });
    const res = await save(admin, [dept(root, '2026', target)], { reason: '年初预算会确定' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ saved: 1 });

    const year = await tree(admin, '2026');
    expect(year.period.subPeriods).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    const company = rowOf(year.rows, root);
    expect(company.parentKey).toBeNull();
    expect(company.target).toMatchObject({ value: target, version: 1, updatedByName: expect.any(String) });
    expect(company.actual).toBe(yuan(800_000));
    // The same number as the registry's own query for this year (口径统一).
    const registry = await admin({
      method: 'POST',
      url: '/api/v1/metrics/query',
      body: { metric: 'won_amount', period: 'this_year' },
    });
    expect(company.actual).toBe(registry.json().total.value);
    // 330 days and 10 hours of 365 have passed; 34 days and 14 hours are left (35 calendar days).
    const elapsed = (330 + 10 / 24) / 365;
    expect(company.progress).toEqual({
      completion: 0.8,
      expected: Math.round(target * elapsed),
      pace: yuan(800_000) / Math.round(target * elapsed),
      gap: yuan(200_000),
      daysLeft: 35,
      days: 365,
    });
    // Departments before reps, each under the nearest department: 刘洋 under 上海一组.
    expect(rowOf(year.rows, org.user('liu.yang')).parentKey).toBe(`department:${org.dept('sh')}`);
    expect(rowOf(year.rows, org.user('liu.yang')).actual).toBe(yuan(300_000));
    expect(rowOf(year.rows, org.dept('east')).actual).toBe(yuan(300_000));
    expect(rowOf(year.rows, org.dept('south')).actual).toBe(yuan(500_000));
  });

  it('splits a target evenly, by last year’s seasons or by weights, into parts that add up exactly', async () => {
    // Even: ¥1,000,000.01 into four quarters; the odd 分 goes to the first.
    const even = await split(admin, {
      nodeType: 'department',
      nodeId: root,
      period: '2026',
      into: 'periods',
      method: 'even',
      total: 100_000_001,
    });
    expect(even.statusCode, even.body).toBe(200);
    expect(even.json().cells.map((c: { value: number }) => c.value)).toEqual([
      25_000_001, 25_000_000, 25_000_000, 25_000_000,
    ]);

    // Seasonal: 2025 had ¥100,000 in Q1 and ¥300,000 in Q3, so ¥1,000,000 goes 1 : 0 : 3 : 0.
    const seasonal = await split(admin, {
      nodeType: 'department',
      nodeId: root,
      period: '2026',
      into: 'periods',
      method: 'seasonal',
    });
    expect(seasonal.statusCode, seasonal.body).toBe(200);
    const parts = seasonal.json() as {
      total: number;
      cells: { period: string; basis: number; value: number; current: unknown }[];
    };
    expect(parts.total).toBe(yuan(1_000_000));
    expect(parts.cells.map((c) => [c.period, c.basis, c.value])).toEqual([
      ['2026-Q1', yuan(100_000), yuan(250_000)],
      ['2026-Q2', 0, 0],
      ['2026-Q3', yuan(300_000), yuan(750_000)],
      ['2026-Q4', 0, 0],
    ]);
    expect(parts.cells.every((c) => c.current === null)).toBe(true);

    // Weights across the departments right under the company (销售中心 3, the others nothing).
    const children = await split(admin, {
      nodeType: 'department',
      nodeId: root,
      period: '2026',
      into: 'children',
      method: 'weights',
      weights: { [`department:${org.dept('sales')}`]: 3 },
    });
    expect(children.statusCode, children.body).toBe(200);
    const byName = Object.fromEntries(
      children.json().cells.map((c: { name: string; value: number }) => [c.name, c.value]),
    );
    expect(byName).toMatchObject({ 销售中心: yuan(1_000_000), 财务部: 0, 市场部: 0 });
    // The administrator sits in the company's own department: their own target is not theirs to split.
    const self = (await tree(admin, '2026')).rows.find((r) => r.type === 'user' && !r.writable)!;
    expect(self.parentKey).toBe(`department:${root}`);
    expect(children.json().cells.map((c: { nodeId: string }) => c.nodeId)).not.toContain(self.id);
    // A proposal saves nothing.
    expect((await tree(admin, '2026-Q1')).rows.every((r) => r.target === null)).toBe(true);
  });

  it('keeps the sums of quarters and of teams beside each target, flagging differences instead of refusing them', async () => {
    const east = org.dept('east');
    const res = await save(
      admin,
      [
        dept(root, '2026-Q1', yuan(250_000)),
        dept(root, '2026-Q2', yuan(250_000)),
        dept(root, '2026-Q3', yuan(250_000)),
        dept(root, '2026-Q4', yuan(300_000)),
        dept(east, '2026-Q4', yuan(100_000)),
        dept(org.dept('sh'), '2026-Q4', yuan(80_000)),
        dept(org.dept('hz'), '2026-Q4', yuan(50_000)),
      ],
      { reason: '按季度拆分', method: 'manual' },
    );
    expect(res.statusCode, res.body).toBe(200);
    const company = rowOf((await tree(admin, '2026')).rows, root);
    expect(company.periodsSum).toEqual({ sum: yuan(1_050_000), set: 4, of: 4 });
    const q4 = await tree(admin, '2026-Q4');
    // 华东大区: its two teams ask ¥130,000 of its ¥100,000; 李明 (in 华东大区 itself) has none.
    expect(rowOf(q4.rows, east).childrenSum).toEqual({ sum: yuan(130_000), set: 2, of: 3 });
    expect(rowOf(q4.rows, org.user('li.ming')).parentKey).toBe(`department:${east}`);
    expect(q4.period.subPeriods).toEqual(['2026-10', '2026-11', '2026-12']);
  });

  it('shows a rep their own target and a manager their region, and lets nobody set their own', async () => {
    const liu = org.user('liu.yang');
    const sh = org.dept('sh');
    const set = await save(manager, [user(liu, '2026-Q4', yuan(150_000))], { reason: '四季度冲刺' });
    expect(set.statusCode, set.body).toBe(200);

    const mine = await tree(rep, '2026-Q4');
    // 业绩 asks for the current period by name.
    const named = await tree(rep, 'this_quarter');
    expect(named.period.key).toBe('2026-Q4');
    expect(named.rows).toEqual(mine.rows);
    expect(mine.rows.map((r) => r.id)).toEqual([liu]);
    expect(mine.rows[0]).toMatchObject({ parentKey: null, writable: false, actual: yuan(200_000) });
    expect(mine.rows[0]!.progress?.completion).toBeCloseTo(200_000 / 150_000, 10);
    const denied = await unchangedBy(t, () =>
      save(rep, [user(liu, '2026-Q4', yuan(1), 1)], { reason: '太高了' }),
    );
    expectProblem(denied, 403, 'forbidden');
    // A manager sets the targets below them, not their own department's.
    const own = await unchangedBy(t, () =>
      save(manager, [dept(org.dept('east'), '2026-Q4', yuan(1))], { reason: '自己定' }),
    );
    expectProblem(own, 403, 'target_not_writable');

    const region = await tree(manager, '2026-Q4');
    const ids = region.rows.map((r) => r.id);
    expect(ids).toContain(sh);
    expect(ids).toContain(liu);
    expect(ids).not.toContain(org.dept('south'));
    expect(ids).not.toContain(org.user('wu.fang'));
    expect(ids).not.toContain(root);
    expect(rowOf(region.rows, org.dept('east'))).toMatchObject({ parentKey: null, writable: false });
    expect(rowOf(region.rows, sh).writable).toBe(true);
    // The same rep, the same number, whoever looks (口径统一).
    expect(rowOf(region.rows, liu).actual).toBe(mine.rows[0]!.actual);
    expect(rowOf((await tree(admin, '2026-Q4')).rows, liu).actual).toBe(mine.rows[0]!.actual);
    // Beyond their region a node does not exist for them, nor does another org's.
    const other = await makeOrg(t);
    for (const cell of [
      user(org.user('wu.fang'), '2026-Q4', 1),
      dept(other.rootDepartmentId, '2026-Q4', 1),
    ]) {
      const res = await unchangedBy(t, () => save(manager, [cell], { reason: 'x' }));
      expectProblem(res, 422, 'validation_failed');
    }
    // A target's audit timeline follows the same reach: the company's is no rep's business.
    const company = rowOf((await tree(admin, '2026')).rows, root).target!;
    expectProblem(await rep({ url: `/api/v1/timeline/target/${company.id}` }), 404, 'not_found');
    expectProblem(await manager({ url: `/api/v1/timeline/target/${company.id}` }), 404, 'not_found');
    const team = rowOf((await tree(admin, '2026-Q4')).rows, sh).target!;
    const timeline = await manager({ url: `/api/v1/timeline/target/${team.id}` });
    expect(timeline.statusCode, timeline.body).toBe(200);
    expect((await rep({ url: `/api/v1/timeline/target/${team.id}` })).statusCode).toBe(404);
    const hisOwn = rowOf(mine.rows, liu).target!;
    expect((await rep({ url: `/api/v1/timeline/target/${hisOwn.id}` })).statusCode).toBe(200);
    const theirs = await unchangedBy(t, () => save(other.admin, [dept(root, '2027', 1)]));
    expect(theirs.json().errors[0]).toMatchObject({ path: 'body.cells.0.nodeId', code: 'not_found' });
    expect((await tree(other.admin, '2026')).rows.some((r) => r.id === root)).toBe(false);
  });

  it('keeps every adjustment with who, when, how and why', async () => {
    const before = rowOf((await tree(admin, '2026')).rows, root).target!;
    t.clock.set(now + 3_600_000);
    const res = await save(admin, [dept(root, '2026', yuan(1_200_000), before.version)], {
      reason: '新增华北市场',
    });
    expect(res.statusCode, res.body).toBe(200);
    t.clock.set(now);
    const changes = await admin({
      url: `/api/v1/targets/changes?metric=won_amount&nodeType=department&nodeId=${root}&period=2026`,
    });
    expect(changes.statusCode, changes.body).toBe(200);
    expect(changes.json().data).toEqual([
      {
        before: yuan(1_000_000),
        after: yuan(1_200_000),
        method: 'manual',
        reason: '新增华北市场',
        actorName: expect.any(String),
        at: now + 3_600_000,
      },
      {
        before: null,
        after: yuan(1_000_000),
        method: 'manual',
        reason: '年初预算会确定',
        actorName: expect.any(String),
        at: now,
      },
    ]);
    // Saving what is already there changes nothing and says so.
    const same = await unchangedBy(t, () =>
      save(admin, [dept(root, '2026', yuan(1_200_000), before.version + 1)], { reason: '确认' }),
    );
    expect(same.json()).toEqual({ saved: 0 });
    // A rep cannot read the company's history.
    const hidden = await rep({
      url: `/api/v1/targets/changes?metric=won_amount&nodeType=department&nodeId=${root}&period=2026`,
    });
    expectProblem(hidden, 422, 'validation_failed');
  });

  it('refuses bad input with a precise error and changes nothing', async () => {
    const current = rowOf((await tree(admin, '2026')).rows, root).target!;
    const bad: [unknown, number, string][] = [
      [{ metric: 'won_amount', reason: 'x', cells: [dept(root, '2027', -1)] }, 400, 'validation_failed'],
      [
        { metric: 'won_amount', reason: 'x', cells: [{ ...dept(root, '2027', 0), value: 'abc' }] },
        400,
        'validation_failed',
      ],
      [{ metric: 'won_amount', reason: 'x', cells: [dept(root, '2027', 1.5)] }, 400, 'validation_failed'],
      [{ metric: 'won_amount', reason: 'x', cells: [dept(root, '2026-Q5', 1)] }, 400, 'validation_failed'],
      [{ metric: 'won_amount', reason: 'x', cells: [dept(root, '2026-13', 1)] }, 400, 'validation_failed'],
      [{ metric: 'won_amount', reason: 'x', cells: [dept(root, '1999', 1)] }, 400, 'validation_failed'],
      [{ metric: 'won_amount', reason: 'x', cells: [] }, 400, 'validation_failed'],
      [
        {
          metric: 'won_amount',
          reason: 'x',
          cells: Array.from({ length: 401 }, (_, i) => dept(root, '2027', i)),
        },
        400,
        'validation_failed',
      ],
      [{ metric: 'win_rate', reason: 'x', cells: [dept(root, '2027', 1)] }, 422, 'validation_failed'],
      [
        { metric: 'won_amount', reason: 'x', cells: [dept(root, '2027', 1), dept(root, '2027', 2)] },
        422,
        'validation_failed',
      ],
      [
        { metric: 'won_amount', reason: 'x', cells: [{ ...dept(root, '2027', 1), extra: 1 }] },
        400,
        'validation_failed',
      ],
      // Stale: someone changed the target since version 1 was read.
      [{ metric: 'won_amount', reason: 'x', cells: [dept(root, '2026', 1, 1)] }, 412, 'version_conflict'],
      // Set meanwhile: a cell without a version meets a target that exists.
      [{ metric: 'won_amount', reason: 'x', cells: [dept(root, '2026', 1)] }, 412, 'version_conflict'],
    ];
    for (const [body, status, code] of bad) {
      const res = await unchangedBy(t, () => admin({ method: 'PUT', url: '/api/v1/targets', body }));
      expectProblem(res, status, code);
    }
    const stale = await admin({
      method: 'PUT',
      url: '/api/v1/targets',
      body: { metric: 'won_amount', reason: 'x', cells: [dept(root, '2026', 1)] },
    });
    expect(stale.json().current).toEqual([
      {
        nodeType: 'department',
        nodeId: root,
        period: '2026',
        value: current.value,
        version: current.version,
      },
    ]);
    const duplicate = await admin({
      method: 'PUT',
      url: '/api/v1/targets',
      body: { metric: 'won_amount', cells: [dept(root, '2027', 1), dept(root, '2027', 2)] },
    });
    expect(duplicate.json().errors[0]).toMatchObject({ path: 'body.cells.1', code: 'target_duplicate_cell' });

    const badSplits: [Record<string, unknown>, string][] = [
      [
        { nodeType: 'department', nodeId: root, period: '2026-11', into: 'periods', method: 'even' },
        'target_split_month',
      ],
      [
        { nodeType: 'user', nodeId: org.user('liu.yang'), period: '2026', into: 'children', method: 'even' },
        'target_split_no_children',
      ],
      [
        { nodeType: 'department', nodeId: root, period: '2027', into: 'periods', method: 'even' },
        'target_split_no_total',
      ],
      [
        {
          nodeType: 'department',
          nodeId: root,
          period: '2026',
          into: 'periods',
          method: 'weights',
          weights: {},
        },
        'target_split_no_weights',
      ],
      [
        {
          nodeType: 'department',
          nodeId: org.dept('north'),
          period: '2026',
          into: 'periods',
          method: 'seasonal',
          total: 1,
        },
        'target_split_no_history',
      ],
    ];
    for (const [body, code] of badSplits) {
      const res = await split(admin, body);
      expect(expectProblem(res, 422, 'validation_failed').errors![0]!.code).toBe(code);
    }
    // In English too.
    const en = await admin({
      method: 'PUT',
      url: '/api/v1/targets',
      headers: { 'accept-language': 'en' },
      body: { metric: 'won_amount', cells: [dept(root, '2026', 1, 2)] },
    });
    expect(en.json().errors[0].message).toBe('The period has begun: say why the target changes');
    // Unknown query keys and a metric without targets.
    expectProblem(
      await admin({ url: '/api/v1/targets?metric=won_amount&period=2026&x=1' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await admin({ url: '/api/v1/targets?metric=win_rate&period=2026' }),
      422,
      'validation_failed',
    );
  });
});
