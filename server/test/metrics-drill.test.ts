import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  unchangedBy,
} from './helpers.js';

type Row = {
  keys: Record<string, string | null>;
  value: number | null;
  numerator?: number;
  denominator?: number;
};
type Definition = { id: string; unit: string; dimensions: string[]; ratio: unknown; snapshot: boolean };
type Drill = {
  metric: { id: string };
  kind: string;
  totalCount: number;
  value: number;
  data: {
    id: string;
    name: string;
    link: { object: string; id: string };
    ownerId: string | null;
    at: number;
    value: number | null;
  }[];
};

/** 2026-11-27 10:00 in Shanghai (the org's zone). */
const now = Date.UTC(2026, 10, 27, 2, 0, 0);

// 下钻: the records behind every number of every metric are the ones it counted — the same count and
// sum, in the reader's scope — for each row of a breakdown by rep and by month.
describe.each(testDialects)('drill-down to the records behind a metric on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client; // 刘洋, 上海一组
  let manager: Client; // 李明, 华东大区
  let org: Awaited<ReturnType<typeof demoOrg>>;
  let definitions: Definition[];
  let byId: Map<string, Definition>;

  const drill = (c: Client, body: Record<string, unknown>) =>
    c({ method: 'POST', url: '/api/v1/metrics/records', body });
  const drilled = async (c: Client, body: Record<string, unknown>) => {
    const res = await drill(c, { limit: 200, ...body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Drill;
  };
  const query = async (c: Client, body: Record<string, unknown>) => {
    const res = await c({ method: 'POST', url: '/api/v1/metrics/query', body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { rows: Row[]; total: Row };
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    t.clock.set(now);
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    const pipeline = (await admin({ url: '/api/v1/pipelines' })).json().data[0] as {
      id: string;
      stages: { id: string; category: string }[];
    };
    const open = pipeline.stages.filter((s) => !s.category.startsWith('closed_'));
    const won = pipeline.stages.find((s) => s.category === 'closed_won')!.id;
    const lost = pipeline.stages.find((s) => s.category === 'closed_lost')!.id;
    const customer = (
      await admin({ method: 'POST', url: '/api/v1/customers', body: { name: '苏州下钻测试精工有限公司' } })
    ).json() as { id: string };
    // Each rep: deals won, lost and open over the year, through two or three stages.
    const owners = ['liu.yang', 'chen.jing', 'wu.fang', 'zhang.wei'];
    for (const [i, who] of owners.entries())
      for (let k = 0; k < 4; k++) {
        const created = now - (200 - 40 * k - 7 * i) * day;
        const status = k === 3 ? 'open' : k === 1 && i % 2 ? 'lost' : 'won';
        const stays: [string, number][] = [
          [open[0]!.id, created],
          [open[1]!.id, created + 10 * day],
        ];
        if (status !== 'open') stays.push([status === 'won' ? won : lost, created + (25 + i) * day]);
        await insertDealWithHistory(t, {
          ownerId: org.user(who),
          customerId: customer.id,
          pipelineId: pipeline.id,
          amount: (10_000 + 1_000 * i + 100 * k) * 100,
          created,
          stays,
          status,
          closedAt: status === 'open' ? undefined : created + (25 + i) * day,
        });
      }
    // Leads and follow-ups of two reps in different regions, today.
    rep = await loginDemo(t, 'liu.yang');
    manager = await loginDemo(t, 'li.ming');
    const south = await loginDemo(t, 'wu.fang');
    for (const [c, name, method] of [
      [rep, '下钻线索一', 'phone'],
      [rep, '下钻线索二', 'wechat'],
      [south, '下钻线索三', 'visit'],
    ] as const) {
      const lead = (await c({ method: 'POST', url: '/api/v1/leads', body: { name } })).json() as {
        id: string;
      };
      const res = await c({
        method: 'POST',
        url: '/api/v1/follow-ups',
        body: {
          object: 'lead',
          recordId: lead.id,
          method,
          content: `${name}：聊了需求`,
          durationMinutes: 12,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    definitions = (await admin({ url: '/api/v1/metrics' })).json().data as Definition[];
    byId = new Map(definitions.map((d) => [d.id, d]));
  });
  afterAll(() => t.close());

  /** Every row of the query, drilled: the records' count and sum are the row's number (or a ratio's parts). */
  async function expectAgreement(c: Client, d: Definition, body: Record<string, unknown>) {
    const result = await query(c, { metric: d.id, ...body });
    const cells = [...result.rows, result.total];
    for (const row of cells) {
      const base = { metric: d.id, period: body.period, granularity: body.granularity, keys: row.keys };
      const parts = d.ratio
        ? [
            ['numerator', row.numerator ?? 0],
            ['denominator', row.denominator ?? 0],
          ]
        : [['numerator', row.value ?? 0]];
      for (const [part, expected] of parts as [string, number][]) {
        const got = await drilled(c, { ...base, part });
        const what = `${d.id} ${part} at ${JSON.stringify(row.keys)}`;
        expect(got.value, what).toBeCloseTo(expected, 6);
        expect(got.data.length, what).toBe(Math.min(200, got.totalCount));
        const summed = got.data.some((r) => r.value !== null);
        // A count lists as many records as it counts; a sum's records add up to it.
        if (!summed && byId.get(got.metric.id)?.unit === 'count') expect(got.totalCount, what).toBe(expected);
        if (summed && got.totalCount <= 200)
          expect(
            got.data.reduce((n, r) => n + (r.value ?? 0), 0),
            what,
          ).toBeCloseTo(expected, 6);
      }
    }
    return result;
  }

  it('lists for every metric, by rep and by month, exactly the records each number counts', async () => {
    expect(definitions.length).toBeGreaterThan(20);
    let cells = 0;
    for (const d of definitions) {
      const byRep = await expectAgreement(admin, d, { period: 'this_year', groupBy: ['rep'] });
      cells += byRep.rows.length;
      if (!d.snapshot) {
        const byMonth = await expectAgreement(admin, d, {
          period: 'this_year',
          groupBy: ['period'],
          granularity: 'month',
        });
        cells += byMonth.rows.length;
      }
    }
    expect(cells).toBeGreaterThan(50); // the fixture gives the breakdowns something to agree on
  });

  it('lists what the reader may see: a rep their own records, a manager their region’s', async () => {
    const won = definitions.find((d) => d.id === 'won_deals')!;
    const mine = await expectAgreement(rep, won, { period: 'this_year', groupBy: ['rep'] });
    expect(mine.rows.map((r) => r.keys.rep)).toEqual([org.user('liu.yang')]);
    const all = await drilled(rep, { metric: 'won_deals', period: 'this_year' });
    expect(all.totalCount).toBeGreaterThan(0);
    expect(new Set(all.data.map((r) => r.ownerId))).toEqual(new Set([org.user('liu.yang')]));
    // Asking for another region's rep by key finds nothing, totals included.
    const theirs = await drilled(rep, {
      metric: 'won_deals',
      period: 'this_year',
      keys: { rep: org.user('wu.fang') },
    });
    expect(theirs).toMatchObject({ totalCount: 0, value: 0, data: [] });
    const region = await drilled(manager, { metric: 'won_amount', period: 'this_year' });
    expect(region.data.map((r) => r.ownerId)).not.toContain(org.user('wu.fang'));
    expect(region.data.map((r) => r.ownerId)).toContain(org.user('liu.yang'));
    // Follow-ups open at their lead.
    const followUps = await drilled(rep, { metric: 'follow_ups', period: 'today' });
    expect(followUps.kind).toBe('follow_up');
    expect(followUps.data.map((r) => r.link.object)).toEqual(['lead', 'lead']);
    // Another org's admin sees none of it.
    const other = await makeOrg(t);
    expect(await drilled(other.admin, { metric: 'won_deals', period: 'this_year' })).toMatchObject({
      totalCount: 0,
      data: [],
    });
  });

  it('pages through the records, newest first', async () => {
    const first = await drilled(admin, { metric: 'stage_entries', period: 'this_year', limit: 5 });
    const second = await drilled(admin, {
      metric: 'stage_entries',
      period: 'this_year',
      limit: 5,
      offset: 5,
    });
    expect(first.data).toHaveLength(5);
    expect(first.totalCount).toBeGreaterThan(10);
    const ats = [...first.data, ...second.data].map((r) => r.at);
    expect(ats).toEqual([...ats].sort((a, b) => b - a));
    expect(new Set([...first.data, ...second.data].map((r) => r.id)).size).toBe(10);
  });

  it('exports the records behind a number, for those with the export right', async () => {
    const exported = (c: Client, body: Record<string, unknown>) =>
      c({ method: 'POST', url: '/api/v1/metrics/records/export', body });
    const cell = { metric: 'won_amount', period: 'this_year', keys: { rep: org.user('liu.yang') } };
    const listed = await drilled(admin, cell);
    const csv = await exported(admin, { ...cell, format: 'csv' });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/won_amount-records\.csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('名称,说明,负责人,时间,赢单金额（元）');
    expect(lines).toHaveLength(listed.totalCount + 1);
    const yuan = lines.slice(1).reduce((n, l) => n + Number(l.split(',').at(-1)), 0);
    expect(yuan * 100).toBeCloseTo(listed.value, 6);
    expect(lines.slice(1).every((l) => l.includes('刘洋'))).toBe(true);
    const xlsx = await exported(manager, { metric: 'follow_ups', period: 'today' });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // A rep has no export right: 403, and nothing is written (not even the audit row).
    const refused = await unchangedBy(t, () => exported(rep, { ...cell, format: 'csv' }));
    expectProblem(refused, 403, 'forbidden');
    expectProblem(await exported(admin, { ...cell, limit: 5 }), 400, 'validation_failed');
    expectProblem(await exported(admin, { ...cell, format: 'pdf' }), 400, 'validation_failed');
  });

  it('refuses a drill it cannot answer with a 400 that says why, in the request’s language', async () => {
    const bad = (body: Record<string, unknown>, lang = 'zh-CN') =>
      unchangedBy(t, () =>
        admin({ method: 'POST', url: '/api/v1/metrics/records', body, headers: { 'accept-language': lang } }),
      );
    const code = async (body: Record<string, unknown>) => {
      const res = await bad(body);
      expectProblem(res, 400, 'validation_failed');
      return res.json().errors[0].code as string;
    };
    expect(await code({ metric: 'no_such_metric' })).toBe('metric_unknown');
    expect(await code({ metric: 'won_deals', keys: { method: 'phone' } })).toBe(
      'metric_dimension_unsupported',
    );
    expect(await code({ metric: 'open_deals', keys: { period: '2026-11' } })).toBe(
      'metric_dimension_unsupported',
    );
    expect(await code({ metric: 'won_deals', period: 'this_year', keys: { period: '2019-01' } })).toBe(
      'metric_bucket_unknown',
    );
    expect(await code({ metric: 'won_deals', part: 'denominator' })).toBe('metric_not_ratio');
    expectProblem(await bad({ metric: 'won_deals', limit: 500 }), 400, 'validation_failed');
    expectProblem(await bad({ metric: 'won_deals', offset: -1 }), 400, 'validation_failed');
    expectProblem(await bad({ metric: 'won_deals', keys: { nonsense: 'x' } }), 400, 'validation_failed');
    expectProblem(
      await bad({ metric: 'won_deals', keys: { rep: 'x'.repeat(101) } }),
      400,
      'validation_failed',
    );
    const en = await bad({ metric: 'won_deals', part: 'denominator' }, 'en');
    expect(en.json().detail ?? en.json().title).toMatch(/[A-Za-z]/);
    const zh = await bad({ metric: 'won_deals', part: 'denominator' });
    expect(JSON.stringify(zh.json())).toMatch(/[\u4e00-\u9fff]/);
  });
});
