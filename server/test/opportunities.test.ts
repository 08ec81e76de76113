import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import {
  day,
  demoOrg,
  expectProblem,
  loginAdmin,
  loginDemo,
  makeOrg,
  randomUuid,
  unchangedBy,
} from './helpers.js';
import { fileTo, pdf, upload } from './uploads.js';

type Stage = {
  id: string;
  name: string;
  category: string;
  probability: number;
  cadenceDays: number | null;
  stalledDays: number | null;
  gates: {
    fields: string[];
    attachments: { kind: string }[];
    checklist: { id: string }[];
    followUp: boolean;
  };
};
type Pipeline = { id: string; name: string; isDefault: boolean; version: number; stages: Stage[] };
type Deal = {
  id: string;
  version: number;
  stageId: string;
  pipelineId: string;
  stageName: string;
  status: string;
  amount: number;
  nextFollowUpAt: number | null;
  closedAt: number | null;
  stalled: boolean;
};
type Missing = { type: string; stageName: string; field?: string; kind?: string; itemId?: string };

describe.each(testDialects)('opportunities and pipelines on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client; // 刘洋, 上海一组
  let otherRep: Client; // 吴芳, 广州组
  let manager: Client; // 李明, 华东大区 (刘洋's manager)
  let org: Awaited<ReturnType<typeof demoOrg>>;
  let general: Pipeline;
  let factory: Pipeline;
  let customerId: string;
  let theirCustomerId: string;
  let seq = 0;

  const stage = (p: Pipeline, name: string) => p.stages.find((s) => s.name === name)!;
  const newCustomer = async (c: Client) => {
    const res = await c({
      method: 'POST',
      url: '/api/v1/customers',
      body: { name: `商机测试${++seq}号重工机械有限公司`, nearDuplicateReason: '测试用的不同客户' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const create = (c: Client, body: Record<string, unknown>) =>
    c({ method: 'POST', url: '/api/v1/opportunities', body: { name: `商机${++seq}`, amount: 0, ...body } });
  const newDeal = async (c: Client, body: Record<string, unknown> = {}) => {
    const res = await create(c, { customerId, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Deal;
  };
  const get = async (c: Client, id: string) =>
    (await c({ url: `/api/v1/opportunities/${id}` })).json() as Deal;
  const move = async (c: Client, id: string, body: Record<string, unknown>, version?: number) =>
    c({
      method: 'POST',
      url: `/api/v1/opportunities/${id}/move`,
      headers: { 'if-match': String(version ?? (await get(c, id)).version) },
      body,
    });
  const missingOf = (res: { json: () => { missing: Missing[] } }) => res.json().missing;
  /** Moves time on; sessions expire meanwhile, so everyone signs in again. */
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
    manager = await loginDemo(t, 'li.ming');
  };
  /** A stage as the update body takes it (the list's order is the stages' order). */
  const asInput = ({ position: _p, ...s }: Stage & { position?: number }) => s;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
    manager = await loginDemo(t, 'li.ming');
    const pipelines = (await rep({ url: '/api/v1/pipelines' })).json().data as Pipeline[];
    general = pipelines.find((p) => p.isDefault)!;
    factory = pipelines.find((p) => p.name === '制造业项目流程')!;
    customerId = await newCustomer(rep);
    theirCustomerId = await newCustomer(otherRep);
  });
  afterAll(() => t.close());

  it('gives every org a general pipeline (the default) and the article’s manufacturing one with its gates', async () => {
    expect(general.name).toBe('通用销售流程');
    expect(factory.stages.map((s) => s.name)).toEqual([
      '线索',
      '需求调研',
      '方案设计',
      '报价',
      '合同签订',
      '生产',
      '发货',
      '售后',
      '输单',
    ]);
    expect(stage(factory, '报价').gates.attachments).toEqual([
      { kind: 'requirements_signed', label: '客户签字的需求确认单' },
    ]);
    expect(stage(factory, '线索')).toMatchObject({ cadenceDays: 2, category: 'pipeline' });
    expect(stage(factory, '生产').category).toBe('closed_won');
    // Finance reads deals, so it reads pipelines; a role without deals does not.
    const marketing = await loginDemo(t, 'gao.xue');
    expectProblem(await marketing({ url: '/api/v1/pipelines' }), 403, 'forbidden');
  });

  it('creates a deal in the first stage with its history and the stage’s follow-up cadence', async () => {
    const deal = await newDeal(rep, {
      pipelineId: factory.id,
      amount: 1_280_000_00,
      expectedCloseDate: '2027-03-31',
    });
    expect(deal).toMatchObject({
      stageName: '线索',
      status: 'open',
      amount: 128_000_000,
      nextFollowUpAt: t.clock.now() + 2 * day,
      stalled: false,
    });
    const history = (await rep({ url: `/api/v1/opportunities/${deal.id}/stages` })).json().data;
    expect(history).toEqual([
      expect.objectContaining({ stageName: '线索', enteredBy: org.user('liu.yang'), leftAt: null }),
    ]);
    // Without a pipeline: the default one.
    expect((await newDeal(rep)).stageName).toBe('初步接洽');
  });

  it('refuses bad deals, changing nothing', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ customerId, amount: 1.5 }, 400, 'validation_failed'],
      [{ customerId, amount: -1 }, 400, 'validation_failed'],
      [{ customerId, expectedCloseDate: '2027-02-30' }, 400, 'validation_failed'],
      [{ customerId, name: '' }, 400, 'validation_failed'],
      [{ customerId, status: 'won' }, 400, 'validation_failed'],
      [{ customerId: theirCustomerId }, 422, 'validation_failed'],
      [{ customerId, pipelineId: randomUuid }, 422, 'validation_failed'],
      [
        { customerId, pipelineId: general.id, stageId: stage(factory, '需求调研').id },
        422,
        'validation_failed',
      ],
      [{ customerId, pipelineId: factory.id, stageId: stage(factory, '输单').id }, 422, 'validation_failed'],
      [{ customerId, contactIds: [randomUuid] }, 422, 'validation_failed'],
      [{ customerId, ownerId: org.user('wu.fang') }, 422, 'validation_failed'],
      [{ customerId, leadId: randomUuid }, 422, 'validation_failed'],
    ];
    for (const [body, status, code] of cases)
      expectProblem(await unchangedBy(t, () => create(rep, body)), status, code);
    const other = await unchangedBy(t, () => create(rep, { customerId: theirCustomerId }));
    expect(other.json().errors).toEqual([
      expect.objectContaining({ path: 'body.customerId', code: 'customer_not_found' }),
    ]);
    // Starting in 报价 passes the gates on the way: the requirements sheet is missing.
    const late = await unchangedBy(t, () =>
      create(rep, { customerId, pipelineId: factory.id, stageId: stage(factory, '报价').id, amount: 100 }),
    );
    expectProblem(late, 422, 'stage_gate_unmet');
    expect(missingOf(late).map((m) => m.type)).toEqual(['follow_up', 'field', 'attachment']);
  });

  it('moves a deal through the manufacturing gates, telling exactly what is missing', async () => {
    const deal = await newDeal(rep, { pipelineId: factory.id });
    expect((await move(rep, deal.id, { stageId: stage(factory, '需求调研').id })).statusCode).toBe(200);

    // 方案设计 wants a follow-up logged in 需求调研.
    const noFollowUp = await unchangedBy(t, () =>
      move(rep, deal.id, { stageId: stage(factory, '方案设计').id }),
    );
    expectProblem(noFollowUp, 422, 'stage_gate_unmet');
    expect(noFollowUp.json().detail).toBe('还不能进入“方案设计”：有 1 项要求未完成');
    expect(missingOf(noFollowUp)).toEqual([
      expect.objectContaining({ type: 'follow_up', stageName: '方案设计' }),
    ]);
    const fu = await rep({
      method: 'POST',
      url: '/api/v1/follow-ups',
      body: { object: 'opportunity', recordId: deal.id, method: 'visit', content: '现场调研了产线需求' },
    });
    expect(fu.statusCode, fu.body).toBe(201);
    expect((await move(rep, deal.id, { stageId: stage(factory, '方案设计').id })).statusCode).toBe(200);

    // Jumping to 合同签订 does not skip 报价's gate.
    const jump = await unchangedBy(t, () => move(rep, deal.id, { stageId: stage(factory, '合同签订').id }));
    expectProblem(jump, 422, 'stage_gate_unmet');
    expect(
      missingOf(jump).map((m) => `${m.stageName}:${m.type}:${m.field ?? m.kind ?? m.itemId ?? ''}`),
    ).toEqual([
      '报价:field:amount',
      '报价:field:products',
      '报价:attachment:requirements_signed',
      '合同签订:field:expectedCloseDate',
      '合同签订:field:contacts',
      '合同签订:checklist:terms',
      '合同签订:checklist:tech',
    ]);

    // Fill the fields and attach the signed sheet: 报价 opens.
    const patched = await rep({
      method: 'PATCH',
      url: `/api/v1/opportunities/${deal.id}`,
      headers: { 'if-match': String((await get(rep, deal.id)).version) },
      body: { amount: 45_000_000, products: '数控折弯机 ×2' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const file = await upload(
      rep,
      fileTo('opportunity', deal.id, '需求确认单（客户签字）.pdf', pdf(), 'requirements_signed'),
    );
    expect(file.statusCode, file.body).toBe(201);
    const quoted = await move(rep, deal.id, { stageId: stage(factory, '报价').id });
    expect(quoted.statusCode, quoted.body).toBe(200);
    expect(quoted.json()).toMatchObject({ stageName: '报价', probability: 50 });

    // A stale version is refused before anything else.
    expectProblem(
      await move(rep, deal.id, { stageId: stage(factory, '合同签订').id }, 1),
      412,
      'version_conflict',
    );
    // A stage of another pipeline is not a stage of this deal.
    expectProblem(
      await move(rep, deal.id, { stageId: stage(general, '商务谈判').id }),
      422,
      'validation_failed',
    );

    // The checklist: an unknown item is refused; ticked items count.
    const tick = async (itemId: string) =>
      rep({
        method: 'POST',
        url: `/api/v1/opportunities/${deal.id}/checklist`,
        headers: { 'if-match': String((await get(rep, deal.id)).version) },
        body: { stageId: stage(factory, '合同签订').id, itemId, done: true },
      });
    expectProblem(await tick('nope'), 422, 'validation_failed');
    expect((await tick('terms')).statusCode).toBe(200);
    expect((await tick('tech')).statusCode).toBe(200);
    const contracts = await move(rep, deal.id, { stageId: stage(factory, '合同签订').id });
    expect(missingOf(contracts).map((m) => m.field)).toEqual(['expectedCloseDate', 'contacts']);

    // Won: 生产 closes the deal; history has every stay.
    const contact = await rep({
      method: 'POST',
      url: '/api/v1/contacts',
      body: { customerId, name: '赵工', mobile: '13911112222' },
    });
    expect(contact.statusCode, contact.body).toBe(201);
    await rep({
      method: 'PATCH',
      url: `/api/v1/opportunities/${deal.id}`,
      headers: { 'if-match': String((await get(rep, deal.id)).version) },
      body: { expectedCloseDate: '2027-01-15', contactIds: [contact.json().id] },
    });
    expect((await move(rep, deal.id, { stageId: stage(factory, '合同签订').id })).statusCode).toBe(200);
    await advance(day);
    const won = await move(rep, deal.id, { stageId: stage(factory, '生产').id });
    expect(won.json()).toMatchObject({ status: 'won', closedAt: t.clock.now(), nextFollowUpAt: null });
    const stays = (await rep({ url: `/api/v1/opportunities/${deal.id}/stages` })).json().data as {
      stageName: string;
      leftAt: number | null;
    }[];
    expect(stays.map((s) => s.stageName)).toEqual([
      '生产',
      '合同签订',
      '报价',
      '方案设计',
      '需求调研',
      '线索',
    ]);
    expect(stays.filter((s) => s.leftAt === null)).toHaveLength(1);
    // 刘洋's manager heard of each move; she hears of none of her own.
    const told = async (who: string) =>
      (
        await t.ctx.db
          .selectFrom('notifications')
          .select('params')
          .where('userId', '=', org.user(who))
          .where('kind', '=', 'opportunity_stage_changed')
          .execute()
      ).map((n) => JSON.parse(n.params).to as string);
    expect(await told('zhang.wei')).toEqual(
      expect.arrayContaining(['需求调研', '方案设计', '报价', '合同签订', '生产']),
    );
    expect(await told('liu.yang')).toEqual([]);
    // A won deal takes no more follow-ups.
    expectProblem(
      await rep({
        method: 'POST',
        url: '/api/v1/follow-ups',
        body: { object: 'opportunity', recordId: deal.id, method: 'phone', content: '回访' },
      }),
      409,
      'opportunity_closed',
    );
  });

  it('requires a lost reason, and lets only holders of the override right skip gates, with a reason', async () => {
    const deal = await newDeal(rep, { pipelineId: factory.id });
    const lost = stage(factory, '输单').id;
    const noReason = await unchangedBy(t, () => move(rep, deal.id, { stageId: lost }));
    expectProblem(noReason, 422, 'validation_failed');
    expect(noReason.json().errors[0]).toMatchObject({
      path: 'body.lostReason',
      code: 'lost_reason_required',
    });

    const quote = stage(factory, '报价').id;
    expectProblem(
      await move(rep, deal.id, { stageId: quote, overrideGates: true, reason: '老客户' }),
      403,
      'forbidden',
    );
    expectProblem(
      await move(admin, deal.id, { stageId: quote, overrideGates: true }),
      422,
      'validation_failed',
    );
    const overridden = await move(admin, deal.id, {
      stageId: quote,
      overrideGates: true,
      reason: '老客户返单，需求单后补',
    });
    expect(overridden.statusCode, overridden.body).toBe(200);
    // This deal's stage changes, oldest first (ids are time-ordered; without an order the database
    // may return them in any order).
    const audit = await t.ctx.db
      .selectFrom('events')
      .select('payload')
      .where('type', '=', 'opportunity.stage_changed')
      .where('recordId', '=', deal.id)
      .orderBy('id')
      .execute();
    const last = JSON.parse(audit.at(-1)!.payload) as { reason: string; overriddenGates: Missing[] };
    expect(last.reason).toBe('老客户返单，需求单后补');
    expect(last.overriddenGates.map((m) => m.type)).toContain('attachment');

    const closed = await move(rep, deal.id, { stageId: lost, lostReason: '价格高于竞品' });
    expect(closed.json()).toMatchObject({ status: 'lost', lostReason: '价格高于竞品' });
  });

  it('keeps deals to those who may see them: reps their own, managers their teams', async () => {
    const mine = await newDeal(rep, { amount: 300 });
    expectProblem(await otherRep({ url: `/api/v1/opportunities/${mine.id}` }), 404, 'not_found');
    expectProblem(
      await move(otherRep, mine.id, { stageId: stage(general, '需求确认').id }, mine.version),
      404,
      'not_found',
    );
    expectProblem(await otherRep({ url: `/api/v1/opportunities/${mine.id}/stages` }), 404, 'not_found');
    const theirs = (await otherRep({ url: '/api/v1/opportunities?limit=200' })).json().data as Deal[];
    expect(theirs.map((d) => d.id)).not.toContain(mine.id);
    expect((await manager({ url: `/api/v1/opportunities/${mine.id}` })).statusCode).toBe(200);
    const other = (await makeOrg(t)).admin;
    expectProblem(await other({ url: `/api/v1/opportunities/${mine.id}` }), 404, 'not_found');
    expectProblem(await other({ url: `/api/v1/pipelines/${general.id}` }), 404, 'not_found');
  });

  it('shows a pipeline as a board with each column’s true count and amount', async () => {
    const mine = (await rep({ url: `/api/v1/opportunities?pipelineId=${general.id}&limit=200` })).json();
    const board = (await rep({ url: `/api/v1/opportunities/board?pipelineId=${general.id}` })).json() as {
      columns: { stageId: string; count: number; amount: number; data: Deal[] }[];
    };
    expect(board.columns.map((c) => c.stageId)).toEqual(general.stages.map((s) => s.id));
    expect(board.columns.reduce((n, c) => n + c.count, 0)).toBe(mine.totalCount);
    expect(board.columns.reduce((n, c) => n + c.amount, 0)).toBe(mine.totalAmount);
    const first = board.columns[0]!;
    expect(first.data.length).toBe(Math.min(first.count, 20));
    // Another rep's board holds none of 刘洋's deals.
    const theirs = (await otherRep({ url: `/api/v1/opportunities/board?pipelineId=${general.id}` })).json();
    expect(theirs.columns.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(0);
    expectProblem(await rep({ url: '/api/v1/opportunities/board' }), 400, 'validation_failed');
  });

  it('marks a deal stalled after the stage’s days, and lists the stalled ones', async () => {
    const deal = await newDeal(rep, { pipelineId: general.id });
    await advance(15 * day);
    expect((await get(rep, deal.id)).stalled).toBe(true);
    const stalled = (await rep({ url: '/api/v1/opportunities?stalled=true&limit=200' })).json()
      .data as Deal[];
    expect(stalled.map((d) => d.id)).toContain(deal.id);
    const overdue = (await rep({ url: '/api/v1/opportunities?followUp=overdue&limit=200' })).json()
      .data as Deal[];
    expect(overdue.map((d) => d.id)).toContain(deal.id);
    // The totals and the board count exactly the rows the filters keep (a search by customer name too).
    const customer = (
      await rep({ method: 'POST', url: '/api/v1/customers', body: { name: '镇江搜索测试阀门有限公司' } })
    ).json();
    const found = await newDeal(rep, { customerId: customer.id, name: '阀门改造', amount: 700 });
    for (const filter of ['stalled=true', 'followUp=overdue', 'q=%E6%90%9C%E7%B4%A2%E6%B5%8B%E8%AF%95']) {
      const list = (await rep({ url: `/api/v1/opportunities?${filter}&limit=200` })).json();
      const rows = list.data as Deal[];
      expect(list.totalCount).toBe(rows.length);
      expect(list.totalAmount).toBe(rows.reduce((n, d) => n + d.amount, 0));
      const board = (
        await rep({ url: `/api/v1/opportunities/board?pipelineId=${general.id}&${filter}` })
      ).json() as { columns: { count: number }[] };
      expect(board.columns.reduce((n, c) => n + c.count, 0)).toBe(
        rows.filter((d) => d.pipelineId === general.id).length,
      );
      if (filter.startsWith('q=')) expect(rows.map((d) => d.id)).toEqual([found.id]);
    }
  });

  it('lets admins edit stages, refusing to drop a stage with deals unless they are moved', async () => {
    const current = (await admin({ url: `/api/v1/pipelines/${general.id}` })).json() as Pipeline;
    const patch = (body: Record<string, unknown>, version = current.version) =>
      admin({
        method: 'PATCH',
        url: `/api/v1/pipelines/${general.id}`,
        headers: { 'if-match': String(version) },
        body,
      });
    const first = stage(current, '初步接洽');
    const without = current.stages.filter((s) => s.id !== first.id).map(asInput);
    const inUse = await unchangedBy(t, () => patch({ stages: without }));
    expectProblem(inUse, 409, 'stage_in_use');
    expect(inUse.json().stages).toEqual([expect.objectContaining({ id: first.id, name: '初步接洽' })]);
    expectProblem(
      await rep({
        method: 'PATCH',
        url: `/api/v1/pipelines/${general.id}`,
        headers: { 'if-match': String(current.version) },
        body: { name: 'x' },
      }),
      403,
      'forbidden',
    );
    expectProblem(await unchangedBy(t, () => patch({ stages: [without[0]] })), 400, 'validation_failed');
    expectProblem(await unchangedBy(t, () => patch({ isDefault: false })), 409, 'default_pipeline_required');
    const target = stage(current, '需求确认');
    const moved = await patch({ stages: without, moveDeals: { [first.id]: target.id } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as Pipeline).stages.map((s) => s.name)).not.toContain('初步接洽');
    const left = (await rep({ url: `/api/v1/opportunities?stageId=${first.id}` })).json().totalCount;
    expect(left).toBe(0);
    // The pipeline holds deals: it cannot be deleted (and it is the default).
    expectProblem(
      await admin({
        method: 'DELETE',
        url: `/api/v1/pipelines/${general.id}`,
        headers: { 'if-match': String(current.version + 1) },
      }),
      409,
      'default_pipeline_required',
    );
    expectProblem(
      await admin({
        method: 'DELETE',
        url: `/api/v1/pipelines/${factory.id}`,
        headers: { 'if-match': String(factory.version) },
      }),
      409,
      'pipeline_in_use',
    );
    // A new pipeline needs an open, a won and a lost stage.
    const bad = await admin({
      method: 'POST',
      url: '/api/v1/pipelines',
      body: {
        name: '服务续约',
        stages: [
          { name: '续约洽谈', probability: 50, category: 'pipeline' },
          { name: '续约成功', probability: 100, category: 'closed_won' },
        ],
      },
    });
    expectProblem(bad, 400, 'validation_failed');
    const good = await admin({
      method: 'POST',
      url: '/api/v1/pipelines',
      body: {
        name: '服务续约',
        stages: [
          { name: '续约洽谈', probability: 50, category: 'pipeline', cadenceDays: 7 },
          { name: '续约成功', probability: 100, category: 'closed_won' },
          { name: '未续约', probability: 0, category: 'closed_lost' },
        ],
      },
    });
    expect(good.statusCode, good.body).toBe(201);
    const created = good.json() as Pipeline;
    expect(created.isDefault).toBe(false);
    const del = await admin({
      method: 'DELETE',
      url: `/api/v1/pipelines/${created.id}`,
      headers: { 'if-match': String(created.version) },
    });
    expect(del.statusCode).toBe(204);
  });
});
