import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { demoOrg, expectProblem, loginAdmin, loginDemo, makeOrg, unchangedBy } from './helpers.js';

type Reason = {
  kind: string;
  ruleName?: string;
  method?: string;
  userId?: string;
  poolId?: string;
  candidates?: { userId: string; openLeads: number; assignedToday: number }[];
  skipped?: { ruleName: string; why: string }[];
};
type Lead = {
  id: string;
  ownerId: string | null;
  poolId: string | null;
  score: number;
  assignmentReason: Reason | null;
};
type Rule = { id: string; version: number };

describe.each(testDialects)('lead assignment rules on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let marketing: Client;
  let rep: Client;
  let org: Awaited<ReturnType<typeof demoOrg>>;
  let seq = 0;
  const rules: Rule[] = [];

  /** Marketing brings a lead in and lets the rules route it. */
  const intake = async (body: Record<string, unknown> = {}) => {
    const res = await marketing({
      method: 'POST',
      url: '/api/v1/leads',
      body: {
        name: `分配线索${++seq}`,
        phone: `1360000${String(seq).padStart(4, '0')}`,
        assign: 'rules',
        ...body,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Lead;
  };
  const addRule = async (body: Record<string, unknown>) => {
    const res = await admin({ method: 'POST', url: '/api/v1/lead-assignment-rules', body });
    expect(res.statusCode, res.body).toBe(201);
    rules.push(res.json());
    return res.json() as Rule;
  };
  /** Each test starts from no rules. */
  const clearRules = async () => {
    for (const r of rules.splice(0)) {
      const current = (await admin({ url: '/api/v1/lead-assignment-rules' }))
        .json()
        .data.find((x: Rule) => x.id === r.id);
      if (current)
        await admin({
          method: 'DELETE',
          url: `/api/v1/lead-assignment-rules/${r.id}`,
          headers: { 'if-match': String(current.version) },
        });
    }
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    marketing = await loginDemo(t, 'gao.xue');
    rep = await loginDemo(t, 'liu.yang');
  });
  afterAll(() => t.close());

  it('puts a lead no rule takes into the default lead pool, saying so', async () => {
    const l = await intake();
    expect(l.ownerId).toBeNull();
    expect(l.poolId).not.toBeNull();
    expect(l.assignmentReason).toMatchObject({
      kind: 'fallback',
      poolId: l.poolId,
      poolName: '线索池',
      skipped: [],
    });
  });

  it('rotates a region’s leads among its reps and notifies each', async () => {
    await addRule({
      name: '广东线索',
      conditions: [{ field: 'province', op: 'in', values: ['广东'] }],
      targetType: 'users',
      targetIds: [org.user('wu.fang'), org.user('xu.qiang')],
      method: 'round_robin',
    });
    const owners = [];
    const reasons = [];
    for (let i = 0; i < 4; i++) {
      const lead = await intake({ region: { province: '广东' } });
      owners.push(lead.ownerId);
      reasons.push(lead.assignmentReason);
    }
    // Round robin weighs no counts, so none are made (they grow with every lead the reps hold).
    expect(reasons[0]?.candidates?.map((c) => Object.keys(c).sort())).toEqual([
      ['name', 'userId', 'weight'],
      ['name', 'userId', 'weight'],
    ]);
    expect(new Set(owners).size).toBe(2);
    expect(owners[0]).not.toBe(owners[1]);
    expect(owners[0]).toBe(owners[2]);
    const other = await intake({ region: { province: '浙江' } });
    expect(other.assignmentReason?.kind).toBe('fallback');
    const wu = await loginDemo(t, 'wu.fang');
    const notes = (await wu({ url: '/api/v1/notifications' })).json().data as {
      kind: string;
      link: string;
    }[];
    expect(notes.filter((n) => n.kind === 'lead_assigned').length).toBe(2);
    await clearRules();
  });

  it('sends hot leads to the seniors with the fewest open leads, and explains the choice', async () => {
    await addRule({
      name: '高分线索给资深销售',
      conditions: [{ field: 'score', op: 'gte', values: [60] }],
      targetType: 'users',
      targetIds: [org.user('liu.yang'), org.user('chen.jing')],
      method: 'least_open',
    });
    // 刘洋 has an open lead of her own already; 陈静 none.
    await rep({ method: 'POST', url: '/api/v1/leads', body: { name: '自己的线索', phone: '13500009999' } });
    const hot = await intake({ company: '热线索科技有限公司', source: '转介绍', inquiry: '请报价' });
    expect(hot.score).toBeGreaterThanOrEqual(60);
    expect(hot.ownerId).toBe(org.user('chen.jing'));
    expect(hot.assignmentReason).toMatchObject({
      kind: 'rule',
      ruleName: '高分线索给资深销售',
      method: 'least_open',
    });
    const candidates = hot.assignmentReason!.candidates!;
    expect(candidates.find((c) => c.userId === org.user('liu.yang'))!.openLeads).toBeGreaterThan(
      candidates.find((c) => c.userId === org.user('chen.jing'))!.openLeads,
    );
    const cold = await intake({ inquiry: '随便看看' });
    expect(cold.score).toBeLessThan(60);
    expect(cold.assignmentReason?.kind).toBe('fallback');
    await clearRules();
  });

  it('shares leads by capacity weights and respects a daily cap', async () => {
    await addRule({
      name: '杭州按产能',
      conditions: [],
      targetType: 'users',
      targetIds: [org.user('yang.fan'), org.user('zhao.lei')],
      method: 'weighted',
      weights: { [org.user('zhao.lei')]: 3 },
      dailyCap: 3,
    });
    const owners = [];
    for (let i = 0; i < 4; i++) owners.push((await intake()).ownerId);
    expect(owners.filter((o) => o === org.user('zhao.lei'))).toHaveLength(3);
    expect(owners.filter((o) => o === org.user('yang.fan'))).toHaveLength(1);
    // 赵磊 reached his cap of 3 today: the next leads go to 杨帆 until he does too, then to the pool.
    const more = [await intake(), await intake(), await intake()];
    expect(more.map((l) => l.ownerId)).toEqual([org.user('yang.fan'), org.user('yang.fan'), null]);
    expect(more[2]!.assignmentReason).toMatchObject({
      kind: 'fallback',
      skipped: [{ ruleName: '杭州按产能', why: 'no_candidates' }],
    });
    // The next day the caps start again.
    t.clock.advance(86_400_000);
    admin = await loginAdmin(t);
    marketing = await loginDemo(t, 'gao.xue');
    expect((await intake()).ownerId).toBe(org.user('zhao.lei'));
    await clearRules();
  });

  it('skips ineligible and deactivated reps and falls through to the next rule', async () => {
    await addRule({
      name: '只给停用的人',
      conditions: [],
      targetType: 'users',
      targetIds: [org.user('ma.chao')],
      method: 'round_robin',
    });
    await addRule({
      name: '华南大区',
      conditions: [],
      targetType: 'department',
      targetIds: [org.dept('south')],
      method: 'round_robin',
    });
    const ma = (await admin({ url: `/api/v1/users/${org.user('ma.chao')}` })).json();
    const off = await admin({
      method: 'PATCH',
      url: `/api/v1/users/${ma.id}`,
      headers: { 'if-match': String(ma.version) },
      body: { leadEligible: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ leadEligible: false, active: true });
    const l = await intake();
    expect(l.assignmentReason).toMatchObject({
      kind: 'rule',
      ruleName: '华南大区',
      skipped: [{ ruleName: '只给停用的人', why: 'no_candidates' }],
    });
    const south = await t.ctx.db
      .selectFrom('users')
      .select('departmentId')
      .where('id', '=', l.ownerId!)
      .executeTakeFirstOrThrow();
    expect([org.dept('south'), org.dept('gz'), org.dept('sz')]).toContain(south.departmentId);
    await clearRules();
  });

  it('routes to a pool, and previews a sample lead without storing anything', async () => {
    const pools = (await admin({ url: '/api/v1/pools?object=lead' })).json().data as { id: string }[];
    await addRule({
      name: '展会线索先进池',
      conditions: [{ field: 'source', op: 'in', values: ['展会'] }],
      targetType: 'pool',
      targetIds: [pools[0]!.id],
      method: 'round_robin',
    });
    expect((await intake({ source: '展会' })).assignmentReason).toMatchObject({
      kind: 'rule',
      poolId: pools[0]!.id,
    });
    const preview = await unchangedBy(t, () =>
      admin({
        method: 'POST',
        url: '/api/v1/lead-assignment-rules/preview',
        body: { source: '展会', phone: '13800000000' },
      }),
    );
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      ownerId: null,
      poolId: pools[0]!.id,
      reason: { ruleName: '展会线索先进池' },
    });
    await clearRules();
  });

  it('records a manual owner as such', async () => {
    const res = await marketing({
      method: 'POST',
      url: '/api/v1/leads',
      body: { name: '指定负责人', ownerId: org.user('wu.fang') },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      ownerId: org.user('wu.fang'),
      assignmentReason: { kind: 'manual', byUserName: '高雪' },
    });
  });

  it('refuses rules that point nowhere, and rule edits by others, changing nothing', async () => {
    const org2 = await makeOrg(t, '分配二公司');
    const base = { name: '坏规则', conditions: [], method: 'round_robin' };
    for (const [body, status, path] of [
      [{ ...base, targetType: 'users', targetIds: [org2.adminId] }, 422, 'body.targetIds.0'],
      [
        { ...base, targetType: 'department', targetIds: [org.dept('east'), org.dept('south')] },
        422,
        'body.targetIds',
      ],
      [{ ...base, targetType: 'pool', targetIds: [org.dept('east')] }, 422, 'body.targetIds.0'],
      [
        {
          ...base,
          targetType: 'users',
          targetIds: [org.user('wu.fang')],
          weights: { [org.user('liu.yang')]: 2 },
        },
        422,
        `body.weights.${org.user('liu.yang')}`,
      ],
      [
        {
          ...base,
          targetType: 'users',
          targetIds: [org.user('wu.fang')],
          conditions: [{ field: 'score', op: 'gte', values: ['高'] }],
        },
        422,
        'body.conditions.0.values',
      ],
      [{ ...base, targetType: 'users', targetIds: [] }, 400, null],
      [{ ...base, targetType: 'team', targetIds: [org.user('wu.fang')] }, 400, null],
    ] as const) {
      const res = await unchangedBy(t, () =>
        admin({ method: 'POST', url: '/api/v1/lead-assignment-rules', body }),
      );
      expectProblem(res, status, 'validation_failed');
      if (path) expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expectProblem(
      await marketing({
        method: 'POST',
        url: '/api/v1/lead-assignment-rules',
        body: { ...base, targetType: 'users', targetIds: [org.user('wu.fang')] },
      }),
      403,
      'forbidden',
    );
    expect((await org2.admin({ url: '/api/v1/lead-assignment-rules' })).json().data).toEqual([]);
  });
});
