import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveRecords } from '../src/modules/customers/ownership.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { demoOrg, expectProblem, loginAdmin, loginDemo, makeOrg, unchangedBy } from './helpers.js';

type Lead = {
  id: string;
  version: number;
  ownerId: string | null;
  poolId: string | null;
  assignmentReason: Record<string, unknown> | null;
  assignedAt: number | null;
};
type Entry = {
  kind: string;
  from: { name: string } | null;
  to: { name: string } | null;
  pool: { name: string } | null;
  reason: string | null;
  actorName: string | null;
};
type Pool = {
  id: string;
  object: string;
  name: string;
  isDefault: boolean;
  waitingCount: number;
  version: number;
};

describe.each(testDialects)('the lead pool (线索池) on %s', (dialect) => {
  let t: TestApp;
  let rep: Client; // 刘洋
  let otherRep: Client; // 吴芳
  let thirdRep: Client; // 陈静
  let finance: Client;
  let admin: Client;
  let leadPool: Pool;
  let org: Awaited<ReturnType<typeof demoOrg>>;
  let seq = 0;

  const newLead = async (c: Client) => {
    const res = await c({
      method: 'POST',
      url: '/api/v1/leads',
      body: { name: `池线索${++seq}`, phone: `1370000${String(seq).padStart(4, '0')}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Lead;
  };
  const release = (c: Client, ids: string[], reason = '暂无需求') =>
    c({ method: 'POST', url: '/api/v1/leads/release', body: { ids, reason } });
  const claim = (c: Client, id: string) => c({ method: 'POST', url: `/api/v1/leads/${id}/claim` });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
    thirdRep = await loginDemo(t, 'chen.jing');
    finance = await loginDemo(t, 'lin.xiaoyan');
    admin = await loginAdmin(t);
    const pools = (await rep({ url: '/api/v1/pools?object=lead' })).json().data as Pool[];
    leadPool = pools.find((p) => p.isDefault)!;
  });
  afterAll(() => t.close());

  it('gives every org a default lead pool, apart from the customer pools', async () => {
    expect(leadPool).toMatchObject({ object: 'lead', name: '线索池', waitingCount: 0 });
    const customerPools = (await rep({ url: '/api/v1/pools' })).json().data as Pool[];
    expect(customerPools.every((p) => p.object === 'customer')).toBe(true);
    expect(customerPools.some((p) => p.id === leadPool.id)).toBe(false);
    expectProblem(await finance({ url: '/api/v1/pools?object=lead' }), 403, 'forbidden');
    expectProblem(await finance({ url: `/api/v1/pools/${leadPool.id}` }), 404, 'not_found');
    expect((await rep({ url: `/api/v1/pools/${leadPool.id}` })).json()).toMatchObject({ object: 'lead' });
  });

  it('releases a lead into the lead pool, where another rep claims it', async () => {
    const l = await newLead(rep);
    const res = await release(rep, [l.id]);
    expect(res.statusCode, res.body).toBe(200);
    expect((await rep({ url: '/api/v1/leads?q=池线索' })).json().data).toEqual([]);
    const waiting = (await otherRep({ url: `/api/v1/leads?poolId=${leadPool.id}` })).json().data as Lead[];
    expect(waiting.map((x) => x.id)).toContain(l.id);
    expect((await otherRep({ url: `/api/v1/pools/${leadPool.id}` })).json().waitingCount).toBe(1);
    const claimed = await claim(otherRep, l.id);
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json()).toMatchObject({ ownerId: org.user('wu.fang') });
    // Released by 刘洋: the re-claim cooldown keeps her from taking it straight back.
    await release(otherRep, [l.id], '不在我的区域');
    expectProblem(await claim(rep, l.id), 422, 'reclaim_cooldown');
    const history = await t.ctx.db
      .selectFrom('ownershipHistory')
      .select(['object', 'kind'])
      .where('recordId', '=', l.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(history.map((h) => `${h.object}:${h.kind}`)).toEqual([
      'lead:create',
      'lead:release',
      'lead:claim',
      'lead:release',
    ]);
  });

  it('lets exactly one of two reps claiming the same lead at once win', async () => {
    const l = await newLead(rep);
    await release(rep, [l.id]);
    const [a, b] = await Promise.all([claim(otherRep, l.id), claim(thirdRep, l.id)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expectProblem([a, b].find((r) => r.statusCode === 409)!, 409, 'already_claimed');
  });

  it('counts lead claims against the lead pool’s daily limit only', async () => {
    const patched = await admin({
      method: 'PATCH',
      url: `/api/v1/pools/${leadPool.id}`,
      headers: { 'if-match': String((await admin({ url: `/api/v1/pools/${leadPool.id}` })).json().version) },
      body: { dailyClaimLimit: 1 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const [a, b] = [await newLead(rep), await newLead(rep)];
    await release(rep, [a.id, b.id]);
    // 赵磊 has claimed nothing today (陈静 may have won the race above).
    const zhao = await loginDemo(t, 'zhao.lei');
    // A customer he claims from 公海 today does not count against the lead pool's limit.
    const c = await rep({ method: 'POST', url: '/api/v1/customers', body: { name: '池外客户科技有限公司' } });
    await rep({
      method: 'POST',
      url: '/api/v1/customers/release',
      body: { ids: [c.json().id], reason: '暂无需求' },
    });
    expect((await zhao({ method: 'POST', url: `/api/v1/customers/${c.json().id}/claim` })).statusCode).toBe(
      200,
    );
    expect((await claim(zhao, a.id)).statusCode).toBe(200);
    expectProblem(await unchangedBy(t, () => claim(zhao, b.id)), 422, 'claim_limit_reached');
  });

  it('refuses moves of leads out of reach, all or nothing', async () => {
    const mine = await newLead(rep);
    const theirs = await newLead(otherRep);
    const res = await unchangedBy(t, () => release(rep, [mine.id, theirs.id]));
    expectProblem(res, 404, 'not_found');
    expect(res.json().ids).toEqual([theirs.id]);
    expectProblem(
      await rep({
        method: 'POST',
        url: '/api/v1/leads/transfer',
        body: { ids: [mine.id], toUserId: org.user('wu.fang') },
      }),
      422,
      'validation_failed',
    );
    const manager = await loginDemo(t, 'li.ming');
    const moved = await manager({
      method: 'POST',
      url: '/api/v1/leads/transfer',
      body: { ids: [mine.id], toUserId: org.user('chen.jing'), reason: '按区域分配' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await thirdRep({ url: `/api/v1/leads/${mine.id}` })).json()).toMatchObject({
      ownerId: org.user('chen.jing'),
    });
  });

  describe('why a lead has its owner after it changed hands', () => {
    const read = async (c: Client, id: string) => (await c({ url: `/api/v1/leads/${id}` })).json() as Lead;
    const history = async (c: Client, id: string) =>
      (await c({ url: `/api/v1/leads/${id}/ownership` })).json().data as Entry[];

    beforeAll(async () => {
      // The daily claim limit of 1 set above would stop the claims here.
      const current = (await admin({ url: `/api/v1/pools/${leadPool.id}` })).json();
      const res = await admin({
        method: 'PATCH',
        url: `/api/v1/pools/${leadPool.id}`,
        headers: { 'if-match': String(current.version) },
        body: { dailyClaimLimit: null },
      });
      expect(res.statusCode, res.body).toBe(200);
    });

    it('says who released it, from whom, into which pool and why, and who claimed it from there', async () => {
      const l = await newLead(rep);
      expect((await read(rep, l.id)).assignmentReason).toMatchObject({ kind: 'manual' });
      t.clock.advance(60_000);
      await release(rep, [l.id], '客户暂无预算');
      const released = await read(otherRep, l.id);
      expect(released.assignmentReason, 'a released lead says so').toEqual({
        kind: 'release',
        at: t.clock.now(),
        byUserId: org.user('liu.yang'),
        byUserName: '刘洋',
        fromUserId: org.user('liu.yang'),
        fromUserName: '刘洋',
        poolId: leadPool.id,
        poolName: '线索池',
        reason: '客户暂无预算',
      });
      expect(released.assignedAt).toBe(t.clock.now());
      t.clock.advance(60_000);
      expect((await claim(otherRep, l.id)).statusCode).toBe(200);
      expect((await read(otherRep, l.id)).assignmentReason).toEqual({
        kind: 'claim',
        at: t.clock.now(),
        byUserId: org.user('wu.fang'),
        byUserName: '吴芳',
        fromUserId: null,
        poolId: leadPool.id,
        poolName: '线索池',
      });
      const lines = await history(otherRep, l.id);
      expect(lines.map((e) => e.kind)).toEqual(['claim', 'release', 'create']);
      expect(lines[1]).toMatchObject({
        from: { name: '刘洋' },
        to: null,
        pool: { name: '线索池' },
        reason: '客户暂无预算',
        actorName: '刘洋',
      });
    });

    it('says who transferred it, from whom and why, on the lead and in its history', async () => {
      const [a, b] = [await newLead(rep), await newLead(rep)];
      const manager = await loginDemo(t, 'li.ming');
      const res = await manager({
        method: 'POST',
        url: '/api/v1/leads/transfer',
        body: { ids: [a.id, b.id], toUserId: org.user('chen.jing'), reason: '按区域重新分配' },
      });
      expect(res.statusCode, res.body).toBe(200);
      for (const id of [a.id, b.id]) {
        const moved = await read(thirdRep, id);
        expect(moved.ownerId).toBe(org.user('chen.jing'));
        expect(moved.assignmentReason).toEqual({
          kind: 'transfer',
          at: t.clock.now(),
          byUserId: org.user('li.ming'),
          byUserName: '李明',
          fromUserId: org.user('liu.yang'),
          fromUserName: '刘洋',
          reason: '按区域重新分配',
        });
        expect((await history(manager, id))[0]).toMatchObject({
          kind: 'transfer',
          from: { name: '刘洋' },
          to: { name: '陈静' },
          reason: '按区域重新分配',
          actorName: '李明',
        });
      }
    });

    it('names the pool rule that recycled a lead, and a hand-over, through the one move path', async () => {
      const l = await newLead(rep);
      const orgId = (
        await t.ctx.db.selectFrom('leads').select('orgId').where('id', '=', l.id).executeTakeFirstOrThrow()
      ).orgId;
      const at = t.clock.now();
      await t.ctx.db
        .transaction()
        .execute((tx) =>
          moveRecords(
            tx,
            'lead',
            [{ id: l.id, expectOwner: org.user('liu.yang'), poolId: null }],
            { poolId: leadPool.id },
            'recycle',
            { orgId, actorId: null, at, reason: '7 天未跟进', payload: { ruleId: 'rule-1' } },
          ),
        );
      expect((await read(admin, l.id)).assignmentReason).toEqual({
        kind: 'recycle',
        at,
        byUserId: null,
        fromUserId: org.user('liu.yang'),
        fromUserName: '刘洋',
        poolId: leadPool.id,
        poolName: '线索池',
        reason: '7 天未跟进',
        ruleId: 'rule-1',
      });
      expect((await history(admin, l.id))[0]).toMatchObject({
        kind: 'recycle',
        reason: '7 天未跟进',
        actorName: null,
      });
      await t.ctx.db
        .transaction()
        .execute((tx) =>
          moveRecords(
            tx,
            'lead',
            [{ id: l.id, expectOwner: null, poolId: leadPool.id }],
            { ownerId: org.user('wu.fang') },
            'handover',
            { orgId, actorId: org.user('li.ming'), at, payload: { fromUserId: org.user('liu.yang') } },
          ),
        );
      expect((await read(admin, l.id)).assignmentReason).toMatchObject({
        kind: 'handover',
        byUserName: '李明',
        fromUserId: null,
      });
      // A move that lost a race changes nothing, the reason included.
      const before = await read(admin, l.id);
      await t.ctx.db
        .transaction()
        .execute((tx) =>
          moveRecords(
            tx,
            'lead',
            [{ id: l.id, expectOwner: org.user('liu.yang'), poolId: null }],
            { poolId: leadPool.id },
            'recycle',
            { orgId, actorId: null, at: at + 1, reason: '别的规则' },
          ),
        );
      expect((await read(admin, l.id)).assignmentReason).toEqual(before.assignmentReason);
    });

    it('shows the history only to those who may read the lead', async () => {
      const l = await newLead(rep);
      await release(rep, [l.id], '不在服务区域');
      expect((await claim(otherRep, l.id)).statusCode).toBe(200);
      // 刘洋 (own leads only) no longer reads it: neither the lead, nor its reason, nor its history.
      expectProblem(await rep({ url: `/api/v1/leads/${l.id}` }), 404, 'not_found');
      expectProblem(await rep({ url: `/api/v1/leads/${l.id}/ownership` }), 404, 'not_found');
      expectProblem(await thirdRep({ url: `/api/v1/leads/${l.id}/ownership` }), 404, 'not_found');
      expectProblem(await finance({ url: `/api/v1/leads/${l.id}/ownership` }), 403, 'forbidden');
      expect((await history(otherRep, l.id)).length).toBe(3);
      // Unknown, malformed, another org's or deleted: the same answers as for the lead itself.
      expectProblem(
        await otherRep({ url: '/api/v1/leads/01900000-0000-7000-8000-000000000000/ownership' }),
        404,
        'not_found',
      );
      expectProblem(await otherRep({ url: '/api/v1/leads/nope/ownership' }), 400, 'validation_failed');
      const org2 = await makeOrg(t, '线索池二公司');
      expectProblem(await org2.admin({ url: `/api/v1/leads/${l.id}/ownership` }), 404, 'not_found');
      const mine = await read(otherRep, l.id);
      const del = await admin({
        method: 'DELETE',
        url: `/api/v1/leads/${l.id}`,
        headers: { 'if-match': String(mine.version) },
      });
      expect(del.statusCode, del.body).toBe(204);
      expectProblem(await admin({ url: `/api/v1/leads/${l.id}/ownership` }), 404, 'not_found');
    });
  });
});
