import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { demoOrg, expectProblem, loginAdmin, loginDemo, makeOrg, unchangedBy } from './helpers.js';

type Rule = { id: string; position: number; label: string; points: number; version: number };
type Lead = {
  id: string;
  version: number;
  score: number;
  scoreExplanation: { label: string; points: number }[];
};

describe.each(testDialects)('lead scoring rules on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client;
  let manager: Client;

  const rules = async (c: Client = admin) =>
    (await c({ url: '/api/v1/lead-score-rules' })).json().data as Rule[];
  const newLead = async (body: Record<string, unknown>) => {
    const res = await rep({ method: 'POST', url: '/api/v1/leads', body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Lead;
  };
  const addRule = (body: Record<string, unknown>, c: Client = admin) =>
    c({ method: 'POST', url: '/api/v1/lead-score-rules', body });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await demoOrg(t);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    manager = await loginDemo(t, 'li.ming');
  });
  afterAll(() => t.close());

  it('ships rules by source, enquiry words and completeness, and explains a lead’s score', async () => {
    expect((await rules()).map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const l = await newLead({
      name: '黄经理',
      company: '佛山南海五金制品有限公司',
      phone: '13822223333',
      source: '展会',
      inquiry: '请发一份报价单',
    });
    expect(l.scoreExplanation.map((x) => [x.label, x.points])).toEqual([
      ['来源：展会', 15],
      ['询盘提到报价、采购或预算', 25],
      ['留了电话', 15],
      ['留了公司名称', 10],
    ]);
    expect(l.score).toBe(65);
    // Rescored when it changes: a decision maker's title adds its points.
    const res = await rep({
      method: 'PATCH',
      url: `/api/v1/leads/${l.id}`,
      headers: { 'if-match': String(l.version) },
      body: { title: '采购总监' },
    });
    expect(res.json()).toMatchObject({ score: 75 });
    const hot = (await rep({ url: '/api/v1/leads?minScore=70&sort=-score' })).json().data as Lead[];
    expect(hot.map((x) => x.id)).toEqual([l.id]);
  });

  it('previews the rules on a sample lead without storing anything', async () => {
    const res = await unchangedBy(t, () =>
      manager({
        method: 'POST',
        url: '/api/v1/lead-score-rules/preview',
        body: { channel: 'web_form', inquiry: '明年预算已批', phone: '13900001111' },
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ score: 60 });
  });

  it('lets an admin add, reorder, change and delete rules, and rescores open leads', async () => {
    const l = await newLead({ name: '冯工', company: '东莞长安模具有限公司', industry: '模具' });
    expect(l.score).toBe(10);
    const created = await addRule({
      label: '模具行业',
      field: 'industry',
      op: 'in',
      values: ['模具'],
      points: 30,
      position: 1,
    });
    expect(created.statusCode, created.body).toBe(201);
    const rule = created.json() as Rule;
    expect((await rules()).map((r) => r.id)[0]).toBe(rule.id);
    await t.jobs.drain();
    expect((await rep({ url: `/api/v1/leads/${l.id}` })).json()).toMatchObject({ score: 40 });

    const moved = await admin({
      method: 'PATCH',
      url: `/api/v1/lead-score-rules/${rule.id}`,
      headers: { 'if-match': String(rule.version) },
      body: { position: 3, points: 50 },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ position: 3, points: 50 });
    expect((await rules()).map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expectProblem(
      await admin({
        method: 'PATCH',
        url: `/api/v1/lead-score-rules/${rule.id}`,
        headers: { 'if-match': String(rule.version) },
        body: { points: 1 },
      }),
      412,
      'version_conflict',
    );
    await t.jobs.drain();
    expect((await rep({ url: `/api/v1/leads/${l.id}` })).json()).toMatchObject({ score: 60 });

    const del = await admin({
      method: 'DELETE',
      url: `/api/v1/lead-score-rules/${rule.id}`,
      headers: { 'if-match': String(moved.json().version) },
    });
    expect(del.statusCode, del.body).toBe(204);
    await t.jobs.drain();
    expect((await rep({ url: `/api/v1/leads/${l.id}` })).json()).toMatchObject({ score: 10 });
    expect((await rules()).map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('refuses rules that cannot work, and rule edits by non-admins, changing nothing', async () => {
    const before = await rules();
    for (const [body, status, path] of [
      [{ label: '空', field: 'source', op: 'in', values: [], points: 5 }, 422, 'body.values'],
      [{ label: '数', field: 'custom.size', op: 'gte', values: ['多'], points: 5 }, 422, 'body.values'],
      [{ label: '无字段', field: 'custom.nope', op: 'present', values: [], points: 5 }, 422, 'body.field'],
      [{ label: '填写', field: 'phone', op: 'present', values: ['x'], points: 5 }, 422, 'body.values'],
      [{ label: '怪字段', field: 'ownerId', op: 'present', values: [], points: 5 }, 400, null],
      [{ label: '太多', field: 'phone', op: 'present', values: [], points: 500 }, 400, null],
      [{ label: 'x'.repeat(61), field: 'phone', op: 'present', values: [], points: 5 }, 400, null],
    ] as const) {
      const res = await unchangedBy(t, () => addRule(body));
      expectProblem(res, status, 'validation_failed');
      if (path) expect(res.json().errors[0].path).toBe(path);
    }
    expectProblem(
      await addRule({ label: '经理', field: 'phone', op: 'present', values: [], points: 5 }, manager),
      403,
      'forbidden',
    );
    expectProblem(await rep({ url: '/api/v1/lead-score-rules' }), 403, 'forbidden');
    expect(await rules()).toEqual(before);
  });

  it('keeps each org’s rules to itself', async () => {
    const org2 = await makeOrg(t, '评分二公司');
    const theirs = (await org2.admin({ url: '/api/v1/lead-score-rules' })).json().data as Rule[];
    expect(theirs).toHaveLength(7);
    const mine = await rules();
    expect(theirs.map((r) => r.id).some((id) => mine.some((m) => m.id === id))).toBe(false);
    expectProblem(
      await org2.admin({
        method: 'PATCH',
        url: `/api/v1/lead-score-rules/${mine[0]!.id}`,
        headers: { 'if-match': '1' },
        body: { points: 99 },
      }),
      404,
      'not_found',
    );
  });
});
