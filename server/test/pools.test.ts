import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recycleOrg } from '../src/modules/pools/recycle.js';
import { minuteIn } from '../src/platform/clock.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { day, demoOrg, expectProblem, loginAdmin, loginDemo, makeOrg, unchangedBy } from './helpers.js';

type Customer = { id: string; name: string; version: number; ownerId: string | null; poolId: string | null };
type Pool = {
  id: string;
  name: string;
  isDefault: boolean;
  version: number;
  waitingCount: number;
  isMember: boolean;
  myQuota: {
    dailyClaimLimit: number | null;
    claimedToday: number;
    ownershipCap: number | null;
    owned: number;
  };
};

describe.each(testDialects)('customer pools, claims, collaborators and hand-over on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client; // 刘洋, 上海一组 (华东)
  let eastRep: Client; // 陈静, 上海一组 (华东)
  let southRep: Client; // 吴芳, 广州组 (华南)
  let manager: Client; // 李明, 华东大区
  let org: Awaited<ReturnType<typeof demoOrg>>;
  let defaultPool: Pool;
  let n = 0;

  const newCustomer = async (c: Client, extra: Record<string, unknown> = {}) => {
    const res = await c({
      method: 'POST',
      url: '/api/v1/customers',
      body: {
        name: `池测试${++n}号精密机械有限公司`,
        phone: `1380013${String(n).padStart(4, '0')}`,
        nearDuplicateReason: '测试用的不同客户',
        ...extra,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Customer;
  };
  const get = (c: Client, id: string) => c({ url: `/api/v1/customers/${id}` });
  const release = (c: Client, ids: string[], reason = '客户暂无采购需求', poolId?: string) =>
    c({
      method: 'POST',
      url: '/api/v1/customers/release',
      body: { ids, reason, ...(poolId ? { poolId } : {}) },
    });
  const claim = (c: Client, id: string) => c({ method: 'POST', url: `/api/v1/customers/${id}/claim` });
  const pools = async (c: Client) => (await c({ url: '/api/v1/pools' })).json().data as Pool[];
  const patchPool = async (id: string, body: Record<string, unknown>) => {
    const current = (await pools(admin)).find((p) => p.id === id)!;
    const res = await admin({
      method: 'PATCH',
      url: `/api/v1/pools/${id}`,
      body,
      headers: { 'if-match': `"${current.version}"` },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Pool;
  };
  const history = async (c: Client, id: string) =>
    (await c({ url: `/api/v1/customers/${id}/ownership` })).json().data as {
      kind: string;
      reason: string | null;
      to: { name: string } | null;
    }[];

  const signInAll = async () => {
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    eastRep = await loginDemo(t, 'chen.jing');
    southRep = await loginDemo(t, 'wu.fang');
    manager = await loginDemo(t, 'li.ming');
  };
  /** Moves time on; sessions expire meanwhile, so everyone signs in again. */
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await signInAll();
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    await signInAll();
    defaultPool = (await pools(admin)).find((p) => p.isDefault)!;
    // Generous limits for the tests that are not about limits.
    await patchPool(defaultPool.id, { dailyClaimLimit: null, ownershipCap: null, reclaimCooldownDays: 30 });
  });
  afterAll(() => t.close());

  it('gives every org a default pool (公海) with the whole company as members', async () => {
    expect(defaultPool).toMatchObject({ name: '公海', isDefault: true });
    const mine = await pools(southRep);
    expect(mine.map((p) => p.id)).toContain(defaultPool.id);
    expect(mine.find((p) => p.id === defaultPool.id)?.isMember).toBe(true);
  });

  it('releases a customer to the pool with a reason, where every member sees it and one claims it', async () => {
    const c = await newCustomer(rep);
    const res = await release(rep, [c.id]);
    expect(res.json()).toEqual({ released: 1 });
    const inPool = (await get(southRep, c.id)).json() as Customer;
    expect(inPool).toMatchObject({
      ownerId: null,
      poolId: defaultPool.id,
      myAccess: { update: false, delete: false, claim: true, release: false, share: false },
    });
    const listed = (await southRep({ url: `/api/v1/customers?poolId=${defaultPool.id}&limit=100` })).json();
    expect(listed.data.map((x: Customer) => x.id)).toContain(c.id);
    // Members may read pool customers but not edit them before claiming.
    const edit = await southRep({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      body: { level: 'A' },
      headers: { 'if-match': `"${inPool.version}"` },
    });
    expectProblem(edit, 404, 'not_found');

    const claimed = await claim(southRep, c.id);
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json()).toMatchObject({ ownerId: southRep.userId });
    const h = await history(southRep, c.id);
    expect(h.map((x) => x.kind)).toEqual(['claim', 'release', 'create']);
    expect(h[1]!.reason).toBe('客户暂无采购需求');
    // The former owner no longer sees it.
    expectProblem(await get(rep, c.id), 404, 'not_found');
  });

  it('refuses releases without a reason, of customers out of reach, or already in the pool — changing nothing', async () => {
    const mine = await newCustomer(rep);
    const theirs = await newCustomer(southRep);
    expectProblem(
      await rep({ method: 'POST', url: '/api/v1/customers/release', body: { ids: [mine.id] } }),
      400,
      'validation_failed',
    );
    expectProblem(await release(rep, [mine.id], ' '), 400, 'validation_failed');
    const res = await unchangedBy(t, () => release(rep, [mine.id, theirs.id]));
    expect(expectProblem(res, 404, 'not_found')).toBeDefined();
    expect((res.json() as { ids: string[] }).ids).toEqual([theirs.id]);
    await release(rep, [mine.id]);
    expectProblem(await release(manager, [mine.id]), 404, 'not_found'); // in the pool: not the manager's to update
    expectProblem(await release(admin, [mine.id]), 409, 'already_in_pool');
  });

  it('keeps a former owner from re-claiming for the cooldown days', async () => {
    const c = await newCustomer(rep);
    await release(rep, [c.id]);
    const res = await claim(rep, c.id);
    const refused = expectProblem(res, 422, 'reclaim_cooldown');
    // The date a person reads: the org's local time (Asia/Shanghai), not UTC.
    const { until } = res.json() as { until: number };
    expect(until).toBeGreaterThan(Date.now());
    expect(refused.title).toContain(minuteIn(until, 'Asia/Shanghai'));
    expect(minuteIn(until, 'Asia/Shanghai')).not.toBe(minuteIn(until, 'UTC'));
    await advance(31 * day);
    expect((await claim(rep, c.id)).statusCode).toBe(200);
  });

  it('enforces the daily claim limit in the org time zone and resets it the next day', async () => {
    await patchPool(defaultPool.id, { dailyClaimLimit: 2 });
    const cs = [await newCustomer(eastRep), await newCustomer(eastRep), await newCustomer(eastRep)];
    await release(
      eastRep,
      cs.map((c) => c.id),
    );
    expect((await claim(southRep, cs[0]!.id)).statusCode).toBe(200);
    expect((await claim(southRep, cs[1]!.id)).statusCode).toBe(200);
    const over = await unchangedBy(t, () => claim(southRep, cs[2]!.id));
    expect(expectProblem(over, 422, 'claim_limit_reached').title).toContain('2');
    const quota = (await pools(southRep)).find((p) => p.id === defaultPool.id)!.myQuota;
    expect(quota).toMatchObject({ dailyClaimLimit: 2, claimedToday: 2 });
    await advance(day);
    expect((await claim(southRep, cs[2]!.id)).statusCode).toBe(200);
    await patchPool(defaultPool.id, { dailyClaimLimit: null });
  });

  it('caps how many not-yet-won customers a rep owns, with a department override winning over the pool', async () => {
    const owned = (await pools(eastRep)).find((p) => p.id === defaultPool.id)!.myQuota.owned;
    await patchPool(defaultPool.id, {
      ownershipCap: 1000,
      limitOverrides: [{ departmentId: org.dept('sh'), ownershipCap: owned }],
    });
    const c = await newCustomer(southRep);
    await release(southRep, [c.id]);
    expect(expectProblem(await claim(eastRep, c.id), 422, 'ownership_cap_reached').title).toContain(
      String(owned),
    );
    expect((await claim(manager, c.id)).statusCode).toBe(200); // 华东大区 itself is not under 上海一组
    await patchPool(defaultPool.id, { ownershipCap: null, limitOverrides: [] });
  });

  it('lets exactly one of two reps claiming the same customer at once win', async () => {
    const c = await newCustomer(rep);
    await release(rep, [c.id]);
    const [a, b] = await Promise.all([claim(eastRep, c.id), claim(southRep, c.id)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expectProblem([a, b].find((r) => r.statusCode === 409)!, 409, 'already_claimed');
    const rows = await t.ctx.db
      .selectFrom('ownershipHistory')
      .select('kind')
      .where('recordId', '=', c.id)
      .execute();
    expect(rows.filter((r) => r.kind === 'claim')).toHaveLength(1);
  });

  it('hides a regional pool from people outside its members', async () => {
    const res = await admin({
      method: 'POST',
      url: '/api/v1/pools',
      body: {
        name: '华东公海',
        dailyClaimLimit: 5,
        ownershipCap: 60,
        reclaimCooldownDays: 15,
        limitOverrides: [],
        members: [{ type: 'department', id: org.dept('east'), role: 'member' }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const east = res.json() as Pool;
    const c = await newCustomer(rep);
    await release(rep, [c.id], '转入华东公海', east.id);
    expect((await pools(southRep)).map((p) => p.id)).not.toContain(east.id);
    expectProblem(await get(southRep, c.id), 404, 'not_found');
    expectProblem(await claim(southRep, c.id), 404, 'not_found');
    expect((await claim(eastRep, c.id)).statusCode).toBe(200);
    // A pool with waiting customers cannot be deleted; the default one never.
    const other = await newCustomer(eastRep);
    await release(eastRep, [other.id], '转入华东公海', east.id);
    const current = (await pools(admin)).find((p) => p.id === east.id)!;
    expectProblem(
      await admin({
        method: 'DELETE',
        url: `/api/v1/pools/${east.id}`,
        headers: { 'if-match': `"${current.version}"` },
      }),
      409,
      'pool_not_empty',
    );
    expectProblem(
      await admin({
        method: 'DELETE',
        url: `/api/v1/pools/${defaultPool.id}`,
        headers: { 'if-match': `"${(await pools(admin)).find((p) => p.isDefault)!.version}"` },
      }),
      409,
      'default_pool_required',
    );
  });

  it('refuses pool settings to reps and members from another org', async () => {
    const body = {
      name: 'x',
      dailyClaimLimit: 1,
      ownershipCap: 1,
      reclaimCooldownDays: 0,
      limitOverrides: [],
      members: [],
    };
    expectProblem(await rep({ method: 'POST', url: '/api/v1/pools', body }), 403, 'forbidden');
    const other = await makeOrg(t, '池外公司');
    const res = await unchangedBy(t, () =>
      admin({
        method: 'POST',
        url: '/api/v1/pools',
        body: { ...body, members: [{ type: 'department', id: other.rootDepartmentId, role: 'member' }] },
      }),
    );
    expect(expectProblem(res, 422, 'validation_failed').errors?.[0]?.path).toBe('body.members.0.id');
  });

  it('transfers customers to an active colleague in reach, and never to a deactivated one', async () => {
    const c = await newCustomer(rep);
    const res = await manager({
      method: 'POST',
      url: '/api/v1/customers/transfer',
      body: { ids: [c.id], toUserId: eastRep.userId, reason: '调整片区' },
    });
    expect(res.json()).toEqual({ transferred: 1 });
    expect((await get(eastRep, c.id)).json()).toMatchObject({ ownerId: eastRep.userId });
    // 吴芳 is outside 李明's region: not a target; nor is a deactivated user.
    expectProblem(
      await manager({
        method: 'POST',
        url: '/api/v1/customers/transfer',
        body: { ids: [c.id], toUserId: southRep.userId },
      }),
      422,
      'validation_failed',
    );
    await t.ctx.db.updateTable('users').set({ active: 0 }).where('id', '=', org.user('zhao.lei')).execute();
    const inactive = await unchangedBy(t, () =>
      manager({
        method: 'POST',
        url: '/api/v1/customers/transfer',
        body: { ids: [c.id], toUserId: org.user('zhao.lei') },
      }),
    );
    expect(expectProblem(inactive, 422, 'validation_failed').errors?.[0]?.code).toBe('account_inactive');
    await t.ctx.db.updateTable('users').set({ active: 1 }).where('id', '=', org.user('zhao.lei')).execute();
    // A rep cannot move someone else's customer.
    expectProblem(
      await southRep({
        method: 'POST',
        url: '/api/v1/customers/transfer',
        body: { ids: [c.id], toUserId: southRep.userId },
      }),
      404,
      'not_found',
    );
  });

  it('gives collaborators the access they were granted: read, then read-write, then none', async () => {
    const c = await newCustomer(rep);
    const contact = await rep({
      method: 'POST',
      url: '/api/v1/contacts',
      body: { customerId: c.id, name: '王经理', mobile: '13912345678' },
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const share = (level: 'read' | 'write' | null) =>
      rep({
        method: 'PUT',
        url: `/api/v1/customers/${c.id}/collaborators`,
        body: { collaborators: level ? [{ userId: southRep.userId, level }] : [] },
      });
    expectProblem(await get(southRep, c.id), 404, 'not_found');
    expect((await share('read')).json().data).toMatchObject([{ userId: southRep.userId, level: 'read' }]);
    const seen = (await get(southRep, c.id)).json() as Customer;
    expect(seen).toMatchObject({ id: c.id, myAccess: { update: false, claim: false, share: false } });
    expect((await get(rep, c.id)).json().myAccess).toMatchObject({
      update: true,
      release: true,
      share: true,
    });
    expect((await southRep({ url: `/api/v1/contacts?customerId=${c.id}` })).json().data).toHaveLength(1);
    const patch = (version: number) =>
      southRep({
        method: 'PATCH',
        url: `/api/v1/customers/${c.id}`,
        body: { level: 'B' },
        headers: { 'if-match': `"${version}"` },
      });
    expectProblem(await patch(seen.version), 404, 'not_found');
    const addContact = await southRep({
      method: 'POST',
      url: '/api/v1/contacts',
      body: { customerId: c.id, name: '李工' },
    });
    expect(expectProblem(addContact, 422, 'validation_failed').errors?.[0]?.path).toBe('body.customerId');
    await share('write');
    expect((await get(southRep, c.id)).json().myAccess).toMatchObject({ update: true, delete: false });
    expect((await patch(seen.version)).statusCode).toBe(200);
    await share(null);
    expectProblem(await get(southRep, c.id), 404, 'not_found');
    const notices = await t.ctx.db
      .selectFrom('notifications')
      .select('kind')
      .where('userId', '=', southRep.userId)
      .where('kind', '=', 'customer_shared')
      .execute();
    expect(notices.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses bad collaborator lists: the owner, duplicates, inactive or foreign users, a read-only sharer', async () => {
    const c = await newCustomer(rep);
    const put = (client: Client, collaborators: unknown[]) =>
      client({ method: 'PUT', url: `/api/v1/customers/${c.id}/collaborators`, body: { collaborators } });
    expectProblem(await put(rep, [{ userId: rep.userId, level: 'read' }]), 422, 'share_with_owner');
    expectProblem(
      await put(rep, [
        { userId: eastRep.userId, level: 'read' },
        { userId: eastRep.userId, level: 'write' },
      ]),
      422,
      'validation_failed',
    );
    const other = await makeOrg(t, '协作外公司');
    const foreignAdmin = other.adminId;
    const foreign = await unchangedBy(t, () => put(rep, [{ userId: foreignAdmin, level: 'read' }]));
    expect(expectProblem(foreign, 422, 'validation_failed').errors?.[0]?.code).toBe('not_found');
    expectProblem(await put(rep, [{ userId: eastRep.userId, level: 'admin' }]), 400, 'validation_failed');
    await put(rep, [{ userId: southRep.userId, level: 'read' }]);
    expectProblem(await put(southRep, []), 404, 'not_found'); // a read collaborator cannot re-share
  });

  it('returns customers to the pool by rule after warning their owner, sparing locked ones', async () => {
    const ruleRes = await admin({
      method: 'POST',
      url: '/api/v1/recycle-rules',
      body: {
        name: '30 天未跟进',
        poolId: defaultPool.id,
        levels: ['C'],
        noFollowUpDays: 30,
        notWonDays: null,
        warnDays: 5,
        exemptLocked: true,
        exemptWon: true,
        enabled: true,
      },
    });
    expect(ruleRes.statusCode, ruleRes.body).toBe(201);
    const rule = ruleRes.json() as { id: string; version: number };
    const c = await newCustomer(eastRep, { level: 'C' });
    const locked = await newCustomer(eastRep, { level: 'C' });
    await t.ctx.db.updateTable('customers').set({ locked: 1 }).where('id', '=', locked.id).execute();
    const other = await newCustomer(eastRep, { level: 'A' });

    await advance(26 * day);
    expect(await recycleOrg(t.ctx.db, t.orgId, t.clock.now())).toBe(0);
    const due = (await eastRep({ url: '/api/v1/customers/recycle-due' })).json().data as {
      customer: { id: string };
      dueAt: number;
      rule: { name: string };
    }[];
    expect(due.map((d) => d.customer.id)).toContain(c.id);
    expect(due.map((d) => d.customer.id)).not.toContain(locked.id);
    expect(due.map((d) => d.customer.id)).not.toContain(other.id);
    const warned = await t.ctx.db
      .selectFrom('notifications')
      .select('params')
      .where('userId', '=', eastRep.userId)
      .where('kind', '=', 'customers_recycle_soon')
      .execute();
    expect(warned).toHaveLength(1);

    await advance(5 * day);
    await t.jobs.drain(); // the hourly job is registered and does the same
    expect(await recycleOrg(t.ctx.db, t.orgId, t.clock.now())).toBe(0);
    expect((await get(admin, c.id)).json()).toMatchObject({ ownerId: null, poolId: defaultPool.id });
    expect((await get(admin, locked.id)).json()).toMatchObject({ ownerId: eastRep.userId });
    expect((await get(admin, other.id)).json()).toMatchObject({ ownerId: eastRep.userId });
    const h = await history(admin, c.id);
    expect(h[0]).toMatchObject({ kind: 'recycle', reason: '30 天未跟进' });
    const audit = await t.ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('recordId', '=', c.id)
      .where('action', '=', 'recycle')
      .execute();
    expect(audit).toHaveLength(1);
    await admin({
      method: 'DELETE',
      url: `/api/v1/recycle-rules/${rule.id}`,
      headers: { 'if-match': `"${rule.version}"` },
    });
  });

  it('refuses malformed recycle rules', async () => {
    const base = {
      name: 'r',
      poolId: defaultPool.id,
      levels: [],
      warnDays: 0,
      exemptLocked: true,
      exemptWon: true,
      enabled: true,
    };
    expectProblem(
      await admin({
        method: 'POST',
        url: '/api/v1/recycle-rules',
        body: { ...base, noFollowUpDays: null, notWonDays: null },
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await admin({
        method: 'POST',
        url: '/api/v1/recycle-rules',
        body: { ...base, noFollowUpDays: 0, notWonDays: null },
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await admin({
        method: 'POST',
        url: '/api/v1/recycle-rules',
        body: {
          ...base,
          poolId: '0190f5a2-7c3e-7b1a-9d2e-4f6a8b0c1d2e',
          noFollowUpDays: 10,
          notWonDays: null,
        },
      }),
      422,
      'validation_failed',
    );
    expectProblem(
      await manager({
        method: 'POST',
        url: '/api/v1/recycle-rules',
        body: { ...base, noFollowUpDays: 10, notWonDays: null },
      }),
      403,
      'forbidden',
    );
  });

  it('hands a leaving rep’s customers to a successor when deactivating, atomically and only with a target', async () => {
    const leaver = org.user('yang.fan');
    for (let i = 0; i < 3; i++) await newCustomer(admin, { ownerId: leaver });
    // An open lead of theirs goes along; a closed one stays with its history.
    const lead = (
      await admin({ method: 'POST', url: '/api/v1/leads', body: { name: '交接线索', ownerId: leaver } })
    ).json();
    const preview = (await admin({ url: `/api/v1/users/${leaver}/handover` })).json() as {
      owned: { object: string; count: number }[];
    };
    const count = preview.owned.find((o) => o.object === 'customer')!.count;
    expect(count).toBeGreaterThan(0);
    const user = (await admin({ url: `/api/v1/users/${leaver}` })).json() as { version: number };
    const deactivate = (body: Record<string, unknown>) =>
      admin({
        method: 'PATCH',
        url: `/api/v1/users/${leaver}`,
        body: { active: false, ...body },
        headers: { 'if-match': `"${user.version}"` },
      });
    const refused = await unchangedBy(t, () => deactivate({}));
    expect(expectProblem(refused, 409, 'handover_required').title).toContain(String(count));
    expect((refused.json() as { owned: unknown[] }).owned).toEqual([
      { object: 'customer', count },
      { object: 'lead', count: 1 },
    ]);
    expectProblem(await deactivate({ handover: { toUserId: leaver } }), 422, 'handover_same_user');
    const done = await deactivate({ handover: { toUserId: eastRep.userId, reason: '离职交接' } });
    expect(done.statusCode, done.body).toBe(200);
    const after = (await admin({ url: `/api/v1/users/${leaver}/handover` })).json() as {
      owned: { count: number }[];
    };
    expect(after.owned.map((o) => o.count)).toEqual([0, 0]);
    expect((await admin({ url: `/api/v1/leads/${lead.id}` })).json().ownerId).toBe(eastRep.userId);
    const moved = await t.ctx.db
      .selectFrom('ownershipHistory')
      .select('reason')
      .where('fromOwnerId', '=', leaver)
      .where('kind', '=', 'handover')
      .execute();
    expect(moved).toHaveLength(count + 1);
    expect(moved[0]!.reason).toBe('离职交接');
  });

  it('hands over to a pool, and refuses foreign pools and reps without rights', async () => {
    const leaver = org.user('zhang.wei');
    await newCustomer(admin, { ownerId: leaver });
    expectProblem(
      await admin({
        method: 'POST',
        url: `/api/v1/users/${leaver}/handover`,
        body: { toPoolId: '0190f5a2-7c3e-7b1a-9d2e-4f6a8b0c1d2e' },
      }),
      422,
      'validation_failed',
    );
    expectProblem(
      await rep({
        method: 'POST',
        url: `/api/v1/users/${leaver}/handover`,
        body: { toPoolId: defaultPool.id },
      }),
      403,
      'forbidden',
    );
    const res = await admin({
      method: 'POST',
      url: `/api/v1/users/${leaver}/handover`,
      body: { toPoolId: defaultPool.id, reason: '调岗' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { moved: { count: number }[] }).moved[0]!.count).toBeGreaterThan(0);
  });

  it('adds and removes tags on several customers at once, all or nothing', async () => {
    const a = await newCustomer(rep, { tags: ['展会'] });
    const b = await newCustomer(rep);
    const res = await rep({
      method: 'POST',
      url: '/api/v1/customers/tags',
      body: { ids: [a.id, b.id], add: ['重点'], remove: ['展会'] },
    });
    expect(res.json()).toEqual({ updated: 2 });
    expect((await get(rep, a.id)).json().tags).toEqual(['重点']);
    const theirs = await newCustomer(southRep);
    const refused = await unchangedBy(t, () =>
      rep({ method: 'POST', url: '/api/v1/customers/tags', body: { ids: [a.id, theirs.id], add: ['x'] } }),
    );
    expectProblem(refused, 404, 'not_found');
    expectProblem(
      await rep({ method: 'POST', url: '/api/v1/customers/tags', body: { ids: [a.id] } }),
      400,
      'validation_failed',
    );
  });

  it('answers 404 for another org’s customers on every move', async () => {
    const other = await makeOrg(t, '外部公司');
    const res = await other.admin({
      method: 'POST',
      url: '/api/v1/customers',
      body: { name: '外部客户有限公司' },
    });
    const foreign = res.json() as Customer;
    await other.admin({
      method: 'POST',
      url: '/api/v1/customers/release',
      body: { ids: [foreign.id], reason: '测试' },
    });
    expectProblem(await claim(admin, foreign.id), 404, 'not_found');
    expectProblem(await release(admin, [foreign.id]), 404, 'not_found');
    expectProblem(await admin({ url: `/api/v1/customers/${foreign.id}/collaborators` }), 404, 'not_found');
    expectProblem(await admin({ url: `/api/v1/customers/${foreign.id}/ownership` }), 404, 'not_found');
  });
});
