import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { day, demoOrg, expectProblem, hour, loginAdmin, loginDemo, unchangedBy } from './helpers.js';

type Approval = { id: string; status: string; currentStep: number; mine: { decide: boolean } };
type Action = { action: string; actor: { name: string } | null; onBehalfOf: { name: string } | null };
type Delegation = { id: string; delegate: { name: string }; active: boolean };

// 委托: 张伟 is away; 陈静 decides his approvals meanwhile — those waiting and those that arrive — and
// each decision says for whom. Nobody else may, and the period is checked. 抄送: those a flow copies
// are told how a request ended.
describe.each(testDialects)('approval delegation on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client; // 刘洋, 上海一组: approvals go to 张伟 (step 1)
  let lead: Client; // 张伟, away
  let stand: Client; // 陈静, decides for 张伟
  let south: Client; // 吴芳
  let org: Awaited<ReturnType<typeof demoOrg>>;
  let stages: { id: string; name: string }[];
  let customerId: string;
  let seq = 0;

  const stage = (name: string) => stages.find((s) => s.name === name)!.id;
  const requestQuote = async () => {
    const deal = await rep({
      method: 'POST',
      url: '/api/v1/opportunities',
      body: { name: `委托商机${++seq}`, customerId, pipelineId: pipelineId, amount: 80_000_000 },
    });
    expect(deal.statusCode, deal.body).toBe(201);
    const moved = await rep({
      method: 'POST',
      url: `/api/v1/opportunities/${deal.json().id}/move`,
      headers: { 'if-match': String(deal.json().version) },
      body: { stageId: stage('报价') },
    });
    expect(moved.statusCode, moved.body).toBe(202);
    return moved.json().approval.id as string;
  };
  const inbox = async (c: Client) =>
    ((await c({ url: '/api/v1/approvals?box=todo' })).json().data as Approval[]).map((a) => a.id);
  const delegate = (c: Client, body: Record<string, unknown>) =>
    c({ method: 'POST', url: '/api/v1/approval-delegations', body });
  let pipelineId: string;
  let definition: { id: string; version: number };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    lead = await loginDemo(t, 'zhang.wei');
    stand = await loginDemo(t, 'chen.jing');
    south = await loginDemo(t, 'wu.fang');
    const created = await admin({
      method: 'POST',
      url: '/api/v1/pipelines',
      body: {
        name: '委托测试流程',
        stages: [
          { name: '洽谈', probability: 20, category: 'pipeline' },
          { name: '报价', probability: 50, category: 'best_case' },
          { name: '赢单', probability: 100, category: 'closed_won' },
          { name: '输单', probability: 0, category: 'closed_lost' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    pipelineId = created.json().id;
    stages = created.json().stages;
    const def = await admin({
      method: 'POST',
      url: '/api/v1/approval-definitions',
      body: {
        name: '报价审批',
        object: 'opportunity',
        trigger: { type: 'stage_enter', stageIds: [stage('报价')] },
        steps: [{ name: '直属上级', approvers: { type: 'manager', level: 1 }, mode: 'any' }],
      },
    });
    expect(def.statusCode, def.body).toBe(201);
    definition = def.json();
    customerId = (
      await rep({ method: 'POST', url: '/api/v1/customers', body: { name: '无锡委托测试精工有限公司' } })
    ).json().id;
  });
  afterAll(() => t.close());

  it('lets the delegate decide, for the approver away, what waits and what arrives meanwhile', async () => {
    const waiting = await requestQuote();
    expect(await inbox(stand)).toEqual([]);
    expectProblem(await stand({ url: `/api/v1/approvals/${waiting}` }), 404, 'not_found');
    const now = t.clock.now();
    const made = await delegate(lead, {
      delegateId: org.user('chen.jing'),
      startsAt: now - hour,
      endsAt: now + 3 * day,
      reason: '出差',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ delegate: { name: '陈静' }, active: true, reason: '出差' });
    const both = await stand({ url: '/api/v1/approval-delegations' });
    expect((both.json().toMe as Delegation[]).map((d) => d.id)).toEqual([made.json().id]);

    // The one waiting shows in 陈静's 待我审批, and so does a new one — whose notice she gets too.
    const arriving = await requestQuote();
    expect((await inbox(stand)).sort()).toEqual([waiting, arriving].sort());
    const notices = await t.ctx.db
      .selectFrom('notifications')
      .select('kind')
      .where('userId', '=', org.user('chen.jing'))
      .where('kind', '=', 'approval_requested')
      .execute();
    expect(notices).toHaveLength(1);
    const todo = (await stand({ url: '/api/v1/todo?view=mine' })).json();
    expect(todo.approvals.count).toBe(2);
    const detail = (await stand({ url: `/api/v1/approvals/${waiting}` })).json() as Approval;
    expect(detail.mine.decide).toBe(true);

    // She approves one; the history says for whom. 张伟 may still decide the other himself.
    const ok = await stand({ method: 'POST', url: `/api/v1/approvals/${waiting}/approve`, body: {} });
    expect(ok.statusCode, ok.body).toBe(200);
    const history = (await lead({ url: `/api/v1/approvals/${waiting}` })).json().history as Action[];
    expect(history.at(-1)).toMatchObject({
      action: 'approve',
      actor: { name: '陈静' },
      onBehalfOf: { name: '张伟' },
    });
    // The steps say who decided for him, too.
    const steps = (await lead({ url: `/api/v1/approvals/${waiting}` })).json().steps;
    expect(steps[0].approvers[0]).toMatchObject({
      name: '张伟',
      decision: 'approve',
      decidedBy: { name: '陈静' },
    });
    const own = await lead({
      method: 'POST',
      url: `/api/v1/approvals/${arriving}/reject`,
      body: { comment: '价格再谈' },
    });
    expect(own.statusCode, own.body).toBe(200);
    expectProblem(
      await stand({ method: 'POST', url: `/api/v1/approvals/${arriving}/approve`, body: {} }),
      409,
      'approval_not_pending',
    );
    // Someone else is not a delegate.
    const third = await requestQuote();
    expectProblem(
      await south({ method: 'POST', url: `/api/v1/approvals/${third}/approve`, body: {} }),
      404,
      'not_found',
    );

    // Back early: revoked, 陈静 no longer sees or decides 张伟's approvals.
    const revoke = await lead({ method: 'DELETE', url: `/api/v1/approval-delegations/${made.json().id}` });
    expect(revoke.statusCode).toBe(204);
    expect(await inbox(stand)).toEqual([]);
    expectProblem(
      await stand({ method: 'POST', url: `/api/v1/approvals/${third}/approve`, body: {} }),
      404,
      'not_found',
    );
  });

  it('refuses a delegation to oneself, backwards, too long, past, overlapping or to someone unknown', async () => {
    const now = t.clock.now();
    const base = { delegateId: org.user('chen.jing'), startsAt: now + day, endsAt: now + 2 * day };
    const first = await delegate(lead, base);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().active).toBe(false); // not yet begun
    await unchangedBy(t, async () => {
      const cases: [Record<string, unknown>, number, string, string?][] = [
        [{ ...base, delegateId: org.user('zhang.wei') }, 422, 'validation_failed', 'delegate_self'],
        [{ ...base, endsAt: base.startsAt }, 422, 'validation_failed', 'delegation_period'],
        [{ ...base, endsAt: base.startsAt + 91 * day }, 422, 'validation_failed', 'delegation_too_long'],
        [
          { ...base, startsAt: now - 3 * day, endsAt: now - day },
          422,
          'validation_failed',
          'delegation_past',
        ],
        [{ ...base, startsAt: now + day + hour }, 409, 'delegation_overlap'],
        [
          { ...base, delegateId: '0190f5a2-7c3e-7b1a-9d2e-4f6a8b0c1d2e' },
          422,
          'validation_failed',
          'not_found',
        ],
        [{ ...base, startsAt: 'tomorrow' }, 400, 'validation_failed'],
        [{ ...base, extra: 1 }, 400, 'validation_failed'],
      ];
      for (const [body, status, code, errorCode] of cases) {
        const res = await delegate(lead, body);
        expectProblem(res, status, code);
        if (errorCode) expect(res.json().errors.map((e: { code: string }) => e.code)).toContain(errorCode);
      }
      // Only one's own delegation can be revoked.
      expectProblem(
        await stand({ method: 'DELETE', url: `/api/v1/approval-delegations/${first.json().id}` }),
        404,
        'not_found',
      );
    });
  });

  it('copies the outcome to those the flow names (抄送), who may read the request meanwhile', async () => {
    const patch = (cc: unknown) =>
      admin({
        method: 'PATCH',
        url: `/api/v1/approval-definitions/${definition.id}`,
        headers: { 'if-match': String(definition.version) },
        body: { cc },
      });
    await unchangedBy(t, async () => {
      const unknown = await patch([{ type: 'users', userIds: ['0190f5a2-7c3e-7b1a-9d2e-4f6a8b0c1d2e'] }]);
      expectProblem(unknown, 422, 'validation_failed');
      expect(unknown.json().errors[0]).toMatchObject({ path: 'body.cc.0.userIds.0', code: 'not_found' });
      expectProblem(await patch([{ type: 'role', roleKey: 'nobody' }]), 422, 'validation_failed');
      expectProblem(
        await patch(Array.from({ length: 6 }, () => ({ type: 'manager', level: 1 }))),
        400,
        'validation_failed',
      );
    });
    // 李明 by name and as 刘洋's second manager (once), and finance by role.
    const ok = await patch([
      { type: 'users', userIds: [org.user('li.ming')] },
      { type: 'manager', level: 2 },
      { type: 'role', roleKey: 'finance' },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    definition = ok.json();
    const finance = await loginDemo(t, 'lin.xiaoyan');
    const id = await requestQuote();
    const shown = (await finance({ url: `/api/v1/approvals/${id}` })).json();
    expect(shown.cc.map((p: { name: string }) => p.name).sort()).toEqual(['李明', '林晓燕'].sort());
    expect(shown.mine.decide).toBe(false);
    expect(
      ((await finance({ url: '/api/v1/approvals?box=cc' })).json().data as { id: string }[]).map((a) => a.id),
    ).toContain(id);
    const told = () =>
      t.ctx.db
        .selectFrom('notifications')
        .select(['userId', 'kind'])
        .where('kind', 'in', ['approval_cc_approved', 'approval_cc_rejected'])
        .where('link', '=', `/approvals/${id}`)
        .execute();
    expect(await told()).toEqual([]);
    // Told once it ends, with how.
    const decided = await lead({ method: 'POST', url: `/api/v1/approvals/${id}/approve`, body: {} });
    expect(decided.statusCode, decided.body).toBe(200);
    const notes = await told();
    expect(notes.map((n) => n.userId).sort()).toEqual([org.user('li.ming'), org.user('lin.xiaoyan')].sort());
    expect(notes.map((n) => n.kind)).toEqual(['approval_cc_approved', 'approval_cc_approved']);
    // Not copied: 吴芳 still may not read it.
    expectProblem(await south({ url: `/api/v1/approvals/${id}` }), 404, 'not_found');
  });
});
