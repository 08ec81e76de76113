import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recycleOrg } from '../src/modules/pools/recycle.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { day, demoOrg, expectProblem, loginAdmin, loginDemo, unchangedBy } from './helpers.js';

type Pool = { id: string; isDefault: boolean };
type Pipeline = { id: string; isDefault: boolean; stages: { id: string; name: string }[] };

// 回收规则 "M 天无商机": a customer its owner opened no deal for goes back to the pool; an open deal keeps it,
// and a closed one counts the days afresh.
describe.each(testDialects)('recycling customers without deals on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client; // 刘洋
  let pool: Pool;
  let general: Pipeline;
  let seq = 0;

  const signIn = async () => {
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
  };
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await signIn();
  };
  const newCustomer = async () => {
    const res = await rep({
      method: 'POST',
      url: '/api/v1/customers',
      body: { name: `无商机回收${++seq}号机电有限公司`, nearDuplicateReason: '测试用的不同客户' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const newDeal = async (customerId: string) => {
    const res = await rep({
      method: 'POST',
      url: '/api/v1/opportunities',
      body: { name: `回收商机${++seq}`, customerId, amount: 100 },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number };
  };
  const ownerOf = async (id: string) =>
    (await admin({ url: `/api/v1/customers/${id}` })).json().ownerId as string | null;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await demoOrg(t);
    await signIn();
    pool = ((await admin({ url: '/api/v1/pools' })).json().data as Pool[]).find((p) => p.isDefault)!;
    general = ((await rep({ url: '/api/v1/pipelines' })).json().data as Pipeline[]).find((p) => p.isDefault)!;
  });
  afterAll(() => t.close());

  it('takes back a customer with no deal for M days, keeps one with an open deal, and counts from a closed one', async () => {
    const rule = await admin({
      method: 'POST',
      url: '/api/v1/recycle-rules',
      body: {
        name: '30 天无商机',
        poolId: pool.id,
        levels: [],
        noFollowUpDays: null,
        notWonDays: null,
        noDealDays: 30,
        warnDays: 5,
        exemptLocked: false,
        exemptWon: false,
        enabled: true,
      },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    expect(rule.json()).toMatchObject({ noDealDays: 30, object: 'customer' });
    const idle = await newCustomer();
    const busy = await newCustomer();
    const closed = await newCustomer();
    await newDeal(busy);
    const lost = await newDeal(closed);

    await advance(20 * day);
    const move = await rep({
      method: 'POST',
      url: `/api/v1/opportunities/${lost.id}/move`,
      headers: { 'if-match': String(lost.version) },
      body: { stageId: general.stages.find((s) => s.name === '输单')!.id, lostReason: '客户预算取消' },
    });
    expect(move.statusCode, move.body).toBe(200);

    await advance(6 * day);
    // Day 26: the idle customer is due in 4 days (within the warning), the others are not.
    const due = (await rep({ url: '/api/v1/customers/recycle-due' })).json().data as {
      customer: { id: string };
      dueAt: number;
    }[];
    const idleDue = due.find((d) => d.customer.id === idle);
    expect(idleDue?.dueAt).toBe(t.clock.now() - 26 * day + 30 * day);
    expect(due.map((d) => d.customer.id)).not.toContain(busy);
    expect(due.map((d) => d.customer.id)).not.toContain(closed);

    await advance(5 * day);
    await recycleOrg(t.ctx.db, t.orgId, t.clock.now());
    expect(await ownerOf(idle)).toBeNull();
    expect(await ownerOf(busy)).not.toBeNull();
    expect(await ownerOf(closed)).not.toBeNull();
    // 30 days after the deal was lost, that customer goes too.
    await advance(20 * day);
    await recycleOrg(t.ctx.db, t.orgId, t.clock.now());
    expect(await ownerOf(closed)).toBeNull();
    expect(await ownerOf(busy)).not.toBeNull();
  });

  it('refuses days without a deal on a lead pool’s rule', async () => {
    const leadPool = ((await admin({ url: '/api/v1/pools?object=lead' })).json().data as Pool[])[0]!;
    const res = await unchangedBy(t, () =>
      admin({
        method: 'POST',
        url: '/api/v1/recycle-rules',
        body: {
          name: '线索无商机',
          poolId: leadPool.id,
          levels: [],
          noFollowUpDays: null,
          notWonDays: null,
          noDealDays: 30,
          warnDays: 0,
          exemptLocked: false,
          exemptWon: false,
          enabled: true,
        },
      }),
    );
    expectProblem(res, 422, 'validation_failed');
    expect(res.json().errors).toEqual([
      expect.objectContaining({ path: 'body.noDealDays', code: 'recycle_rule_customer_only' }),
    ]);
  });
});
