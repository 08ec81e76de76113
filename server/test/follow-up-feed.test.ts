import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { demoOrg, expectProblem, loginAdmin, loginDemo, randomUuid, unchangedBy } from './helpers.js';

type Item = {
  id: string;
  object: string;
  recordId: string;
  recordName: string;
  content: string;
  createdByName: string;
  commentCount: number;
};
type Comment = { id: string; body: string; mentions: { id: string; name: string }[]; createdByName: string };

// 跟进动态 and 点评: a manager reads their team's follow-ups newest first and coaches on one; the rep,
// earlier commenters and anyone @mentioned hear of it; nobody reads or comments outside their reach.
describe.each(testDialects)('the follow-up feed and comments on %s', (dialect) => {
  let t: TestApp;
  let rep: Client; // 刘洋, 上海一组
  let teammate: Client; // 陈静, 上海一组
  let south: Client; // 吴芳, 广州组
  let lead: Client; // 张伟, 上海一组组长
  let org: Awaited<ReturnType<typeof demoOrg>>;
  const ids: Record<string, string> = {};

  const customer = async (c: Client, name: string) => {
    const res = await c({ method: 'POST', url: '/api/v1/customers', body: { name } });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const log = async (c: Client, object: string, recordId: string, content: string, method = 'phone') => {
    const res = await c({
      method: 'POST',
      url: '/api/v1/follow-ups',
      body: { object, recordId, method, content },
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const feed = async (c: Client, query = '') => {
    const res = await c({ url: `/api/v1/follow-ups/feed${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { data: Item[]; nextCursor: string | null };
  };
  const comment = (c: Client, id: string, body: Record<string, unknown>) =>
    c({ method: 'POST', url: `/api/v1/follow-ups/${id}/comments`, body });
  const notices = (who: string, kind: string) =>
    t.ctx.db
      .selectFrom('notifications')
      .select(['params', 'link'])
      .where('userId', '=', org.user(who))
      .where('kind', '=', kind)
      .execute();

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    rep = await loginDemo(t, 'liu.yang');
    teammate = await loginDemo(t, 'chen.jing');
    south = await loginDemo(t, 'wu.fang');
    lead = await loginDemo(t, 'zhang.wei');
    const mine = await customer(rep, '昆山动态测试精密有限公司');
    const hers = await customer(south, '佛山动态测试五金有限公司');
    const theirLead = await teammate({
      method: 'POST',
      url: '/api/v1/leads',
      body: { name: '孙经理', company: '太仓动态测试物流有限公司', phone: '13912345601' },
    });
    expect(theirLead.statusCode, theirLead.body).toBe(201);
    ids.mine = await log(rep, 'customer', mine, '电话沟通二期产线需求，客户关心交期');
    t.clock.advance(60_000);
    ids.hers = await log(south, 'customer', hers, '拜访佛山客户，确认样品', 'visit');
    t.clock.advance(60_000);
    ids.lead = await log(teammate, 'lead', theirLead.json().id, '首次电话，对方要报价', 'phone');
    ids.customer = mine;
  });
  afterAll(() => t.close());

  it('shows a manager their team’s follow-ups newest first, a rep their own, the admin everyone’s', async () => {
    const team = await feed(lead);
    expect(team.data.map((i) => i.id)).toEqual([ids.lead, ids.mine]);
    expect(team.data[1]).toMatchObject({
      object: 'customer',
      recordName: '昆山动态测试精密有限公司',
      createdByName: '刘洋',
      commentCount: 0,
    });
    expect((await feed(rep)).data.map((i) => i.id)).toEqual([ids.mine]);
    expect((await feed(south)).data.map((i) => i.id)).toEqual([ids.hers]);
    const all = await feed(await loginAdmin(t));
    expect(all.data.map((i) => i.id)).toEqual([ids.lead, ids.hers, ids.mine]);
    // Filters and pages.
    expect((await feed(lead, `?authorId=${org.user('liu.yang')}`)).data.map((i) => i.id)).toEqual([ids.mine]);
    expect((await feed(lead, '?object=lead')).data.map((i) => i.id)).toEqual([ids.lead]);
    expect((await feed(lead, '?method=visit')).data).toEqual([]);
    const first = await feed(lead, '?limit=1');
    expect(first.data.map((i) => i.id)).toEqual([ids.lead]);
    const second = await feed(lead, `?limit=1&cursor=${first.nextCursor}`);
    expect(second.data.map((i) => i.id)).toEqual([ids.mine]);
    expect(second.nextCursor).toBeNull();
    expectProblem(await lead({ url: '/api/v1/follow-ups/feed?object=contract' }), 400, 'validation_failed');
    expectProblem(await lead({ url: '/api/v1/follow-ups/feed?limit=1000' }), 400, 'validation_failed');
  });

  it('lets the manager comment, telling the rep and whoever is @mentioned; the rep’s reply tells the manager', async () => {
    const res = await comment(lead, ids.mine!, {
      body: '交期问题先问清楚产线排期，再约技术一起拜访',
      mentions: [org.user('li.ming')],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await notices('liu.yang', 'follow_up_commented')).toEqual([
      {
        params: JSON.stringify({
          by: '张伟',
          record: '昆山动态测试精密有限公司',
          excerpt: '交期问题先问清楚产线排期，再约技术一起拜访',
        }),
        link: `/customers/${ids.customer}`,
      },
    ]);
    expect(await notices('li.ming', 'follow_up_mentioned')).toHaveLength(1);
    expect(await notices('li.ming', 'follow_up_commented')).toHaveLength(0);
    // The rep answers: the manager hears of it; the rep does not hear of their own comment.
    expect((await comment(rep, ids.mine!, { body: '好的，周三约了技术' })).statusCode).toBe(201);
    expect(await notices('zhang.wei', 'follow_up_commented')).toHaveLength(1);
    expect(await notices('liu.yang', 'follow_up_commented')).toHaveLength(1);

    const list = (await rep({ url: `/api/v1/follow-ups/${ids.mine}/comments` })).json().data as Comment[];
    expect(list.map((c) => [c.createdByName, c.body])).toEqual([
      ['张伟', '交期问题先问清楚产线排期，再约技术一起拜访'],
      ['刘洋', '好的，周三约了技术'],
    ]);
    expect(list[0]!.mentions).toEqual([{ id: org.user('li.ming'), name: '李明' }]);
    expect((await feed(lead)).data.find((i) => i.id === ids.mine)?.commentCount).toBe(2);
    const log = (await rep({ url: `/api/v1/follow-ups?object=customer&recordId=${ids.customer}` })).json()
      .data as Item[];
    expect(log[0]?.commentCount).toBe(2);
  });

  it('refuses comments out of reach (404), mentions of someone who cannot see the record, and bad input', async () => {
    await unchangedBy(t, async () => {
      // 吴芳 (广州组) may not read 刘洋's customer: the follow-up does not exist for her.
      expectProblem(await comment(south, ids.mine!, { body: '路过看看' }), 404, 'not_found');
      expectProblem(await south({ url: `/api/v1/follow-ups/${ids.mine}/comments` }), 404, 'not_found');
      // 刘洋 may not comment on 吴芳's follow-up either.
      expectProblem(await comment(rep, ids.hers!, { body: '学习了' }), 404, 'not_found');
      const bad = expectProblem(
        await comment(lead, ids.mine!, { body: '请华南也看看', mentions: [org.user('wu.fang')] }),
        422,
        'validation_failed',
      );
      expect(bad.errors?.[0]).toMatchObject({ path: 'body.mentions.0', code: 'mention_cannot_see' });
      expectProblem(await comment(lead, ids.mine!, { body: '   ' }), 400, 'validation_failed');
      expectProblem(await comment(lead, ids.mine!, { body: '长'.repeat(1001) }), 400, 'validation_failed');
      expectProblem(await comment(lead, ids.mine!, { body: '好', extra: 1 }), 400, 'validation_failed');
      expectProblem(
        await comment(lead, ids.mine!, { body: '好', mentions: [org.user('li.ming'), org.user('li.ming')] }),
        422,
        'validation_failed',
      );
      expectProblem(await comment(lead, randomUuid, { body: '好' }), 404, 'not_found');
      expectProblem(await comment(lead, 'nope', { body: '好' }), 400, 'validation_failed');
    });
  });

  it('deletes only one’s own comment', async () => {
    const list = (await lead({ url: `/api/v1/follow-ups/${ids.mine}/comments` })).json().data as Comment[];
    const managers = list.find((c) => c.createdByName === '张伟')!;
    const del = (c: Client, id: string) =>
      c({ method: 'DELETE', url: `/api/v1/follow-ups/${ids.mine}/comments/${id}` });
    await unchangedBy(t, async () => {
      expectProblem(await del(rep, managers.id), 403, 'comment_not_yours');
      expectProblem(await del(lead, randomUuid), 404, 'not_found');
    });
    expect((await del(lead, managers.id)).statusCode).toBe(204);
    expectProblem(await del(lead, managers.id), 404, 'not_found');
    const after = (await rep({ url: `/api/v1/follow-ups/${ids.mine}/comments` })).json().data as Comment[];
    expect(after.map((c) => c.createdByName)).toEqual(['刘洋']);
  });

  it('lets anyone signed in find active colleagues by name (name and department only), to @mention them', async () => {
    const found = await rep({ url: `/api/v1/colleagues?q=${encodeURIComponent('李')}` });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().data).toContainEqual({
      id: org.user('li.ming'),
      name: '李明',
      departmentName: '华东大区',
    });
    expect(Object.keys(found.json().data[0]).sort()).toEqual(['departmentName', 'id', 'name']);
    expectProblem(await rep({ url: `/api/v1/colleagues?q=${'x'.repeat(51)}` }), 400, 'validation_failed');
    expectProblem(await t.app.inject({ url: '/api/v1/colleagues' }), 401, 'unauthenticated');
  });
});
