import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { demoOrg, expectProblem, loginDemo, makeOrg, unchangedBy } from './helpers.js';

type Lead = { id: string; version: number } & Record<string, unknown>;
type Match = { object: string; id?: string; name?: string; owner: { name: string } | null; visible: boolean };

describe.each(testDialects)('leads on %s', (dialect) => {
  let t: TestApp;
  let rep: Client; // 刘洋, 上海一组
  let otherRep: Client; // 吴芳, 广州组
  let manager: Client; // 李明, 华东大区 (above 上海一组)
  let marketing: Client; // 高雪
  let finance: Client; // 林晓燕
  let org: Awaited<ReturnType<typeof demoOrg>>;

  const create = (c: Client, body: Record<string, unknown>) =>
    c({ method: 'POST', url: '/api/v1/leads', body });
  const created = async (c: Client, body: Record<string, unknown>) => {
    const res = await create(c, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Lead;
  };
  const patch = (c: Client, l: Lead, body: Record<string, unknown>, version = l.version) =>
    c({ method: 'PATCH', url: `/api/v1/leads/${l.id}`, headers: { 'if-match': String(version) }, body });

  /** Leads and 查重 keys stored (the shared unchangedBy dump does not hold them). */
  const stored = async () => ({
    leads: (await t.ctx.db.selectFrom('leads').select('id').execute()).length,
    keys: (await t.ctx.db.selectFrom('dedupKeys').select('key').execute()).length,
  });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
    manager = await loginDemo(t, 'li.ming');
    marketing = await loginDemo(t, 'gao.xue');
    finance = await loginDemo(t, 'lin.xiaoyan');
  });
  afterAll(() => t.close());

  it('enters a lead owned by the rep, new, manual, with phone and e-mail normalized for matching', async () => {
    const l = await created(rep, {
      name: '张伟',
      company: '苏州恒信精密科技有限公司',
      title: '采购经理',
      phone: '+86 139-1234-5678',
      email: ' ZhangWei@HengXin.cn ',
      region: { province: '江苏', city: '苏州' },
      source: '展会',
      inquiry: '想了解报价，预算 50 万',
    });
    expect(l).toMatchObject({
      name: '张伟',
      status: 'new',
      channel: 'manual',
      channelDetail: {},
      ownerId: org.user('liu.yang'),
      ownerName: '刘洋',
      email: 'zhangwei@hengxin.cn',
      region: { province: '江苏', city: '苏州' },
    });
    for (const q of ['张伟', 'zhangwei', 'zw', '恒信', '5678', 'zhangwei@'])
      expect((await rep({ url: `/api/v1/leads?q=${encodeURIComponent(q)}` })).json().data, q).toMatchObject([
        { id: l.id },
      ]);
    const list = (await rep({ url: '/api/v1/leads?status=new' })).json();
    expect(list).toMatchObject({ totalCount: 1, totalCapped: false });
  });

  it('refuses the same phone, e-mail or company as an existing lead, naming whom to ask', async () => {
    await created(rep, { name: '李娜', company: '杭州云杉数据有限公司', phone: '13812345001' });
    const samePhone = await unchangedBy(t, () => create(otherRep, { name: '李娜', phone: '138 1234 5001' }));
    expectProblem(samePhone, 409, 'duplicate_lead');
    const [m] = (samePhone.json() as { matches: Match[] }).matches;
    // 吴芳 may not read 刘洋's lead: she learns it exists and whom to ask, not what it is.
    expect(m).toMatchObject({ object: 'lead', visible: false, owner: { name: '刘洋' } });
    expect(m!.id).toBeUndefined();
    expect(m!.name).toBeUndefined();
    expectProblem(
      await create(otherRep, { name: '王五', company: '杭州云杉数据(有限公司)' }),
      409,
      'duplicate_lead',
    );
    // The rep herself sees which lead it is.
    const mine = await create(rep, { name: '李娜', phone: '13812345001' });
    expect((mine.json() as { matches: Match[] }).matches[0]).toMatchObject({ visible: true, name: '李娜' });
  });

  it('refuses a lead whose phone or company is already a customer, and never blocks a customer with a lead', async () => {
    const customer = await rep({
      method: 'POST',
      url: '/api/v1/customers',
      body: { name: '宁波海天塑机有限公司', phone: '0574-86123456' },
    });
    expect(customer.statusCode, customer.body).toBe(201);
    const res = await create(otherRep, { name: '陈工', company: '宁波海天塑机有限公司' });
    expectProblem(res, 409, 'duplicate_lead');
    expect((res.json() as { matches: Match[] }).matches[0]).toMatchObject({
      object: 'customer',
      owner: { name: '刘洋' },
    });
    const lead = await created(rep, { name: '赵六', company: '温州瓯江电器有限公司', phone: '13912340002' });
    const asCustomer = await rep({
      method: 'POST',
      url: '/api/v1/customers',
      body: { name: '温州瓯江电器有限公司', phone: '13912340002' },
    });
    expect(asCustomer.statusCode, asCustomer.body).toBe(201);
    expect((await rep({ url: `/api/v1/leads/${lead.id}` })).statusCode).toBe(200);
  });

  it('shows a lead to its owner, their managers and marketing, and to no other rep', async () => {
    const l = await created(rep, { name: '孙七', company: '上海浦江电子有限公司' });
    expect((await manager({ url: `/api/v1/leads/${l.id}` })).json().myAccess).toMatchObject({
      update: true,
      delete: true,
      share: false,
    });
    expect((await rep({ url: `/api/v1/leads/${l.id}` })).json().myAccess).toMatchObject({
      update: true,
      delete: false,
      release: true,
      claim: false,
    });
    expect((await marketing({ url: `/api/v1/leads/${l.id}` })).statusCode).toBe(200);
    expectProblem(await otherRep({ url: `/api/v1/leads/${l.id}` }), 404, 'not_found');
    expect((await otherRep({ url: `/api/v1/leads?q=${encodeURIComponent('浦江')}` })).json().data).toEqual(
      [],
    );
    expectProblem(await otherRep({ url: `/api/v1/timeline/lead/${l.id}` }), 404, 'not_found');
    expect((await rep({ url: `/api/v1/timeline/lead/${l.id}` })).statusCode).toBe(200);
    expectProblem(await finance({ url: '/api/v1/leads' }), 403, 'forbidden');
    expectProblem(
      await otherRep({
        ...{ method: 'PATCH' as const },
        url: `/api/v1/leads/${l.id}`,
        headers: { 'if-match': '1' },
        body: { title: 'x' },
      }),
      404,
      'not_found',
    );
    const org2 = await makeOrg(t, '另一家公司');
    expectProblem(await org2.admin({ url: `/api/v1/leads/${l.id}` }), 404, 'not_found');
    expect((await org2.admin({ url: '/api/v1/leads' })).json().data).toEqual([]);
  });

  it('updates with If-Match, refuses a stale version, and re-checks duplicates on a new phone', async () => {
    const l = await created(rep, { name: '周八', company: '无锡太湖机电有限公司' });
    const ok = await patch(rep, l, { status: 'working', title: '总工' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'working', title: '总工', version: l.version + 1 });
    expectProblem(await patch(rep, l, { title: '旧版本' }), 412, 'version_conflict');
    const dup = await patch(rep, ok.json(), { phone: '13812345001' });
    expectProblem(dup, 409, 'duplicate_lead');
    expect((await rep({ url: `/api/v1/leads/${l.id}` })).json()).toMatchObject({
      title: '总工',
      phone: null,
    });
  });

  it('disqualifies a lead only with a reason, once', async () => {
    const l = await created(rep, { name: '吴九', company: '合肥庐州仪表有限公司' });
    const noReason = await rep({
      method: 'POST',
      url: `/api/v1/leads/${l.id}/disqualify`,
      headers: { 'if-match': String(l.version) },
      body: {},
    });
    expectProblem(noReason, 400, 'validation_failed');
    // The reason is one of the org's list (线索设置).
    const unlisted = await rep({
      method: 'POST',
      url: `/api/v1/leads/${l.id}/disqualify`,
      headers: { 'if-match': String(l.version) },
      body: { reason: '看不顺眼' },
    });
    expectProblem(unlisted, 422, 'validation_failed');
    expect(unlisted.json().errors[0]).toMatchObject({ path: 'body.reason', code: 'lead_disqualify_reason' });
    const res = await rep({
      method: 'POST',
      url: `/api/v1/leads/${l.id}/disqualify`,
      headers: { 'if-match': String(l.version) },
      body: { reason: '同行或竞品询价' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'disqualified', disqualifyReason: '同行或竞品询价' });
    expectProblem(
      await rep({
        method: 'POST',
        url: `/api/v1/leads/${l.id}/disqualify`,
        headers: { 'if-match': String(res.json().version) },
        body: { reason: '再次' },
      }),
      409,
      'lead_already_disqualified',
    );
    const reopened = await patch(rep, res.json(), { status: 'working' });
    expect(reopened.json()).toMatchObject({ status: 'working', disqualifyReason: null });
  });

  it('refuses bad input with a clear problem and changes nothing', async () => {
    const cases = [
      [{ name: '坏电话', phone: '12345' }, 422, 'validation_failed'],
      [{ name: '坏邮箱', email: 'not-an-email' }, 422, 'validation_failed'],
      [{ name: 'x'.repeat(10_000) }, 400, 'validation_failed'],
      [{ name: '长询价', inquiry: 'y'.repeat(2001) }, 400, 'validation_failed'],
      [{ name: '越权', orgId: t.orgId }, 400, 'validation_failed'],
      [{ name: '' }, 400, 'validation_failed'],
      [{ name: '状态', status: 'converted' }, 400, 'validation_failed'],
      [{ name: '别人的', ownerId: org.user('wu.fang') }, 422, 'validation_failed'],
    ] as const;
    const before = await stored();
    for (const [body, status, code] of cases)
      expectProblem(await unchangedBy(t, () => create(rep, body)), status, code);
    expect(await stored()).toEqual(before);
  });

  it('keeps script in a name as text', async () => {
    const l = await created(rep, {
      name: '<script>alert(1)</script>',
      inquiry: '<img src=x onerror=alert(1)>',
    });
    expect((await rep({ url: `/api/v1/leads/${l.id}` })).json()).toMatchObject({
      name: '<script>alert(1)</script>',
      inquiry: '<img src=x onerror=alert(1)>',
    });
  });

  it('lets a manager assign a lead to an active rep of their team only', async () => {
    const l = await created(manager, {
      name: '郑十',
      company: '常州龙城纺织有限公司',
      ownerId: org.user('liu.yang'),
    });
    expect(l).toMatchObject({ ownerId: org.user('liu.yang') });
    expectProblem(
      await create(manager, { name: '外区', ownerId: org.user('wu.fang') }),
      422,
      'validation_failed',
    );
    // A deactivated rep gets no leads.
    const chen = org.user('chen.jing');
    await t.ctx.db.updateTable('users').set({ active: 0 }).where('id', '=', chen).execute();
    try {
      const res = await unchangedBy(t, () => create(manager, { name: '离职', ownerId: chen }));
      expectProblem(res, 422, 'validation_failed');
      expect(res.json().errors[0]).toMatchObject({ path: 'body.ownerId', code: 'account_inactive' });
    } finally {
      await t.ctx.db.updateTable('users').set({ active: 1 }).where('id', '=', chen).execute();
    }
  });

  it('checks a new owner against the editor’s lead scope', async () => {
    const l = await created(rep, { name: '换负责人', company: '扬州瘦西湖茶业有限公司' });
    // 刘洋 (own leads) may not hand her lead to 陈静; her manager may.
    const refused = await unchangedBy(t, () => patch(rep, l, { ownerId: org.user('chen.jing') }));
    expectProblem(refused, 422, 'validation_failed');
    const managed = await manager({ url: `/api/v1/leads/${l.id}` });
    const ok = await patch(manager, managed.json(), { ownerId: org.user('chen.jing') });
    expect(ok.statusCode, ok.body).toBe(200);
    // The lead page says who handed it over, from whom — as a 转移 from the list does.
    expect(ok.json()).toMatchObject({
      ownerId: org.user('chen.jing'),
      assignmentReason: { kind: 'transfer', byUserName: '李明', fromUserId: org.user('liu.yang') },
    });
  });

  it('moves a deleted lead out of the way of a new one with the same phone', async () => {
    const l = await created(rep, { name: '钱一', phone: '13712340003' });
    const del = await manager({
      method: 'DELETE',
      url: `/api/v1/leads/${l.id}`,
      headers: { 'if-match': String(l.version) },
    });
    expect(del.statusCode, del.body).toBe(204);
    expectProblem(await rep({ url: `/api/v1/leads/${l.id}` }), 404, 'not_found');
    // Reps may not delete leads at all.
    expectProblem(
      await rep({ method: 'DELETE', url: `/api/v1/leads/${l.id}`, headers: { 'if-match': '2' } }),
      403,
      'forbidden',
    );
    await created(rep, { name: '钱一', phone: '13712340003' });
  });
});
