import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayStart } from '../src/platform/clock.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import {
  demoOrg,
  expectProblem,
  loginAdmin,
  loginDemo,
  makeDepartment,
  makeOrg,
  unchangedBy,
} from './helpers.js';
import { importer, parseCsv, xlsx } from './import-helpers.js';

// 商机导入: open deals and the history of closed ones through the one import wizard — owner, customer,
// pipeline and stage by name, the deal's own dates kept — and the Maven CRM sample (public domain:
// three agents of three offices, every stage, deals without an account).

const maven = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'maven-sample.csv'));
const mavenRows = maven
  .toString('utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [id, agent, product, account, stage, engage, close, value] = line.split(',');
    return {
      id: id!,
      agent: agent!,
      product: product!,
      account: account!,
      stage: stage!,
      engage,
      close,
      value,
    };
  });
const at = (d: string) => dayStart(d, 'Asia/Shanghai');

type Pipeline = { id: string; name: string; isDefault: boolean; stages: { id: string; name: string }[] };

describe.each(testDialects)('importing and exporting deals on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let manager: Client; // 李明, 华东大区
  let org: Awaited<ReturnType<typeof demoOrg>>;

  const deals = (where: { externalIds?: string[]; names?: string[] }) => {
    let q = t.ctx.db.selectFrom('opportunities').selectAll().where('orgId', '=', t.orgId);
    if (where.externalIds) q = q.where('externalId', 'in', where.externalIds);
    if (where.names) q = q.where('name', 'in', where.names);
    return q.orderBy('name').execute();
  };
  const stays = (opportunityId: string) =>
    t.ctx.db
      .selectFrom('opportunityStageHistory as h')
      .innerJoin('pipelineStages as s', 's.id', 'h.stageId')
      .select(['s.name', 'h.enteredAt', 'h.leftAt', 'h.enteredBy'])
      .where('h.opportunityId', '=', opportunityId)
      .orderBy('h.enteredAt')
      .orderBy('s.position')
      .execute();
  /** What the run itself refused or skipped (the dry run's findings are the issues endpoint's). */
  const runIssues = async (importId: string) =>
    (
      await t.ctx.db
        .selectFrom('importIssues')
        .select(['code', 'params'])
        .where('importId', '=', importId)
        .where('phase', '=', 'run')
        .orderBy('rowNo')
        .execute()
    ).map((i) => ({ code: i.code, params: JSON.parse(i.params) as Record<string, unknown> }));
  const customer = async (c: Client, name: string) => {
    const res = await c({ method: 'POST', url: '/api/v1/customers', body: { name } });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    manager = await loginDemo(t, 'li.ming');
  });
  afterAll(() => t.close());

  it('brings open and closed deals with owner, stage and the dates given, and reports what it cannot', async () => {
    await customer(manager, '苏州工业园区精密机械有限公司');
    await customer(await loginDemo(t, 'wu.fang'), '广州番禺电子有限公司'); // 华南: outside 李明's reach
    const im = importer(t, manager, 'opportunity');
    const file = await xlsx([
      [
        '外部编号',
        '商机名称',
        '客户',
        '阶段',
        '金额',
        '负责人',
        '创建日期',
        '进入“需求确认”日期',
        '赢单/输单日期',
        '输单原因',
      ],
      [
        'SZ-1',
        '二期产线改造',
        '苏州工业园区精密机械有限公司',
        '初步接洽',
        '¥1,200,000.50',
        '刘洋',
        '2026-03-01',
        '',
        '',
        '',
      ],
      [
        'SZ-2',
        '备件年度框架',
        '苏州工业园区精密机械有限公司',
        '赢单',
        380000,
        'chen.jing@demo.cadence',
        new Date('2025-09-01'),
        '2025/10/8',
        '2026年1月15日',
        '',
      ],
      [
        'SZ-3',
        '机器人焊装线',
        '苏州工业园区精密机械有限公司',
        'Lost',
        2600000,
        '刘洋',
        '2025-05-01',
        '2025-06-01',
        '2025-08-20',
        '价格高于竞品',
      ],
      ['SZ-4', '没有的阶段', '苏州工业园区精密机械有限公司', '立项', 1, '刘洋', '', '', '', ''],
      ['SZ-5', '看不见的客户', '广州番禺电子有限公司', '初步接洽', 1, '刘洋', '', '', '', ''],
      ['SZ-6', '没写关闭日期', '苏州工业园区精密机械有限公司', '赢单', 1, '刘洋', '', '', '', ''],
      [
        'SZ-7',
        '日期颠倒',
        '苏州工业园区精密机械有限公司',
        '输单',
        1,
        '刘洋',
        '2025-05-01',
        '2025-09-01',
        '2025-08-01',
        '',
      ],
      ['SZ-8', '将来的日期', '苏州工业园区精密机械有限公司', '初步接洽', 1, '刘洋', '2027-01-01', '', '', ''],
      ['SZ-9', '没有这个人', '苏州工业园区精密机械有限公司', '初步接洽', 1, '路人甲', '', '', '', ''],
      ['SZ-1', '重复的编号', '苏州工业园区精密机械有限公司', '初步接洽', 1, '刘洋', '', '', '', ''],
      ['SZ-10', '负数金额', '苏州工业园区精密机械有限公司', '初步接洽', -5, '刘洋', '', '', '', ''],
    ]);
    const v = await im.check(await im.uploaded('历史商机.xlsx', file));
    expect(v.mapping).toMatchObject({
      0: 'externalId',
      1: 'name',
      2: 'customer',
      3: 'stage',
      4: 'amount',
      5: 'owner',
      6: 'createdDate',
      7: 'entered.需求确认',
      8: 'closeDate',
      9: 'lostReason',
    });
    expect(v.summary).toMatchObject({ rows: 11, valid: 3, errors: 7, fileDuplicates: 1 });
    const messages = (await im.issues(v.id)).map((i) => `${i.rowNo}: ${i.message}`);
    expect(messages).toEqual([
      '5: 阶段：销售流程“通用销售流程”中没有阶段“立项”',
      '6: 客户名称：找不到客户“广州番禺电子有限公司”（或你无权查看）；可先导入客户，或勾选“自动新建文件中的客户”',
      '7: 赢单/输单日期：已赢单或已输单的商机须填写赢单/输单日期',
      '8: 阶段：各阶段的进入日期须按流程顺序先后排列',
      '9: 创建日期：日期 2027-01-01 尚未到来',
      '10: 负责人：找不到用户“路人甲”（按姓名或邮箱匹配启用的用户）',
      '11: 与文件第 2 行重复（外部编号相同）',
      '12: 金额（元）的值“-5”无法识别',
    ]);
    const en = (await im.issues(v.id, 'en')).map((i) => i.message);
    expect(en[0]).toBe('Stage: Pipeline “通用销售流程” has no stage “立项”');

    const done = await im.run(v.id, 'skip');
    expect(done.result).toMatchObject({ created: 3, failed: 8 });
    const [line, frame, robot] = await deals({ externalIds: ['SZ-1', 'SZ-2', 'SZ-3'] }); // by name
    // 二期产线改造: open in 初步接洽 since its created day, 刘洋's, ¥1,200,000.50.
    expect(line).toMatchObject({
      name: '二期产线改造',
      status: 'open',
      amount: 120_000_050,
      ownerId: org.user('liu.yang'),
      createdAt: at('2026-03-01'),
      stageEnteredAt: at('2026-03-01'),
      closedAt: null,
      externalId: 'SZ-1',
    });
    // Its next follow-up is a cadence (2 days) from the import: when it was last followed up is unknown.
    expect(line!.nextFollowUpAt).toBe(t.clock.now() + 2 * 86_400_000);
    // 备件年度框架: won on 2026-01-15 after 需求确认 from 2025-10-08; 陈静's (matched by e-mail).
    expect(frame).toMatchObject({
      status: 'won',
      ownerId: org.user('chen.jing'),
      createdAt: at('2025-09-01'),
      closedAt: at('2026-01-15'),
      stageEnteredAt: at('2026-01-15'),
      expectedCloseDate: '2026-01-15',
      nextFollowUpAt: null,
    });
    expect(await stays(frame!.id)).toEqual([
      { name: '需求确认', enteredAt: at('2025-10-08'), leftAt: at('2026-01-15'), enteredBy: null },
      { name: '赢单', enteredAt: at('2026-01-15'), leftAt: null, enteredBy: null },
    ]);
    // 机器人焊装线: "Lost" is the pipeline's lost stage, with its reason.
    expect(robot).toMatchObject({ status: 'lost', lostReason: '价格高于竞品', closedAt: at('2025-08-20') });
    // The deals read through the API like any other, to whoever may see them.
    const rep = await loginDemo(t, 'liu.yang');
    const mine = await rep({ url: `/api/v1/opportunities/${line!.id}` });
    expect(mine.json()).toMatchObject({
      externalId: 'SZ-1',
      stageName: '初步接洽',
      customerName: '苏州工业园区精密机械有限公司',
    });
    const south = await loginDemo(t, 'wu.fang');
    expectProblem(await south({ url: `/api/v1/opportunities/${line!.id}` }), 404, 'not_found');

    // The same file again: the deals it made are found by their 外部编号, not made twice.
    const again = await im.check(await im.uploaded('历史商机.xlsx', file));
    expect(again.summary).toMatchObject({ dbDuplicates: 3, valid: 0 });
    expect((await im.run(again.id, 'skip')).result).toMatchObject({ created: 0 });
    expect(await deals({ externalIds: ['SZ-1'] })).toHaveLength(1);
  });

  it('brings the Maven pipeline: every deal with owner, team, stage and dates', async () => {
    // The pipeline as Maven has it, and its three offices' agents.
    const made = await admin({
      method: 'POST',
      url: '/api/v1/pipelines',
      body: {
        name: 'Maven',
        stages: [
          { name: 'Prospecting', probability: 10, category: 'pipeline' },
          { name: 'Engaging', probability: 40, category: 'best_case' },
          { name: 'Won', probability: 100, category: 'closed_won' },
          { name: 'Lost', probability: 0, category: 'closed_lost' },
        ],
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const pipeline = made.json() as Pipeline;
    const root = (await admin({ url: '/api/v1/departments' })).json().data[0].id as string;
    const offices = new Map<string, string>();
    const agents = new Map<string, string>();
    const teams: Record<string, string> = {
      'Moses Frase': 'Central',
      'Violet Mclelland': 'East',
      'Vicki Laflamme': 'West',
    };
    for (const [agent, office] of Object.entries(teams)) {
      if (!offices.has(office))
        offices.set(office, (await makeDepartment(admin, { parentId: root, name: office })).id);
      const res = await admin({
        method: 'POST',
        url: '/api/v1/users',
        body: {
          name: agent,
          email: `${agent.toLowerCase().replace(' ', '.')}@maven.example`,
          departmentId: offices.get(office),
          roles: ['sales_rep'],
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      agents.set(agent, (res.json() as { id: string }).id);
    }

    const im = importer(t, admin, 'opportunity');
    const v = await im.uploaded('sales_pipeline.csv', maven);
    expect(v.mapping).toEqual({
      0: 'externalId',
      1: 'owner',
      2: 'products',
      3: 'customer',
      4: 'stage',
      6: 'closeDate',
      7: 'amount',
    });
    const checked = await im.check(
      v,
      { ...v.mapping, 5: 'entered.Engaging' },
      { pipelineId: pipeline.id, holdingCustomer: 'Maven 未指明客户', createCustomers: true },
    );
    expect(checked.summary).toMatchObject({ rows: mavenRows.length, valid: mavenRows.length, errors: 0 });
    const done = await im.run(checked.id, 'skip');
    expect(await runIssues(checked.id)).toEqual([]);
    expect(done.result).toMatchObject({ created: mavenRows.length, failed: 0, skipped: 0 });

    const imported = await deals({ externalIds: mavenRows.map((r) => r.id) });
    expect(imported).toHaveLength(mavenRows.length);
    const byId = new Map(imported.map((d) => [d.externalId, d]));
    const customers = new Map(
      (
        await t.ctx.db.selectFrom('customers').select(['id', 'name']).where('orgId', '=', t.orgId).execute()
      ).map((c) => [c.id, c.name]),
    );
    const stageNames = new Map(pipeline.stages.map((s) => [s.id, s.name]));
    for (const r of mavenRows) {
      const d = byId.get(r.id)!;
      expect(stageNames.get(d.stageId), r.id).toBe(r.stage);
      expect(d.ownerId, r.id).toBe(agents.get(r.agent));
      expect(customers.get(d.customerId), r.id).toBe(r.account || 'Maven 未指明客户');
      expect(d.amount, r.id).toBe(r.value ? Number(r.value) * 100 : 0);
      expect(d.products, r.id).toBe(r.product);
      expect(d.closedAt, r.id).toBe(r.close ? at(r.close) : null);
      const history = await stays(d.id);
      const expected = [
        ...(r.engage ? [{ name: 'Engaging', enteredAt: at(r.engage) }] : []),
        ...(r.close ? [{ name: r.stage, enteredAt: at(r.close) }] : []),
      ];
      // A Prospecting deal has no dates: it is in Prospecting since the import.
      if (!expected.length) expected.push({ name: 'Prospecting', enteredAt: t.clock.now() });
      expect(
        history.map((h) => ({ name: h.name, enteredAt: h.enteredAt })),
        r.id,
      ).toEqual(expected);
      expect(d.createdAt, r.id).toBe(expected[0]!.enteredAt);
    }
    // Each agent's deals are their team's: the office department they belong to.
    const team = await t.ctx.db
      .selectFrom('opportunities as o')
      .innerJoin('users as u', 'u.id', 'o.ownerId')
      .innerJoin('departments as d', 'd.id', 'u.departmentId')
      .select(['d.name', (eb) => eb.fn.countAll<number>().as('n')])
      .where(
        'o.externalId',
        'in',
        mavenRows.map((r) => r.id),
      )
      .groupBy('d.name')
      .orderBy('d.name')
      .execute();
    expect(team.map((x) => [x.name, Number(x.n)])).toEqual(
      ['Central', 'East', 'West'].map((office) => [
        office,
        mavenRows.filter((r) => teams[r.agent] === office).length,
      ]),
    );
  });

  it('exports the deals the list shows in the import’s own columns, and the export imports back', async () => {
    const pipelines = (await admin({ url: '/api/v1/pipelines' })).json().data as Pipeline[];
    const mavenPipeline = pipelines.find((p) => p.name === 'Maven')!;
    const res = await admin({
      url: `/api/v1/opportunities/export?format=csv&pipelineId=${mavenPipeline.id}&sort=name`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="deals_\d{4}-\d{2}-\d{2}\.csv"/);
    const [header, ...rows] = parseCsv(res.body);
    expect(header).toEqual([
      '外部编号',
      '商机名称',
      '客户名称',
      '销售流程',
      '阶段',
      '金额（元）',
      '币种',
      '负责人',
      '创建日期',
      '预计成交日期',
      '赢单/输单日期',
      '输单原因',
      '来源',
      '意向产品',
      '竞争对手',
      '进入“Prospecting”日期',
      '进入“Engaging”日期',
    ]);
    expect(rows).toHaveLength(mavenRows.length);
    const won = mavenRows.find((r) => r.stage === 'Won')!;
    expect(rows.find((r) => r[0] === won.id)).toEqual([
      won.id,
      `${won.account} · ${won.product}`,
      won.account,
      'Maven',
      'Won',
      won.value,
      'CNY',
      `${won.agent.toLowerCase().replace(' ', '.')}@maven.example`,
      won.engage,
      won.close,
      won.close,
      '',
      '',
      won.product,
      '',
      '',
      won.engage,
    ]);
    // Imported back, every column maps by itself and every row reads: each is found as imported already.
    const im = importer(t, admin, 'opportunity');
    const back = await im.uploaded('deals.csv', Buffer.from(res.body));
    expect(Object.keys(back.mapping)).toHaveLength(header!.length);
    const checked = await im.check(back);
    expect(checked.summary).toMatchObject({
      rows: mavenRows.length,
      dbDuplicates: mavenRows.length,
      errors: 0,
    });
    // In English too; a manager exports only their own teams' deals; a rep may not export.
    const en = await admin({
      url: `/api/v1/opportunities/export?format=csv&pipelineId=${mavenPipeline.id}`,
      headers: { 'accept-language': 'en' },
    });
    expect(parseCsv(en.body)[0]!.slice(0, 3)).toEqual(['External ID', 'Deal name', 'Customer']);
    const theirs = parseCsv((await manager({ url: '/api/v1/opportunities/export?format=csv' })).body).slice(
      1,
    );
    expect(theirs.map((r) => r[0]).sort()).toEqual(['SZ-1', 'SZ-2', 'SZ-3']);
    expectProblem(
      await (await loginDemo(t, 'liu.yang'))({ url: '/api/v1/opportunities/export' }),
      403,
      'forbidden',
    );
    expectProblem(await admin({ url: '/api/v1/opportunities/export?format=pdf' }), 400, 'validation_failed');
    expectProblem(await admin({ url: '/api/v1/opportunities/export?stage=1' }), 400, 'validation_failed');
  });

  it('brings an open deal past its gates only for someone who may override them, and says what was skipped', async () => {
    await customer(admin, '无锡新区传感器有限公司');
    const file = await xlsx([
      ['商机名称', '客户名称', '阶段'],
      ['传感器二期', '无锡新区传感器有限公司', '方案演示'],
    ]);
    // 李明 may not skip a gate: 方案演示 needs a follow-up in 需求确认, an amount and a close date.
    const byManager = importer(t, manager, 'opportunity');
    await customer(manager, '南通如皋重型机械有限公司');
    const refused = await byManager.check(
      await byManager.uploaded(
        'gates.xlsx',
        await xlsx([
          ['商机名称', '客户名称', '阶段'],
          ['重机三期', '南通如皋重型机械有限公司', '方案演示'],
        ]),
      ),
    );
    expect((await byManager.run(refused.id, 'skip')).result).toMatchObject({ created: 0, failed: 1 });
    expect(await runIssues(refused.id)).toEqual([
      { code: 'stage_gate_unmet', params: { stage: '方案演示', count: 3 } },
    ]);
    // The admin may: the deal comes in where it is, and the audit lists the skipped gates.
    const im = importer(t, admin, 'opportunity');
    const done = await im.run((await im.check(await im.uploaded('gates.xlsx', file))).id, 'skip');
    expect(done.result).toMatchObject({ created: 1 });
    const [deal] = await deals({ names: ['传感器二期'] });
    const audit = await t.ctx.db
      .selectFrom('events')
      .select('payload')
      .where('recordId', '=', deal!.id)
      .where('type', '=', 'opportunity.create')
      .executeTakeFirstOrThrow();
    expect(
      JSON.parse(audit.payload)
        .overriddenGates.map((m: { type: string }) => m.type)
        .sort(),
    ).toEqual(['field', 'field', 'follow_up']);
  });

  it('refuses options it does not know, a pipeline of another org, and options for other objects', async () => {
    const other = await makeOrg(t, '商机导入的另一家公司');
    const theirs = ((await other.admin({ url: '/api/v1/pipelines' })).json().data as Pipeline[])[0]!;
    const file = await xlsx([['阶段'], ['初步接洽']]);
    const im = importer(t, admin, 'opportunity');
    const v = await im.uploaded('x.xlsx', file);
    const check = (options: Record<string, unknown>, id = v.id, mapping = v.mapping) =>
      admin({ method: 'POST', url: `/api/v1/imports/${id}/check`, body: { mapping, options } });
    await unchangedBy(t, async () => {
      expectProblem(await check({ pipelineId: theirs.id }), 422, 'validation_failed');
      expectProblem(await check({ pipelineId: 'nope' }), 422, 'validation_failed');
      expectProblem(await check({ holdingCustomer: '' }), 422, 'validation_failed');
      expectProblem(await check({ surprise: true }), 422, 'validation_failed');
      const customers = importer(t, admin, 'customer');
      const c = await customers.uploaded('c.xlsx', await xlsx([['客户名称'], ['某公司']]));
      expectProblem(await check({ holdingCustomer: 'x' }, c.id, c.mapping), 422, 'validation_failed');
    });
    // A rep may not import deals at all.
    expectProblem(
      await importer(t, await loginDemo(t, 'liu.yang'), 'opportunity').upload('x.xlsx', file),
      403,
      'forbidden',
    );
  });

  it('moves a deal to another customer, within reach, leaving the old customer’s contacts behind', async () => {
    const rep = await loginDemo(t, 'liu.yang');
    const from = await customer(rep, '常州武进纺织机械有限公司');
    const to = await customer(rep, '常州新北印染有限公司');
    const contact = await rep({
      method: 'POST',
      url: '/api/v1/contacts',
      body: { customerId: from, name: '钱工' },
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const created = await rep({
      method: 'POST',
      url: '/api/v1/opportunities',
      body: { name: '印染线', customerId: from, amount: 0, contactIds: [contact.json().id] },
    });
    const deal = created.json() as { id: string; version: number };
    const elsewhere = await customer(await loginDemo(t, 'wu.fang'), '佛山南海陶瓷有限公司');
    await unchangedBy(t, async () =>
      expectProblem(
        await rep({
          method: 'PATCH',
          url: `/api/v1/opportunities/${deal.id}`,
          headers: { 'if-match': String(deal.version) },
          body: { customerId: elsewhere },
        }),
        422,
        'validation_failed',
      ),
    );
    const moved = await rep({
      method: 'PATCH',
      url: `/api/v1/opportunities/${deal.id}`,
      headers: { 'if-match': String(deal.version) },
      body: { customerId: to },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ customerId: to, customerName: '常州新北印染有限公司' });
    const contacts = await t.ctx.db
      .selectFrom('opportunityContacts')
      .select('contactId')
      .where('opportunityId', '=', deal.id)
      .execute();
    expect(contacts).toEqual([]);
  });
});
