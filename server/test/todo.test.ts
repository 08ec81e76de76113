import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { day, demoOrg, expectProblem, hour, loginDemo } from './helpers.js';

type Line = { object: string; id: string; name: string; overdue: boolean; detail: string | null };
type Todo = {
  followUps: { count: number; overdue: number; items: Line[] };
  firstContact: { count: number; items: Line[] };
  recycleSoon: { count: number; items: Line[] };
  approvals: { count: number; items: { id: string }[] };
  stalled: { count: number; items: Line[] };
};

// 待办: one place for what needs doing, the rep's own or (for a manager) their team's.
describe.each(testDialects)('the to-do centre on %s', (dialect) => {
  let t: TestApp;
  let rep: Client; // 刘洋
  let otherRep: Client; // 吴芳
  let manager: Client; // 李明, 华东大区
  const signIn = async () => {
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
    manager = await loginDemo(t, 'li.ming');
  };
  const todo = async (c: Client, view = 'mine') =>
    (await c({ url: `/api/v1/todo?view=${view}` })).json() as Todo;
  const ids = (lines: Line[]) => lines.map((l) => l.id);

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await demoOrg(t);
    await signIn();
  });
  afterAll(() => t.close());

  it('lists a rep’s first contacts, due follow-ups and stalled deals, and a manager’s team’s', async () => {
    const lead = (await rep({ method: 'POST', url: '/api/v1/leads', body: { name: '待办线索' } })).json();
    const customer = (
      await rep({ method: 'POST', url: '/api/v1/customers', body: { name: '无锡待办测试机械有限公司' } })
    ).json();
    const fu = await rep({
      method: 'POST',
      url: '/api/v1/follow-ups',
      body: {
        object: 'customer',
        recordId: customer.id,
        method: 'phone',
        content: '约了明天回电',
        nextAt: t.clock.now() + 20 * hour,
      },
    });
    expect(fu.statusCode, fu.body).toBe(201);
    const deal = (
      await rep({
        method: 'POST',
        url: '/api/v1/opportunities',
        body: { name: '待办商机', customerId: customer.id, amount: 100 },
      })
    ).json();

    let mine = await todo(rep);
    expect(ids(mine.firstContact.items)).toContain(lead.id);
    expect(ids(mine.followUps.items)).not.toContain(customer.id);

    t.clock.advance(15 * day);
    await signIn();
    mine = await todo(rep);
    expect(ids(mine.followUps.items)).toEqual(expect.arrayContaining([customer.id, deal.id]));
    expect(mine.followUps.overdue).toBeGreaterThanOrEqual(2);
    expect(mine.followUps.items.find((l) => l.id === deal.id)).toMatchObject({
      overdue: true,
      detail: '初步接洽',
    });
    expect(ids(mine.stalled.items)).toContain(deal.id);

    // Another team's rep sees none of it; the region's manager sees it in the team view only.
    const theirs = await todo(otherRep, 'team');
    expect([
      ...ids(theirs.followUps.items),
      ...ids(theirs.stalled.items),
      ...ids(theirs.firstContact.items),
    ]).not.toEqual(expect.arrayContaining([customer.id]));
    expect(ids(theirs.stalled.items)).not.toContain(deal.id);
    const team = await todo(manager, 'team');
    expect(ids(team.stalled.items)).toContain(deal.id);
    expect(team.stalled.count).toBeGreaterThanOrEqual(1);
    expect(ids((await todo(manager)).stalled.items)).not.toContain(deal.id);
  });

  it('counts stalled deals as the list does, longest stuck first across every stage', async () => {
    const customer = (
      await rep({ method: 'POST', url: '/api/v1/customers', body: { name: '常州停滞测试电机有限公司' } })
    ).json();
    const newDeal = async (name: string) =>
      (
        await rep({
          method: 'POST',
          url: '/api/v1/opportunities',
          body: { name, customerId: customer.id, amount: 100 },
        })
      ).json() as { id: string; pipelineId: string; version: number };
    await newDeal('停滞商机甲');
    t.clock.advance(hour);
    const moved = await newDeal('停滞商机乙');
    const pipelines = (await rep({ url: '/api/v1/pipelines' })).json().data as {
      id: string;
      stages: { id: string; name: string }[];
    }[];
    const next = pipelines.find((p) => p.id === moved.pipelineId)!.stages.find((s) => s.name === '需求确认')!;
    const logged = await rep({
      method: 'POST',
      url: '/api/v1/follow-ups',
      body: {
        object: 'opportunity',
        recordId: moved.id,
        method: 'phone',
        content: '确认了需求',
        nextAt: t.clock.now() + day,
      },
    });
    expect(logged.statusCode, logged.body).toBe(201);
    const res = await rep({
      method: 'POST',
      url: `/api/v1/opportunities/${moved.id}/move`,
      headers: {
        'if-match': `"${(await rep({ url: `/api/v1/opportunities/${moved.id}` })).json().version}"`,
      },
      body: { stageId: next.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    t.clock.advance(30 * day);
    await signIn();
    for (const [c, view] of [
      [manager, 'team'],
      [rep, 'mine'],
    ] as const) {
      const listed = (
        await c({ url: '/api/v1/opportunities?stalled=true&sort=stageEnteredAt&limit=200' })
      ).json() as { data: { id: string; ownerId: string }[]; totalCount: number };
      const own = view === 'mine' ? listed.data.filter((d) => d.ownerId === rep.userId) : listed.data;
      const { stalled } = (await c({ url: `/api/v1/todo?view=${view}&limit=50` })).json() as Todo;
      expect(stalled.count).toBe(view === 'mine' ? own.length : listed.totalCount);
      expect(stalled.count).toBeGreaterThan(1);
      expect(ids(stalled.items)).toEqual(own.slice(0, 50).map((d) => d.id));
      expect(new Set(stalled.items.map((l) => l.detail)).size).toBeGreaterThan(view === 'team' ? 1 : 0);
    }
  });

  it('refuses unknown views and sizes', async () => {
    expectProblem(await rep({ url: '/api/v1/todo?view=all' }), 400, 'validation_failed');
    expectProblem(await rep({ url: '/api/v1/todo?limit=500' }), 400, 'validation_failed');
  });
});
