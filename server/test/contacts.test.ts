import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp, withDemoOrg } from '../src/testing/harness.js';
import { expectProblem, loginDemo } from './helpers.js';

type Row = { id: string; version: number };

describe.each(testDialects)('contacts follow their customer on %s', (dialect) => {
  let t: TestApp;
  let rep: Client; // 刘洋, 上海一组
  let otherRep: Client; // 吴芳, 广州组
  let manager: Client; // 李明, 华东大区
  let customer: Row;
  let theirCustomer: Row;

  const post = async (c: Client, url: string, body: Record<string, unknown>) =>
    c({ method: 'POST', url, body });
  const made = async (c: Client, url: string, body: Record<string, unknown>) => {
    const res = await post(c, url, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Row & Record<string, unknown>;
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await withDemoOrg(t);
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
    manager = await loginDemo(t, 'li.ming');
    customer = await made(rep, '/api/v1/customers', {
      name: '上海启明精密机械有限公司',
      phone: '021-61234567',
    });
    theirCustomer = await made(otherRep, '/api/v1/customers', { name: '广州嘉禾商贸有限公司' });
  });
  afterAll(() => t.close());

  it('adds a decision maker to the rep’s customer with a normalized mobile', async () => {
    const c = await made(rep, '/api/v1/contacts', {
      customerId: customer.id,
      name: '王总',
      title: '总经理',
      role: 'decision_maker',
      mobile: '138 0013 8000',
      email: 'Wang@QiMing.cn',
      birthday: '1975-06-01',
    });
    expect(c).toMatchObject({
      customerName: '上海启明精密机械有限公司',
      mobile: '138 0013 8000',
      email: 'wang@qiming.cn',
      role: 'decision_maker',
    });
    const list = (await rep({ url: `/api/v1/contacts?customerId=${customer.id}` })).json();
    expect(list.data.map((x: { name: string }) => x.name)).toEqual(['王总']);
  });

  it('shows a contact exactly to those who may see its customer', async () => {
    const c = await made(rep, '/api/v1/contacts', {
      customerId: customer.id,
      name: '李工',
      mobile: '13900139000',
    });
    expect((await manager({ url: `/api/v1/contacts/${c.id}` })).statusCode).toBe(200);
    expectProblem(await otherRep({ url: `/api/v1/contacts/${c.id}` }), 404, 'not_found');
    expect((await otherRep({ url: '/api/v1/contacts?q=李工' })).json().data).toEqual([]);
    const timeline = await otherRep({ url: `/api/v1/timeline/contact/${c.id}` });
    expectProblem(timeline, 404, 'not_found');
  });

  it('refuses a contact on a customer the rep may not change, and changes nothing', async () => {
    const before = (await t.ctx.db.selectFrom('contacts').select('id').execute()).length;
    const res = await post(rep, '/api/v1/contacts', { customerId: theirCustomer.id, name: '越界' });
    expectProblem(res, 422, 'validation_failed');
    expect(res.json().errors[0].path).toBe('body.customerId');
    expect((await t.ctx.db.selectFrom('contacts').select('id').execute()).length).toBe(before);
  });

  it('refuses a mobile that belongs to a contact of another customer, naming whom to ask', async () => {
    const res = await post(otherRep, '/api/v1/contacts', {
      customerId: theirCustomer.id,
      name: '撞单',
      mobile: '+86 138-0013-8000',
    });
    expectProblem(res, 409, 'duplicate_contact');
    expect(res.json().matches[0]).toMatchObject({
      object: 'contact',
      visible: false,
      matchedOn: ['phone'],
      owner: { name: '刘洋' },
    });
    // A new customer with that mobile as its phone collides too.
    const cust = await post(otherRep, '/api/v1/customers', { name: '另一家公司', phone: '13800138000' });
    expectProblem(cust, 409, 'duplicate_customer');
    expect(cust.json().matches[0].object).toBe('contact');
  });

  it('lets contacts of one customer share its switchboard number', async () => {
    await made(rep, '/api/v1/contacts', { customerId: customer.id, name: '前台', phone: '021 6123 4567' });
    await made(rep, '/api/v1/contacts', { customerId: customer.id, name: '采购部', phone: '(021)61234567' });
  });

  it('updates with If-Match and frees the number once the contact is deleted', async () => {
    const c = await made(rep, '/api/v1/contacts', {
      customerId: customer.id,
      name: '赵经理',
      mobile: '13700137000',
    });
    const stale = await rep({
      method: 'PATCH',
      url: `/api/v1/contacts/${c.id}`,
      headers: { 'if-match': '99' },
      body: { title: '采购经理' },
    });
    expectProblem(stale, 412, 'version_conflict');
    const ok = await rep({
      method: 'PATCH',
      url: `/api/v1/contacts/${c.id}`,
      headers: { 'if-match': String(c.version) },
      body: { title: '采购经理' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const del = await rep({
      method: 'DELETE',
      url: `/api/v1/contacts/${c.id}`,
      headers: { 'if-match': String(ok.json().version) },
    });
    expect(del.statusCode, del.body).toBe(204);
    await made(otherRep, '/api/v1/contacts', {
      customerId: theirCustomer.id,
      name: '新联系人',
      mobile: '13700137000',
    });
  });

  it('refuses malformed input with field errors', async () => {
    for (const body of [
      { customerId: customer.id, name: '坏号码', mobile: '12345' },
      { customerId: customer.id, name: '坏邮箱', email: 'x@' },
    ]) {
      const res = await post(rep, '/api/v1/contacts', body);
      expectProblem(res, 422, 'validation_failed');
    }
    for (const body of [
      { customerId: customer.id, name: '坏生日', birthday: '1975-13-45' },
      { customerId: customer.id, name: '坏角色', role: 'boss' },
      { customerId: customer.id, name: '越权', orgId: t.orgId },
      { customerId: 'not-a-uuid', name: 'x' },
    ]) {
      expectProblem(await post(rep, '/api/v1/contacts', body), 400, 'validation_failed');
    }
  });
});
