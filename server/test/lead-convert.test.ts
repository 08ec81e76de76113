import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/platform/ids.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { demoOrg, expectProblem, loginDemo, unchangedBy } from './helpers.js';

type Lead = { id: string; version: number; status: string; convertedCustomerId: string | null };

describe.each(testDialects)('converting leads on %s', (dialect) => {
  let t: TestApp;
  let rep: Client; // 刘洋
  let otherRep: Client; // 吴芳
  let org: Awaited<ReturnType<typeof demoOrg>>;

  const newLead = async (c: Client, body: Record<string, unknown>) => {
    const res = await c({ method: 'POST', url: '/api/v1/leads', body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Lead;
  };
  const convert = (c: Client, l: Lead, body: Record<string, unknown>, version = l.version) =>
    c({
      method: 'POST',
      url: `/api/v1/leads/${l.id}/convert`,
      headers: { 'if-match': String(version) },
      body,
    });
  const customers = async () => (await t.ctx.db.selectFrom('customers').select('id').execute()).length;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
  });
  afterAll(() => t.close());

  it('turns a lead into a customer and contact, carrying its details, files and history', async () => {
    const l = await newLead(rep, {
      name: '周建国',
      company: '嘉兴南湖包装材料有限公司',
      title: '采购经理',
      phone: '13957300001',
      email: 'zhou@nanhu-pack.cn',
      region: { province: '浙江', city: '嘉兴' },
      industry: '包装',
      source: '展会',
      inquiry: '年采购量约 200 吨，想要报价',
    });
    const fu = await rep({
      method: 'POST',
      url: '/api/v1/follow-ups',
      body: { object: 'lead', recordId: l.id, method: 'visit', content: '上门拜访，确认需求' },
    });
    expect(fu.statusCode, fu.body).toBe(201);
    const fileId = newId();
    await t.ctx.db
      .insertInto('attachments')
      .values({
        id: fileId,
        orgId: t.orgId,
        object: 'lead',
        recordId: l.id,
        kind: null,
        fileName: '名片.pdf',
        contentType: 'application/pdf',
        size: 10,
        sha256: 'x',
        storageKey: 'k',
        createdBy: org.user('liu.yang'),
        createdAt: t.clock.now(),
        deletedAt: null,
      })
      .execute();
    const current = (await rep({ url: `/api/v1/leads/${l.id}` })).json() as Lead;
    const res = await convert(rep, current, { customer: { mode: 'new', level: 'B' } });
    expect(res.statusCode, res.body).toBe(200);
    const { customerId, contactId, lead } = res.json();
    expect(lead).toMatchObject({
      status: 'converted',
      convertedCustomerId: customerId,
      convertedContactId: contactId,
    });
    const customer = (await rep({ url: `/api/v1/customers/${customerId}` })).json();
    expect(customer).toMatchObject({
      name: '嘉兴南湖包装材料有限公司',
      level: 'B',
      industry: '包装',
      source: '展会',
      region: { province: '浙江', city: '嘉兴' },
      ownerId: org.user('liu.yang'),
    });
    const contact = (await rep({ url: `/api/v1/contacts/${contactId}` })).json();
    expect(contact).toMatchObject({
      name: '周建国',
      title: '采购经理',
      mobile: '13957300001',
      email: 'zhou@nanhu-pack.cn',
      notes: '年采购量约 200 吨，想要报价',
    });
    const files = (await rep({ url: `/api/v1/attachments?object=customer&recordId=${customerId}` })).json()
      .data;
    expect(files.map((f: { id: string }) => f.id)).toEqual([fileId]);
    const timeline = (await rep({ url: `/api/v1/timeline/customer/${customerId}` })).json().data as {
      object: string;
    }[];
    // The lead's own history (its creation, the visit) shows on the customer it became.
    expect([...new Set(timeline.map((e) => e.object))].sort()).toEqual(['customer', 'follow_up', 'lead']);
    // A converted lead is history: no edits, no second conversion.
    expectProblem(
      await rep({
        method: 'PATCH',
        url: `/api/v1/leads/${l.id}`,
        headers: { 'if-match': String(lead.version) },
        body: { title: 'x' },
      }),
      409,
      'lead_converted',
    );
    expectProblem(await convert(rep, lead, { customer: { mode: 'new' } }), 409, 'lead_converted');
    // Nor does it go back into a pool.
    expect((await rep({ url: `/api/v1/leads/${l.id}` })).json().myAccess).toMatchObject({ release: false });
    expectProblem(
      await unchangedBy(t, () =>
        rep({ method: 'POST', url: '/api/v1/leads/release', body: { ids: [l.id], reason: '试试' } }),
      ),
      409,
      'lead_closed',
    );
  });

  it('opens a deal with the customer when asked, linked to the lead and its person', async () => {
    const l = await newLead(rep, {
      name: '钱工',
      company: '绍兴柯桥印染设备有限公司',
      phone: '13957300077',
      source: '展会',
      inquiry: '印染线节能改造，年内立项',
    });
    const pipelines = (await rep({ url: '/api/v1/pipelines' })).json().data as { id: string; name: string }[];
    const factory = pipelines.find((p) => p.name === '制造业项目流程')!;
    // Malformed deal details change nothing.
    for (const opportunity of [
      { amount: 1.5 },
      { amount: 100, expectedCloseDate: '2027-13-01' },
      { name: '' },
    ])
      expectProblem(
        await unchangedBy(t, () => convert(rep, l, { customer: { mode: 'new' }, opportunity })),
        400,
        'validation_failed',
      );
    const res = await convert(rep, l, {
      customer: { mode: 'new' },
      opportunity: { amount: 86_000_000, pipelineId: factory.id, expectedCloseDate: '2027-06-30' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { opportunityId, contactId, customerId, lead } = res.json();
    expect(lead.convertedOpportunityId).toBe(opportunityId);
    const deal = (await rep({ url: `/api/v1/opportunities/${opportunityId}` })).json();
    expect(deal).toMatchObject({
      name: '绍兴柯桥印染设备有限公司 印染线节能改造，年内立项',
      customerId,
      pipelineId: factory.id,
      stageName: '线索',
      amount: 86_000_000,
      expectedCloseDate: '2027-06-30',
      ownerId: org.user('liu.yang'),
      source: '展会',
      leadId: l.id,
      contacts: [expect.objectContaining({ id: contactId, name: '钱工' })],
    });
    // Without asking, no deal.
    const plain = await newLead(rep, { name: '孙工', company: '湖州练市丝绸织造有限公司' });
    const done = (await convert(rep, plain, { customer: { mode: 'new' } })).json();
    expect(done.opportunityId).toBeNull();
  });

  it('names the existing customer when the company is one, and converts into it when the rep may', async () => {
    // The lead came in first; meanwhile a colleague made the company a customer of theirs.
    const l = await newLead(rep, { name: '钱经理', company: '绍兴柯桥纺织(有限公司)', phone: '13957300002' });
    const theirs = await otherRep({
      method: 'POST',
      url: '/api/v1/customers',
      body: { name: '绍兴柯桥纺织有限公司' },
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const before = await customers();
    const dup = await unchangedBy(t, () => convert(rep, l, { customer: { mode: 'new' } }));
    expectProblem(dup, 409, 'duplicate_customer');
    expect(dup.json().matches[0]).toMatchObject({
      object: 'customer',
      visible: false,
      owner: { name: '吴芳' },
    });
    const notMine = await convert(rep, l, { customer: { mode: 'existing', customerId: theirs.json().id } });
    expectProblem(notMine, 422, 'validation_failed');
    expect(notMine.json().errors[0].path).toBe('body.customer.customerId');
    expect(await customers()).toBe(before);
    expect((await rep({ url: `/api/v1/leads/${l.id}` })).json()).toMatchObject({ status: 'new' });

    const known = await newLead(rep, { name: '孙主任', phone: '13957300003' });
    const mine = await rep({
      method: 'POST',
      url: '/api/v1/customers',
      body: { name: '宁波北仑港务物流有限公司' },
    });
    const added = await rep({
      method: 'POST',
      url: '/api/v1/contacts',
      body: { customerId: mine.json().id, name: '孙主任', mobile: '13957300003' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const ok = await convert(rep, known, { customer: { mode: 'existing', customerId: mine.json().id } });
    expect(ok.statusCode, ok.body).toBe(200);
    const contacts = (await rep({ url: `/api/v1/contacts?customerId=${mine.json().id}` })).json().data;
    expect(contacts).toHaveLength(1); // the lead's person was a contact already
    expect(ok.json().contactId).toBe(contacts[0].id);
  });

  it('refuses to convert what the rep may not, what is disqualified or stale, changing nothing', async () => {
    const l = await newLead(rep, { name: '王五', company: '湖州南浔木业有限公司' });
    expectProblem(
      await unchangedBy(t, () => convert(otherRep, l, { customer: { mode: 'new' } })),
      404,
      'not_found',
    );
    expectProblem(
      await convert(rep, l, { customer: { mode: 'new' } }, l.version + 5),
      412,
      'version_conflict',
    );
    expectProblem(await convert(rep, l, { customer: { mode: 'merge' } }), 400, 'validation_failed');
    const dq = await rep({
      method: 'POST',
      url: `/api/v1/leads/${l.id}/disqualify`,
      headers: { 'if-match': String(l.version) },
      body: { reason: '无购买需求' },
    });
    expectProblem(
      await unchangedBy(t, () => convert(rep, dq.json(), { customer: { mode: 'new' } })),
      409,
      'lead_disqualified',
    );
  });
});
