import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recycleOrg } from '../src/modules/pools/recycle.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { day, demoOrg, expectProblem, loginAdmin, loginDemo, unchangedBy } from './helpers.js';

type Lead = { id: string; version: number; ownerId: string | null; poolId: string | null; status: string };
type Pool = { id: string; object: string; isDefault: boolean; version: number };
type Rule = { id: string; version: number; object: string; poolId: string };

// 线索池的回收规则: leads a rep sits on go back to the lead pool, like customers to 公海.
describe.each(testDialects)('recycle rules of lead pools on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client; // 刘洋, 上海一组
  let otherRep: Client; // 吴芳, 广州组
  let org: Awaited<ReturnType<typeof demoOrg>>;
  let leadPool: Pool;
  let customerPool: Pool;
  let seq = 0;

  const signIn = async () => {
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
  };
  /** Moves time on; sessions expire meanwhile, so everyone signs in again. */
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await signIn();
  };
  const newLead = async (c: Client) => {
    const res = await c({
      method: 'POST',
      url: '/api/v1/leads',
      body: { name: `回收线索${++seq}`, phone: `1371111${String(seq).padStart(4, '0')}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Lead;
  };
  /** A follow-up meets the first-response deadline, so only the recycle rules move the lead. */
  const followUp = async (c: Client, id: string) => {
    const res = await c({
      method: 'POST',
      url: '/api/v1/follow-ups',
      body: { object: 'lead', recordId: id, method: 'phone', content: '电话沟通了需求' },
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  const get = async (id: string) => (await admin({ url: `/api/v1/leads/${id}` })).json() as Lead;
  const createRule = (body: Record<string, unknown>) =>
    admin({
      method: 'POST',
      url: '/api/v1/recycle-rules',
      body: {
        name: '7 天未跟进',
        poolId: leadPool.id,
        levels: [],
        noFollowUpDays: 7,
        notWonDays: null,
        warnDays: 2,
        exemptLocked: false,
        exemptWon: false,
        enabled: true,
        ...body,
      },
    });
  const notices = async (who: string, kind: string) =>
    (await t.ctx.db
      .selectFrom('notifications')
      .select(['params', 'link'])
      .where('userId', '=', org.user(who))
      .where('kind', '=', kind)
      .execute()) as { params: string; link: string }[];

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    await signIn();
    const pools = async (object: string) =>
      (await admin({ url: `/api/v1/pools?object=${object}` })).json().data as Pool[];
    leadPool = (await pools('lead')).find((p) => p.isDefault)!;
    customerPool = (await pools('customer')).find((p) => p.isDefault)!;
  });
  afterAll(() => t.close());

  it('returns a lead nobody followed up to the lead pool after warning its owner, sparing closed leads', async () => {
    const ruleRes = await createRule({});
    expect(ruleRes.statusCode, ruleRes.body).toBe(201);
    const rule = ruleRes.json() as Rule;
    expect(rule).toMatchObject({ object: 'lead', poolId: leadPool.id });
    const idle = await newLead(rep);
    const disqualified = await newLead(rep);
    const busy = await newLead(rep);
    for (const l of [idle, disqualified, busy]) await followUp(rep, l.id);
    const dq = await rep({
      method: 'POST',
      url: `/api/v1/leads/${disqualified.id}/disqualify`,
      headers: { 'if-match': String((await get(disqualified.id)).version) },
      body: { reason: '同行或竞品询价' },
    });
    expect(dq.statusCode, dq.body).toBe(200);

    await advance(3 * day);
    await followUp(rep, busy.id);
    await advance(2.5 * day);
    // Due in 1.5 days: listed as soon due and its owner warned, once a day — nothing moves yet.
    expect(await recycleOrg(t.ctx.db, t.orgId, t.clock.now())).toBe(0);
    const due = (await rep({ url: '/api/v1/leads/recycle-due' })).json().data as {
      lead: { id: string };
      dueAt: number;
      rule: { name: string; poolName: string };
    }[];
    expect(due.map((d) => d.lead.id)).toEqual([idle.id]);
    expect(due[0]).toMatchObject({ rule: { name: '7 天未跟进', poolName: '线索池' } });
    // The customer list of soon-due records holds customers only.
    const customersDue = (await rep({ url: '/api/v1/customers/recycle-due' })).json().data as unknown[];
    expect(customersDue).toEqual([]);
    // Another team's rep does not see 刘洋's lead among theirs.
    expect((await otherRep({ url: '/api/v1/leads/recycle-due' })).json().data).toEqual([]);
    await recycleOrg(t.ctx.db, t.orgId, t.clock.now());
    const warned = await notices('liu.yang', 'leads_recycle_soon');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.link).toBe('/leads/recycle-due');

    await advance(2 * day);
    await t.jobs.drain(); // the hourly job does it
    expect(await get(idle.id)).toMatchObject({ ownerId: null, poolId: leadPool.id });
    expect(await get(busy.id)).toMatchObject({ ownerId: org.user('liu.yang') });
    expect(await get(disqualified.id)).toMatchObject({
      ownerId: org.user('liu.yang'),
      status: 'disqualified',
    });
    const history = await t.ctx.db
      .selectFrom('ownershipHistory')
      .select(['object', 'kind', 'reason'])
      .where('recordId', '=', idle.id)
      .where('kind', '=', 'recycle')
      .execute();
    expect(history).toEqual([{ object: 'lead', kind: 'recycle', reason: '7 天未跟进' }]);
    const recycled = await notices('liu.yang', 'leads_recycled');
    expect(recycled).toHaveLength(1);
    expect(JSON.parse(recycled[0]!.params)).toMatchObject({ count: 1, rule: '7 天未跟进', pool: '线索池' });
    // Another rep claims it from the pool.
    const claimed = await otherRep({ method: 'POST', url: `/api/v1/leads/${idle.id}/claim` });
    expect(claimed.statusCode, claimed.body).toBe(200);
    await admin({
      method: 'DELETE',
      url: `/api/v1/recycle-rules/${rule.id}`,
      headers: { 'if-match': `"${rule.version}"` },
    });
  });

  it('takes back a lead not converted in time, and never one that was', async () => {
    const rule = (
      await createRule({ name: '30 天未转化', noFollowUpDays: null, notWonDays: 30, warnDays: 0 })
    ).json() as Rule;
    const open = await newLead(rep);
    const converted = await newLead(rep);
    const conv = await rep({
      method: 'POST',
      url: `/api/v1/leads/${converted.id}/convert`,
      headers: { 'if-match': String(converted.version) },
      body: {
        customer: {
          mode: 'new',
          name: `回收转化客户${seq}有限公司`,
          nearDuplicateReason: '测试用的不同客户',
        },
      },
    });
    expect(conv.statusCode, conv.body).toBe(200);
    // Followed up every few days, yet not converted within 30 days.
    for (let i = 0; i < 10; i++) {
      await followUp(rep, open.id);
      await advance(3 * day + 1);
    }
    // (The first test's leads, open for over 30 days, go too.)
    expect(await recycleOrg(t.ctx.db, t.orgId, t.clock.now())).toBeGreaterThan(0);
    expect(await get(open.id)).toMatchObject({ ownerId: null, poolId: leadPool.id });
    expect(await get(converted.id)).toMatchObject({ status: 'converted', ownerId: org.user('liu.yang') });
    await admin({
      method: 'DELETE',
      url: `/api/v1/recycle-rules/${rule.id}`,
      headers: { 'if-match': `"${rule.version}"` },
    });
  });

  it('refuses customer conditions on a lead pool’s rule, on create and on edit, changing nothing', async () => {
    for (const [body, path] of [
      [{ levels: ['A'] }, 'body.levels'],
      [{ exemptLocked: true }, 'body.exemptLocked'],
      [{ exemptWon: true }, 'body.exemptWon'],
    ] as const) {
      const res = await unchangedBy(t, () => createRule(body));
      expectProblem(res, 422, 'validation_failed');
      expect(res.json().errors).toEqual([
        expect.objectContaining({ path, code: 'recycle_rule_customer_only' }),
      ]);
    }
    // A customer pool's rule may have them; moved to the lead pool, it may not keep them.
    const customerRule = (
      await createRule({ poolId: customerPool.id, levels: ['C'], exemptLocked: true, exemptWon: true })
    ).json() as Rule;
    expect(customerRule.object).toBe('customer');
    const moved = await unchangedBy(t, () =>
      admin({
        method: 'PATCH',
        url: `/api/v1/recycle-rules/${customerRule.id}`,
        headers: { 'if-match': `"${customerRule.version}"`, 'accept-language': 'en' },
        body: { poolId: leadPool.id },
      }),
    );
    expectProblem(moved, 422, 'validation_failed');
    expect(moved.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.levels',
      'body.exemptLocked',
      'body.exemptWon',
    ]);
    expect(moved.json().errors[0].message).toMatch(/lead pool/);
    const cleared = await admin({
      method: 'PATCH',
      url: `/api/v1/recycle-rules/${customerRule.id}`,
      headers: { 'if-match': `"${customerRule.version}"` },
      body: { poolId: leadPool.id, levels: [], exemptLocked: false, exemptWon: false },
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ object: 'lead', levels: [] });
    // Reps read neither rules nor other teams' soon-due leads; finance has no leads at all.
    const finance = await loginDemo(t, 'lin.xiaoyan');
    expectProblem(await finance({ url: '/api/v1/leads/recycle-due' }), 403, 'forbidden');
    expectProblem(await rep({ url: '/api/v1/leads/recycle-due?ownerId=x' }), 400, 'validation_failed');
  });
});
