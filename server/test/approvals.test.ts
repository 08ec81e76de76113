import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { demoOrg, expectProblem, loginAdmin, loginDemo, randomUuid, unchangedBy } from './helpers.js';

type Pipeline = { id: string; stages: { id: string; name: string }[] };
type Deal = { id: string; version: number; stageName: string; pendingApproval: { id: string } | null };
type Approval = {
  id: string;
  status: string;
  currentStep: number;
  round: number;
  summary: string;
  steps: { name: string; approvers: { name: string; decision: string | null }[] }[];
  mine: { decide: boolean; withdraw: boolean; resubmit: boolean };
};

// 审批: a deal entering 报价 above ¥500,000 needs the rep's manager, then the region's manager.
describe.each(testDialects)('approvals of stage moves on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client; // 刘洋, 上海一组 — managers: 张伟 (上海一组), 李明 (华东大区), 王建国 (销售中心)
  let lead: Client; // 张伟
  let region: Client; // 李明
  let otherRep: Client; // 吴芳, 广州组
  let org: Awaited<ReturnType<typeof demoOrg>>;
  let pipeline: Pipeline;
  let customerId: string;
  let seq = 0;

  const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!.id;
  const newDeal = async (amount: number) => {
    const res = await rep({
      method: 'POST',
      url: '/api/v1/opportunities',
      body: { name: `审批商机${++seq}`, customerId, pipelineId: pipeline.id, amount },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Deal;
  };
  const get = async (c: Client, id: string) =>
    (await c({ url: `/api/v1/opportunities/${id}` })).json() as Deal;
  const move = async (id: string, to: string) =>
    rep({
      method: 'POST',
      url: `/api/v1/opportunities/${id}/move`,
      headers: { 'if-match': String((await get(rep, id)).version) },
      body: { stageId: stage(to) },
    });
  const act = (c: Client, id: string, what: string, body: Record<string, unknown> = {}) =>
    c({ method: 'POST', url: `/api/v1/approvals/${id}/${what}`, body });
  const inbox = async (c: Client, box: string) =>
    ((await c({ url: `/api/v1/approvals?box=${box}` })).json().data as Approval[]).map((a) => a.id);
  const define = (body: Record<string, unknown>) =>
    admin({
      method: 'POST',
      url: '/api/v1/approval-definitions',
      body: {
        name: '大额报价审批',
        object: 'opportunity',
        trigger: { type: 'stage_enter', stageIds: [stage('报价')] },
        conditions: [{ field: 'amount', op: 'gt', value: 50_000_000 }],
        steps: [
          { name: '直属上级', approvers: { type: 'manager', level: 1 }, mode: 'any' },
          { name: '大区经理', approvers: { type: 'manager', level: 2 }, mode: 'any' },
        ],
        ...body,
      },
    });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    lead = await loginDemo(t, 'zhang.wei');
    region = await loginDemo(t, 'li.ming');
    otherRep = await loginDemo(t, 'wu.fang');
    const created = await admin({
      method: 'POST',
      url: '/api/v1/pipelines',
      body: {
        name: '审批测试流程',
        stages: [
          { name: '洽谈', probability: 20, category: 'pipeline' },
          { name: '报价', probability: 50, category: 'best_case' },
          { name: '签约', probability: 80, category: 'commit' },
          { name: '赢单', probability: 100, category: 'closed_won' },
          { name: '输单', probability: 0, category: 'closed_lost' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    pipeline = created.json();
    const c = await rep({
      method: 'POST',
      url: '/api/v1/customers',
      body: { name: '苏州审批测试精工有限公司' },
    });
    customerId = c.json().id;
  });
  afterAll(() => t.close());

  it('refuses malformed or foreign definitions, and definitions from non-admins', async () => {
    const res = await define({});
    expect(res.statusCode, res.body).toBe(201);
    expectProblem(
      await unchangedBy(t, () => define({ trigger: { type: 'stage_enter', stageIds: [randomUuid] } })),
      422,
      'validation_failed',
    );
    expectProblem(await unchangedBy(t, () => define({ steps: [] })), 400, 'validation_failed');
    expectProblem(
      await unchangedBy(t, () =>
        define({ steps: [{ name: '上六级', approvers: { type: 'manager', level: 6 } }] }),
      ),
      400,
      'validation_failed',
    );
    const role = await unchangedBy(t, () =>
      define({ steps: [{ name: '法务', approvers: { type: 'role', roleKey: 'legal' } }] }),
    );
    expectProblem(role, 422, 'validation_failed');
    expect(role.json().errors[0].path).toBe('body.steps.0.approvers.roleKey');
    expectProblem(
      await unchangedBy(t, () => define({ conditions: [{ field: 'amount', op: 'between', value: [1] }] })),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep({ method: 'POST', url: '/api/v1/approval-definitions', body: {} }),
      403,
      'forbidden',
    );
  });

  it('lets a small deal through, and holds a large one in its stage until both managers approve', async () => {
    const small = await newDeal(30_000_000);
    expect((await move(small.id, '报价')).json()).toMatchObject({ stageName: '报价', pendingApproval: null });

    const big = await newDeal(60_000_000);
    const asked = await move(big.id, '报价');
    expect(asked.statusCode, asked.body).toBe(202);
    const approvalId = asked.json().approval.id as string;
    expect(asked.json()).toMatchObject({
      stageName: '洽谈',
      pendingApproval: { id: approvalId, summary: '洽谈 → 报价' },
    });
    // Locked meanwhile: no other move.
    expectProblem(await move(big.id, '签约'), 409, 'approval_pending');
    // The board and the list mark it 审批中; the deal let through is not.
    const board = (await rep({ url: `/api/v1/opportunities/board?pipelineId=${pipeline.id}` })).json() as {
      columns: { data: { id: string; awaitingApproval: boolean }[] }[];
    };
    const cards = board.columns.flatMap((c) => c.data);
    expect(cards.find((d) => d.id === big.id)?.awaitingApproval).toBe(true);
    expect(cards.find((d) => d.id === small.id)?.awaitingApproval).toBe(false);

    expect(await inbox(lead, 'todo')).toEqual([approvalId]);
    expect(await inbox(region, 'todo')).toEqual([]);
    expect(await inbox(rep, 'submitted')).toContain(approvalId);
    const notified = await t.ctx.db
      .selectFrom('notifications')
      .select('kind')
      .where('userId', '=', org.user('zhang.wei'))
      .where('kind', '=', 'approval_requested')
      .execute();
    expect(notified).toHaveLength(1);
    // Only those who take part see it.
    expectProblem(await otherRep({ url: `/api/v1/approvals/${approvalId}` }), 404, 'not_found');
    expectProblem(await act(otherRep, approvalId, 'approve'), 404, 'not_found');
    expectProblem(await act(rep, approvalId, 'approve'), 403, 'approval_self');
    expectProblem(await act(region, approvalId, 'approve'), 403, 'approval_not_yours');
    expectProblem(await unchangedBy(t, () => act(lead, approvalId, 'reject', {})), 400, 'validation_failed');

    const first = await act(lead, approvalId, 'approve', { comment: '同意，注意回款条件' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'pending', currentStep: 1 });
    expectProblem(await act(lead, approvalId, 'approve'), 409, 'approval_already_decided');
    expect((await get(rep, big.id)).stageName).toBe('洽谈');

    // 李明 rejects: the deal stays; 刘洋 resubmits, and the request starts again.
    const no = await act(region, approvalId, 'reject', { comment: '价格偏低，请重新核算' });
    expect(no.json()).toMatchObject({ status: 'rejected', mine: { decide: false } });
    expect((await get(rep, big.id)).pendingApproval).toBeNull();
    const again = await act(rep, approvalId, 'resubmit', { comment: '已调整报价' });
    expect(again.json()).toMatchObject({ status: 'pending', round: 2, currentStep: 0 });
    expect(await inbox(lead, 'todo')).toEqual([approvalId]);
    expect((await act(lead, approvalId, 'approve')).statusCode).toBe(200);
    const done = await act(region, approvalId, 'approve');
    expect(done.json()).toMatchObject({ status: 'approved' });
    expect(await get(rep, big.id)).toMatchObject({ stageName: '报价', pendingApproval: null });

    const detail = (await rep({ url: `/api/v1/approvals/${approvalId}` })).json();
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'approve',
      'reject',
      'resubmit',
      'approve',
      'approve',
    ]);
    const stays = (await rep({ url: `/api/v1/opportunities/${big.id}/stages` })).json().data;
    expect(stays[0]).toMatchObject({ stageName: '报价', enteredBy: org.user('liu.yang') });
    expect(await inbox(region, 'done')).toContain(approvalId);
  });

  it('lets the submitter withdraw, after which nobody can decide it', async () => {
    const deal = await newDeal(70_000_000);
    const id = (await move(deal.id, '报价')).json().approval.id as string;
    expectProblem(await act(lead, id, 'withdraw'), 403, 'forbidden');
    expect((await act(rep, id, 'withdraw')).json()).toMatchObject({ status: 'withdrawn' });
    expectProblem(await act(lead, id, 'approve'), 409, 'approval_not_pending');
    expectProblem(await act(rep, id, 'resubmit'), 409, 'approval_not_rejected');
    expect((await get(rep, deal.id)).pendingApproval).toBeNull();
  });

  it('makes one decision when two approvers of an any-of step approve at once, and needs all of an all-of step', async () => {
    const defs = (await admin({ url: '/api/v1/approval-definitions' })).json().data as {
      id: string;
      version: number;
    }[];
    const patch = (steps: unknown[]) =>
      admin({
        method: 'PATCH',
        url: `/api/v1/approval-definitions/${defs[0]!.id}`,
        headers: { 'if-match': String(defs[0]!.version) },
        body: { steps },
      });
    const both = { type: 'users', userIds: [org.user('zhang.wei'), org.user('li.ming')] };
    const changed = await patch([{ name: '任一经理', approvers: both, mode: 'any' }]);
    expect(changed.statusCode, changed.body).toBe(200);
    defs[0]!.version++;
    const deal = await newDeal(80_000_000);
    const id = (await move(deal.id, '报价')).json().approval.id as string;
    const [a, b] = await Promise.all([act(lead, id, 'approve'), act(region, id, 'approve')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await get(rep, deal.id)).stageName).toBe('报价');
    const moves = await t.ctx.db
      .selectFrom('opportunityStageHistory')
      .select('stageId')
      .where('opportunityId', '=', deal.id)
      .execute();
    expect(moves).toHaveLength(2);

    expect((await patch([{ name: '两位经理会签', approvers: both, mode: 'all' }])).statusCode).toBe(200);
    const deal2 = await newDeal(90_000_000);
    const id2 = (await move(deal2.id, '报价')).json().approval.id as string;
    expect((await act(lead, id2, 'approve')).json()).toMatchObject({ status: 'pending', currentStep: 0 });
    expect((await get(rep, deal2.id)).stageName).toBe('洽谈');
    expect((await act(region, id2, 'approve')).json()).toMatchObject({ status: 'approved' });
    expect((await get(rep, deal2.id)).stageName).toBe('报价');
  });
});
