import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepSla } from '../src/modules/leads/sla.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { demoOrg, expectProblem, hour, loginAdmin, loginDemo, unchangedBy } from './helpers.js';

type Lead = {
  id: string;
  version: number;
  status: string;
  ownerId: string | null;
  poolId: string | null;
  slaDueAt: number | null;
  slaState: string | null;
  firstFollowUpAt: number | null;
  nextFollowUpAt: number | null;
  assignmentReason: { kind: string; ruleName?: string } | null;
};
const day = 24 * hour;

describe.each(testDialects)('first follow-up deadline and cadence of leads on %s', (dialect) => {
  let t: TestApp;
  let rep: Client; // 刘洋, 上海一组
  let otherRep: Client;
  let admin: Client;
  let marketing: Client;
  let org: Awaited<ReturnType<typeof demoOrg>>;
  let seq = 0;

  const signIn = async () => {
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
    admin = await loginAdmin(t);
    marketing = await loginDemo(t, 'gao.xue');
  };
  const newLead = async (c: Client, body: Record<string, unknown> = {}) => {
    const res = await c({
      method: 'POST',
      url: '/api/v1/leads',
      body: { name: `时限线索${++seq}`, ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Lead;
  };
  const get = async (id: string, c: Client = admin) =>
    (await c({ url: `/api/v1/leads/${id}` })).json() as Lead;
  const followUp = (c: Client, recordId: string, body: Record<string, unknown> = {}) =>
    c({
      method: 'POST',
      url: '/api/v1/follow-ups',
      body: { object: 'lead', recordId, method: 'phone', content: '电话沟通了需求，约下周演示', ...body },
    });
  const notices = async (who: string) =>
    (await t.ctx.db
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('userId', '=', org.user(who))
      .execute()) as { kind: string; link: string }[];

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    await signIn();
  });
  afterAll(() => t.close());

  it('starts a 24-hour clock on a new lead, met by the first follow-up, which sets the next one', async () => {
    const l = await newLead(rep);
    expect(l.slaDueAt).toBe(t.clock.now() + 24 * hour);
    expect(l.slaState).toBeNull();
    t.clock.advance(2 * hour);
    const res = await followUp(rep, l.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ method: 'phone', createdByName: '刘洋' });
    const after = await get(l.id);
    expect(after).toMatchObject({ status: 'working', slaState: 'met', firstFollowUpAt: t.clock.now() });
    expect(after.nextFollowUpAt).toBe(t.clock.now() + 3 * day);
    const list = (await rep({ url: `/api/v1/follow-ups?object=lead&recordId=${l.id}` })).json().data;
    expect(list).toHaveLength(1);
    const timeline = (await rep({ url: `/api/v1/timeline/lead/${l.id}` })).json().data as {
      object: string;
    }[];
    expect(timeline.some((e) => e.object === 'follow_up')).toBe(true);
    // A chosen next time wins over the cadence; due lists find it once it passes.
    const next = t.clock.now() + day;
    expect((await followUp(rep, l.id, { method: 'wechat', nextAt: next })).statusCode).toBe(201);
    expect((await get(l.id)).nextFollowUpAt).toBe(next);
    t.clock.advance(day + hour);
    await signIn();
    const overdue = (await rep({ url: '/api/v1/leads?followUp=overdue' })).json().data as Lead[];
    expect(overdue.map((x) => x.id)).toContain(l.id);
  });

  it('reminds the owner before the deadline and alerts owner and manager once after it', async () => {
    const l = await newLead(rep);
    t.clock.advance(21 * hour);
    expect(await sweepSla(t.ctx.db, t.clock.now())).toMatchObject({ reminded: 1, escalated: 0 });
    expect(await sweepSla(t.ctx.db, t.clock.now())).toMatchObject({ reminded: 0 });
    expect((await get(l.id)).slaState).toBe('reminded');
    await signIn();
    expect(
      ((await rep({ url: '/api/v1/leads?sla=at_risk' })).json().data as Lead[]).map((x) => x.id),
    ).toContain(l.id);
    t.clock.advance(4 * hour);
    const [a, b] = await Promise.all([sweepSla(t.ctx.db, t.clock.now()), sweepSla(t.ctx.db, t.clock.now())]);
    expect(a.escalated + b.escalated).toBe(1);
    expect((await get(l.id)).slaState).toBe('escalated');
    const mine = (await notices('liu.yang')).filter((n) => n.link === `/leads/${l.id}`);
    expect(mine.map((n) => n.kind).sort()).toEqual(['lead_sla_missed', 'lead_sla_soon']);
    // 上海一组's manager hears of it.
    const managers = await t.ctx.db
      .selectFrom('departments')
      .select('managerId')
      .where('id', '=', org.dept('sh'))
      .executeTakeFirstOrThrow();
    const theirs = await t.ctx.db
      .selectFrom('notifications')
      .select('kind')
      .where('userId', '=', managers.managerId!)
      .where('link', '=', `/leads/${l.id}`)
      .execute();
    expect(theirs.map((n) => n.kind)).toEqual(['lead_sla_missed']);
    await signIn();
    expect(
      ((await rep({ url: '/api/v1/leads?sla=missed' })).json().data as Lead[]).map((x) => x.id),
    ).toContain(l.id);
  });

  it('fires a deadline that passed while nothing ran, and runs the rule’s action: reassign or pool', async () => {
    const rule = await admin({
      method: 'POST',
      url: '/api/v1/lead-assignment-rules',
      body: {
        name: '广州组轮流，超时改派',
        conditions: [],
        targetType: 'users',
        targetIds: [org.user('wu.fang'), org.user('xu.qiang')],
        method: 'round_robin',
        onExpiry: 'reassign',
      },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const l = await newLead(marketing, { assign: 'rules' });
    const first = l.ownerId;
    expect([org.user('wu.fang'), org.user('xu.qiang')]).toContain(first);
    t.clock.advance(3 * day); // the server was down: no sweep ran in between
    expect((await sweepSla(t.ctx.db, t.clock.now())).escalated).toBeGreaterThanOrEqual(1);
    await signIn(); // three days on, the sessions expired
    const moved = await get(l.id);
    expect(moved.ownerId).not.toBe(first);
    expect([org.user('wu.fang'), org.user('xu.qiang')]).toContain(moved.ownerId);
    expect(moved).toMatchObject({ slaState: null, slaDueAt: t.clock.now() + 24 * hour });
    const history = await t.ctx.db
      .selectFrom('ownershipHistory')
      .select(['kind', 'reason'])
      .where('recordId', '=', l.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(history.map((h) => h.kind)).toEqual(['assign', 'recycle', 'assign']);
    expect(history[1]!.reason).toBe('sla_expired');

    await signIn();
    const current = (await admin({ url: '/api/v1/lead-assignment-rules' })).json().data[0];
    await admin({
      method: 'PATCH',
      url: `/api/v1/lead-assignment-rules/${current.id}`,
      headers: { 'if-match': String(current.version) },
      body: { onExpiry: 'pool' },
    });
    const p = await newLead(marketing, { assign: 'rules' });
    t.clock.advance(25 * hour);
    await sweepSla(t.ctx.db, t.clock.now());
    await signIn();
    expect(await get(p.id)).toMatchObject({ ownerId: null });
    expect((await get(p.id)).poolId).not.toBeNull();
    await admin({
      method: 'DELETE',
      url: `/api/v1/lead-assignment-rules/${current.id}`,
      headers: { 'if-match': String(current.version + 1) },
    });
  });

  it('lets an admin change the deadline and cadence, and refuses bad settings', async () => {
    await signIn();
    const shipped = (await rep({ url: '/api/v1/lead-settings' })).json();
    expect(shipped).toMatchObject({ firstResponseHours: 24, remindBeforeHours: 4, version: 0 });
    const put = (c: Client, body: Record<string, unknown>, version: number) =>
      c({ method: 'PUT', url: '/api/v1/lead-settings', headers: { 'if-match': String(version) }, body });
    const body = {
      firstResponseHours: 8,
      remindBeforeHours: 2,
      cadenceDays: { new: 1, working: 2, qualified: 5 },
      disqualifyReasons: ['联系不上', '无需求'],
    };
    expectProblem(await put(rep, body, 0), 403, 'forbidden');
    expectProblem(
      await unchangedBy(t, () => put(admin, { ...body, remindBeforeHours: 8 }, 0)),
      422,
      'validation_failed',
    );
    expectProblem(await put(admin, { ...body, firstResponseHours: 0 }, 0), 400, 'validation_failed');
    const ok = await put(admin, body, 0);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ ...body, version: 1 });
    expectProblem(await put(admin, body, 0), 412, 'version_conflict');
    const l = await newLead(rep);
    expect(l.slaDueAt).toBe(t.clock.now() + 8 * hour);
  });

  it('keeps follow-ups to those who may see the lead and refuses bad ones, changing nothing', async () => {
    const l = await newLead(rep);
    expectProblem(await followUp(otherRep, l.id), 404, 'not_found');
    expectProblem(
      await otherRep({ url: `/api/v1/follow-ups?object=lead&recordId=${l.id}` }),
      404,
      'not_found',
    );
    for (const [body, status] of [
      [{ content: '' }, 400],
      [{ content: 'x'.repeat(2001) }, 400],
      [{ method: 'telepathy' }, 400],
      [{ nextAt: t.clock.now() - 1 }, 422],
      [{ object: 'deal' }, 400],
    ] as const) {
      const before = await get(l.id);
      expectProblem(await unchangedBy(t, () => followUp(rep, l.id, body)), status, 'validation_failed');
      expect(await get(l.id)).toEqual(before);
    }
  });
});
