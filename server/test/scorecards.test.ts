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

/** 2026-11-27 10:00 in Shanghai: this month is November 2026. */
const now = Date.UTC(2026, 10, 27, 2, 0, 0);
const sh = (d: string) => Date.parse(`${d}T12:00:00+08:00`);
const yuan = (n: number) => n * 100;

type Row = {
  key: string;
  name: string;
  rank: number | null;
  total: number | null;
  groups: Record<'result' | 'process' | 'customer', number | null>;
  items: {
    metric: string;
    value: number | null;
    target: number | null;
    score: number | null;
    unscored: string | null;
    points: number | null;
  }[];
};

// 绩效考核 of 上海一组 for November, every score worked out by hand from the fixture below.
describe.each(testDialects)('scorecards on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let org: Awaited<ReturnType<typeof demoOrg>>;
  let card: { id: string; version: number };
  const body = () => ({
    name: '上海一组月度考核',
    subject: 'rep',
    granularity: 'month',
    departmentId: org.dept('sh'),
    weights: { result: 60, process: 30, customer: 10 },
    items: [
      { metric: 'won_amount', group: 'result', weight: 100, rule: { type: 'target', cap: 120 } },
      { metric: 'deals_created', group: 'process', weight: 100, rule: { type: 'rank', better: 'higher' } },
      { metric: 'won_deals', group: 'customer', weight: 100, rule: { type: 'linear', zero: 0, full: 2 } },
    ],
  });
  const scores = async (c: Client, period = '2026-11') => {
    const res = await c({ url: `/api/v1/scorecards/${card.id}/scores?period=${period}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { scored: number; rows: Row[]; period: { key: string } };
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    t.clock.set(now);
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    // 刘洋 won ¥60,000 and ¥50,000 in November (both created then); 陈静 won ¥20,000 (created in
    // November); 张伟 nothing. 吴芳 (广州组) won ¥900,000: not in 上海一组, not scored here.
    const fixture: [string, number][] = [
      ['liu.yang', yuan(60_000)],
      ['liu.yang', yuan(50_000)],
      ['chen.jing', yuan(20_000)],
      ['wu.fang', yuan(900_000)],
    ];
    await insertWonDeals(
      t,
      admin,
      fixture.map(([owner, amount]) => ({
        ownerId: org.user(owner),
        amount,
        createdAt: sh('2026-11-03'),
        closedAt: sh('2026-11-20'),
      })),
    );
    // Targets for November: 刘洋 ¥100,000, 陈静 ¥50,000; 张伟 none.
    const target = (who: string, value: number) => ({
      nodeType: 'user',
      nodeId: org.user(who),
      period: '2026-11',
      value,
    });
    const set = await admin({
      method: 'PUT',
      url: '/api/v1/targets',
      body: {
        metric: 'won_amount',
        reason: '月度目标',
        cells: [target('liu.yang', yuan(100_000)), target('chen.jing', yuan(50_000))],
      },
    });
    expect(set.statusCode, set.body).toBe(200);
  });
  afterAll(() => t.close());

  it('scores and ranks everyone 60/30/10 with the breakdown behind each score', async () => {
    const res = await admin({ method: 'POST', url: '/api/v1/scorecards', body: body() });
    expect(res.statusCode, res.body).toBe(201);
    card = res.json();
    expect(res.json()).toMatchObject({
      departmentName: '上海一组',
      metrics: { won_amount: { name: '赢单金额', unit: 'money' } },
    });

    const { rows, scored } = await scores(admin);
    expect(scored).toBe(3);
    expect(rows.map((r) => [r.name, r.rank, r.total])).toEqual([
      // 110% of target (110), most deals created (100), 2 won (100): 0.6×110 + 0.3×100 + 0.1×100
      ['刘洋', 1, 106],
      // 40% of target, second of three by deals created (50), 1 won (50): 24 + 15 + 5
      ['陈静', 2, 44],
      // No target: the result group is unscored; last by deals created, none won: 0
      ['张伟', 3, 0],
    ]);
    const [liu, , zhang] = rows;
    expect(liu!.items).toEqual([
      {
        metric: 'won_amount',
        value: yuan(110_000),
        target: yuan(100_000),
        score: 110,
        unscored: null,
        points: 66,
      },
      { metric: 'deals_created', value: 2, target: null, score: 100, unscored: null, points: 30 },
      { metric: 'won_deals', value: 2, target: null, score: 100, unscored: null, points: 10 },
    ]);
    expect(zhang!.groups).toEqual({ result: null, process: 0, customer: 0 });
    expect(zhang!.items[0]).toMatchObject({ unscored: 'no_target', score: null, points: null });

    // The same won amount as the registry counts it for 刘洋 this month.
    const registry = await admin({
      method: 'POST',
      url: '/api/v1/metrics/query',
      body: { metric: 'won_amount', period: 'this_month', filters: { rep: [org.user('liu.yang')] } },
    });
    expect(liu!.items[0]!.value).toBe(registry.json().total.value);
    // By name: this month is 2026-11.
    expect((await scores(admin, 'this_month')).rows).toEqual(rows);
  });

  it('scores only the holders of the roles it names', async () => {
    const res = await admin({
      method: 'POST',
      url: '/api/v1/scorecards',
      body: { ...body(), name: '代表月度考核', roleKeys: ['sales_rep'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const reps = await admin({ url: `/api/v1/scorecards/${res.json().id}/scores?period=2026-11` });
    // 张伟 manages 上海一组: not a 销售代表, not scored; the deals created rank is among the two others.
    expect(reps.json().scored).toBe(2);
    expect(reps.json().rows.map((r: Row) => [r.name, r.rank, r.total])).toEqual([
      ['刘洋', 1, 106],
      ['陈静', 2, 0.6 * 40 + 0.3 * 0 + 0.1 * 50],
    ]);
    const unknown = await unchangedBy(t, () =>
      admin({
        method: 'POST',
        url: '/api/v1/scorecards',
        body: { ...body(), roleKeys: ['sales_rep', 'nobody'] },
      }),
    );
    expect(expectProblem(unknown, 422, 'validation_failed').errors).toEqual([
      expect.objectContaining({ path: 'body.roleKeys.1', code: 'not_found' }),
    ]);
    const gone = await admin({
      method: 'DELETE',
      url: `/api/v1/scorecards/${res.json().id}`,
      headers: { 'if-match': '"1"' },
    });
    expect(gone.statusCode).toBe(204);
  });

  it('shows each reader the rows in their scope, with the same scores and ranks', async () => {
    const all = await scores(admin);
    const rep = await scores(await loginDemo(t, 'liu.yang'));
    expect(rep.rows).toEqual([all.rows[0]]);
    expect(rep.scored).toBe(3);
    const manager = await scores(await loginDemo(t, 'li.ming'));
    expect(manager.rows).toEqual(all.rows);
    const elsewhere = await scores(await loginDemo(t, 'wu.fang'));
    expect(elsewhere.rows).toEqual([]);
    // Another org knows nothing of it.
    const other = await makeOrg(t);
    expectProblem(
      await other.admin({ url: `/api/v1/scorecards/${card.id}/scores?period=2026-11` }),
      404,
      'not_found',
    );
    expect((await other.admin({ url: '/api/v1/scorecards' })).json().data).toEqual([]);
  });

  it('keeps the history: each period’s totals and ranks as that period’s scores give them', async () => {
    type History = {
      periods: { key: string; firstDay: string; lastDay: string }[];
      rows: { key: string; name: string; scores: ({ total: number | null; rank: number | null } | null)[] }[];
    };
    const history = async (c: Client, query: string) => {
      const res = await c({ url: `/api/v1/scorecards/${card.id}/history?${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as History;
    };
    const h = await history(admin, 'period=2026-11&count=3');
    expect(h.periods.map((p) => p.key)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(h.periods[1]).toEqual({ key: '2026-10', firstDay: '2026-10-01', lastDay: '2026-10-31' });
    for (const [i, p] of h.periods.entries()) {
      const s = await scores(admin, p.key);
      expect(h.rows.map((r) => [r.key, r.scores[i]]).sort()).toEqual(
        s.rows.map((r) => [r.key, { total: r.total, rank: r.rank }]).sort(),
      );
    }
    // The latest period's ranking first: 刘洋 won most against her target in November.
    expect(h.rows[0]!.name).toBe('刘洋');
    // A year back across the turn of the year, by name as of now (November 2026).
    const year = await history(admin, 'period=this_month&count=12');
    expect(year.periods.map((p) => p.key).slice(0, 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    // A rep sees her own line only; another org nothing.
    const rep = await history(await loginDemo(t, 'liu.yang'), 'period=2026-11&count=3');
    expect(rep.rows.map((r) => r.key)).toEqual([`user:${org.user('liu.yang')}`]);
    const other = await makeOrg(t);
    expectProblem(
      await other.admin({ url: `/api/v1/scorecards/${card.id}/history?period=2026-11` }),
      404,
      'not_found',
    );
    for (const bad of [
      'period=2026-11&count=1',
      'period=2026-11&count=13',
      'period=2026-11&count=x',
      'count=3',
    ])
      expectProblem(
        await admin({ url: `/api/v1/scorecards/${card.id}/history?${bad}` }),
        400,
        'validation_failed',
      );
    expectProblem(
      await admin({ url: `/api/v1/scorecards/${card.id}/history?period=2026-Q4` }),
      422,
      'validation_failed',
    );
  });

  it('exports the same scores as a spreadsheet', async () => {
    const csv = await admin({ url: `/api/v1/scorecards/${card.id}/scores/export?period=2026-11&format=csv` });
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      '排名,姓名,部门,总分,结果,过程,客户,赢单金额,赢单金额 目标,赢单金额 得分,新增商机,新增商机 目标,新增商机 得分,赢单数,赢单数 目标,赢单数 得分',
    );
    expect(lines.slice(1)).toEqual([
      '1,刘洋,上海一组,106,110,100,100,110000,100000,110,2,,100,2,,100',
      '2,陈静,上海一组,44,40,50,50,20000,50000,40,1,,50,1,,50',
      '3,张伟,上海一组,0,,0,0,0,,,0,,0,0,,0',
    ]);
    const xlsx = await admin({ url: `/api/v1/scorecards/${card.id}/scores/export?period=2026-11` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // A rep has no export right.
    expectProblem(
      await (await loginDemo(t, 'liu.yang'))({
        url: `/api/v1/scorecards/${card.id}/scores/export?period=2026-11`,
      }),
      403,
      'forbidden',
    );
  });

  it('refuses a scorecard that does not add up or cannot be computed, and changes nothing', async () => {
    const other = await makeOrg(t);
    const b = body();
    const bad: [unknown, number, string | null][] = [
      [{ ...b, weights: { result: 60, process: 30, customer: 0 } }, 422, 'scorecard_weights_sum'],
      [
        { ...b, items: b.items.map((i, n) => (n === 0 ? { ...i, weight: 90 } : i)) },
        422,
        'scorecard_item_weights_sum',
      ],
      [{ ...b, items: b.items.slice(0, 2) }, 422, 'scorecard_group_empty'],
      [
        {
          ...b,
          items: [
            ...b.items.slice(1),
            { metric: 'pipeline_value', group: 'result', weight: 100, rule: { type: 'rank' } },
          ],
        },
        422,
        'scorecard_metric_snapshot',
      ],
      [
        {
          ...b,
          items: [
            ...b.items.slice(1),
            { metric: 'win_rate', group: 'result', weight: 100, rule: { type: 'target' } },
          ],
        },
        422,
        'scorecard_rule_needs_target',
      ],
      [
        {
          ...b,
          items: [
            ...b.items.slice(0, 2),
            {
              metric: 'won_deals',
              group: 'customer',
              weight: 100,
              rule: { type: 'linear', zero: 2, full: 2 },
            },
          ],
        },
        422,
        'scorecard_rule_range',
      ],
      [{ ...b, items: [...b.items, { ...b.items[2]!, weight: 1 }] }, 422, 'scorecard_duplicate_item'],
      [
        {
          ...b,
          items: [
            ...b.items.slice(1),
            { metric: 'nope', group: 'result', weight: 100, rule: { type: 'rank' } },
          ],
        },
        422,
        'metric_unknown',
      ],
      [{ ...b, departmentId: other.rootDepartmentId }, 422, 'not_found'],
      [{ ...b, weights: { result: 60, process: 30, customer: 10.5 } }, 400, null],
      [{ ...b, items: [{ ...b.items[0]!, rule: { type: 'bonus' } }] }, 400, null],
      [{ ...b, items: [] }, 400, null],
      [{ ...b, extra: 1 }, 400, null],
    ];
    for (const [payload, status, code] of bad) {
      const res = await unchangedBy(t, () =>
        admin({ method: 'POST', url: '/api/v1/scorecards', body: payload }),
      );
      const problem = expectProblem(res, status, 'validation_failed');
      if (code) expect(problem.errors!.map((e) => e.code)).toContain(code);
    }
    const zh = await admin({
      method: 'POST',
      url: '/api/v1/scorecards',
      body: { ...b, weights: { result: 50, process: 30, customer: 10 } },
    });
    expect(zh.json().errors[0].message).toBe('结果、过程、客户三组权重之和须为 100，现为 90');
    const en = await admin({
      method: 'POST',
      url: '/api/v1/scorecards',
      headers: { 'accept-language': 'en' },
      body: { ...b, items: b.items.slice(0, 2) },
    });
    expect(en.json().errors[0].message).toBe('The “Customer” group has a weight but no metric');

    // A quarter for a monthly scorecard; a rep writing one; a stale or missing version.
    const quarter = await admin({ url: `/api/v1/scorecards/${card.id}/scores?period=2026-Q4` });
    expect(expectProblem(quarter, 422, 'validation_failed').errors![0]!.code).toBe(
      'scorecard_period_granularity',
    );
    const rep = await loginDemo(t, 'liu.yang');
    expectProblem(
      await unchangedBy(t, () => rep({ method: 'POST', url: '/api/v1/scorecards', body: b })),
      403,
      'forbidden',
    );
    const put = (version?: number) =>
      admin({
        method: 'PUT',
        url: `/api/v1/scorecards/${card.id}`,
        headers: version ? { 'if-match': `"${version}"` } : {},
        body: { ...b, name: '上海一组考核（新）' },
      });
    expectProblem(await unchangedBy(t, () => put()), 428, 'precondition_required');
    expectProblem(await unchangedBy(t, () => put(card.version + 1)), 412, 'version_conflict');
    const renamed = await put(card.version);
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '上海一组考核（新）', version: card.version + 1 });

    // Deleted: gone from the list and its scores.
    const gone = await admin({
      method: 'DELETE',
      url: `/api/v1/scorecards/${card.id}`,
      headers: { 'if-match': `"${card.version + 1}"` },
    });
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await admin({ url: '/api/v1/scorecards' })).json().data).toEqual([]);
    expectProblem(
      await admin({ url: `/api/v1/scorecards/${card.id}/scores?period=2026-11` }),
      404,
      'not_found',
    );
  });
});
