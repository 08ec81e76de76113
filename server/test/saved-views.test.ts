import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp, withDemoOrg } from '../src/testing/harness.js';
import { day, expectProblem, loginDemo, makeOrg } from './helpers.js';

type View = {
  id: string;
  name: string;
  shared: boolean;
  mine: boolean;
  version: number;
  state: { filters: Record<string, unknown> };
};

describe.each(testDialects)('saved views and follow-up filters on %s', (dialect) => {
  let t: TestApp;
  let rep: Client;
  let colleague: Client;

  const save = (c: Client, body: Record<string, unknown>) =>
    c({ method: 'POST', url: '/api/v1/saved-views', body });
  const list = async (c: Client) =>
    (await c({ url: '/api/v1/saved-views?object=customer' })).json().data as View[];

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await withDemoOrg(t);
    rep = await loginDemo(t, 'liu.yang');
    colleague = await loginDemo(t, 'chen.jing');
  });
  afterAll(() => t.close());

  it('keeps a private view for its owner and shows a shared one to colleagues, read-only', async () => {
    const own = await save(rep, {
      object: 'customer',
      name: 'A 级潜在',
      state: { filters: { level: 'A', status: 'prospect' }, sort: '-updatedAt' },
    });
    expect(own.statusCode, own.body).toBe(201);
    const shared = await save(rep, {
      object: 'customer',
      name: '展会客户',
      shared: true,
      state: { filters: { tag: '展会' } },
    });
    expect(shared.statusCode).toBe(201);
    expect((await list(rep)).map((v) => v.name).sort()).toEqual(['A 级潜在', '展会客户'].sort());
    const seen = await list(colleague);
    expect(seen).toEqual([expect.objectContaining({ name: '展会客户', shared: true, mine: false })]);
    const v = shared.json() as View;
    expectProblem(
      await colleague({ method: 'DELETE', url: `/api/v1/saved-views/${v.id}` }),
      403,
      'forbidden',
    );
    expectProblem(
      await colleague({
        method: 'PATCH',
        url: `/api/v1/saved-views/${v.id}`,
        body: { name: '改名' },
        headers: { 'if-match': `"${v.version}"` },
      }),
      403,
      'forbidden',
    );
    const renamed = await rep({
      method: 'PATCH',
      url: `/api/v1/saved-views/${v.id}`,
      body: { shared: false },
      headers: { 'if-match': `"${v.version}"` },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await list(colleague)).toEqual([]);
  });

  it('saves a deal board view, checked against the deal list’s own filters', async () => {
    const good = await save(rep, {
      object: 'opportunity',
      name: '停滞的大单',
      state: { filters: { stalled: 'true', status: 'open', 'cf.budget.from': '100000' }, sort: '-amount' },
    });
    expect(good.statusCode, good.body).toBe(201);
    const deals = (await rep({ url: '/api/v1/saved-views?object=opportunity' })).json().data as View[];
    expect(deals.map((v) => v.name)).toEqual(['停滞的大单']);
    // A customer filter is no deal filter, and the other way round.
    expectProblem(
      await save(rep, { object: 'opportunity', name: 'x', state: { filters: { level: 'A' } } }),
      422,
      'validation_failed',
    );
    expectProblem(
      await save(rep, { object: 'opportunity', name: 'y', state: { filters: { status: 'maybe' } } }),
      422,
      'validation_failed',
    );
    expectProblem(
      await save(rep, { object: 'customer', name: 'z', state: { filters: { stalled: 'true' } } }),
      422,
      'validation_failed',
    );
  });

  it('refuses filters the list would refuse, duplicate names, other orgs and strangers', async () => {
    expectProblem(
      await save(rep, { object: 'customer', name: 'x', state: { filters: { level: 'Z' } } }),
      422,
      'validation_failed',
    );
    expectProblem(
      await save(rep, { object: 'customer', name: 'x', state: { filters: { createdFrom: 'yesterday' } } }),
      422,
      'validation_failed',
    );
    expectProblem(
      await save(rep, { object: 'lead', name: 'x', state: { filters: {} } }),
      400,
      'validation_failed',
    );
    expectProblem(
      await save(rep, { object: 'customer', name: 'A 级潜在', state: { filters: {} } }),
      409,
      'view_name_taken',
    );
    expectProblem(
      await save(rep, { object: 'customer', name: '', state: { filters: {} } }),
      400,
      'validation_failed',
    );
    const mine = (await list(rep))[0]!;
    const other = await makeOrg(t, '视图外公司');
    expectProblem(
      await other.admin({ method: 'DELETE', url: `/api/v1/saved-views/${mine.id}` }),
      404,
      'not_found',
    );
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/saved-views?object=customer' });
    expectProblem(anonymous, 401, 'unauthenticated');
  });

  it('filters the list by last follow-up: a range, or never followed up', async () => {
    for (const name of ['跟进测试甲电子有限公司', '跟进测试乙机械有限公司', '跟进测试丙软件有限公司'])
      await rep({
        method: 'POST',
        url: '/api/v1/customers',
        body: { name, nearDuplicateReason: '不同的公司' },
      });
    const mine = (await rep({ url: '/api/v1/customers?limit=100' })).json().data as { id: string }[];
    expect(mine.length).toBeGreaterThanOrEqual(3);
    const [a, b] = mine;
    await t.ctx.db
      .updateTable('customers')
      .set({ lastFollowUpAt: t.clock.now() - 2 * day })
      .where('id', '=', a!.id)
      .execute();
    await t.ctx.db
      .updateTable('customers')
      .set({ lastFollowUpAt: t.clock.now() - 40 * day })
      .where('id', '=', b!.id)
      .execute();
    const recent = (
      await rep({ url: `/api/v1/customers?lastFollowUpFrom=${t.clock.now() - 7 * day}` })
    ).json().data as { id: string }[];
    expect(recent.map((c) => c.id)).toEqual([a!.id]);
    const stale = (await rep({ url: `/api/v1/customers?lastFollowUpTo=${t.clock.now() - 30 * day}` })).json()
      .data as { id: string }[];
    expect(stale.map((c) => c.id)).toEqual([b!.id]);
    const never = (await rep({ url: '/api/v1/customers?notFollowedUp=true&limit=100' })).json();
    expect(never.totalCount).toBe(mine.length - 2);
    expectProblem(await rep({ url: '/api/v1/customers?notFollowedUp=yes' }), 400, 'validation_failed');
  });
});
