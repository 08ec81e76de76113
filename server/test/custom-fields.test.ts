import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { demoOrg, expectProblem, loginAdmin, loginDemo, makeOrg, randomUuid } from './helpers.js';

type Def = { id: string; key: string; version: number; active: boolean; type: string; position: number };
type Row = { id: string; version: number; custom: Record<string, unknown> };

describe.each(testDialects)('custom fields on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client; // 刘洋, 上海一组 (sales_rep)
  let otherRep: Client; // 吴芳
  let users: Awaited<ReturnType<typeof demoOrg>>;
  const defs: Record<string, Def> = {};

  const define = async (body: Record<string, unknown>, c: Client = admin) =>
    c({ method: 'POST', url: '/api/v1/custom-fields', body: { object: 'customer', ...body } });
  const defined = async (body: Record<string, unknown>) => {
    const res = await define(body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Def;
  };
  // Test names look alike on purpose; the reason lets them past the near-duplicate warning.
  const createCustomer = (c: Client, body: Record<string, unknown>) =>
    c({ method: 'POST', url: '/api/v1/customers', body: { nearDuplicateReason: '测试数据', ...body } });
  let seq = 0;
  const name = () => `自定义字段测试客户${++seq}号科技有限公司`;
  const created = async (c: Client, custom: Record<string, unknown>) => {
    const res = await createCustomer(c, { name: name(), custom });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Row;
  };
  const patch = (c: Client, row: Row, body: Record<string, unknown>) =>
    c({
      method: 'PATCH',
      url: `/api/v1/customers/${row.id}`,
      body,
      headers: { 'if-match': String(row.version) },
    });
  const customerCount = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('customers')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    users = await demoOrg(t);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
    defs.employees = await defined({
      key: 'employees',
      labelZh: '员工规模',
      labelEn: 'Employees',
      type: 'select',
      options: {
        choices: [
          { key: 'lt50', labelZh: '50 人以下', labelEn: 'Under 50' },
          { key: 's50_499', labelZh: '50–499 人', labelEn: '50–499' },
          { key: 'gte500', labelZh: '500 人及以上', labelEn: '500 or more' },
        ],
      },
    });
    defs.budget = await defined({
      key: 'budget',
      labelZh: '年采购预算',
      labelEn: 'Annual budget',
      type: 'money',
      options: { min: 0, max: 100_000_000_00 },
    });
    defs.channels = await defined({
      key: 'channels',
      labelZh: '渠道',
      labelEn: 'Channels',
      type: 'multi_select',
      options: {
        choices: [
          { key: 'web', labelZh: '官网', labelEn: 'Website' },
          { key: 'fair', labelZh: '展会', labelEn: 'Trade fair' },
        ],
      },
    });
    defs.note = await defined({ key: 'note', labelZh: '备注', labelEn: 'Note', type: 'text' });
    defs.story = await defined({ key: 'story', labelZh: '经过', labelEn: 'Story', type: 'long_text' });
    defs.score = await defined({
      key: 'score',
      labelZh: '评分',
      labelEn: 'Score',
      type: 'number',
      options: { min: 0, max: 10, precision: 1 },
    });
    defs.since = await defined({ key: 'since', labelZh: '合作日期', labelEn: 'Since', type: 'date' });
    defs.advisor = await defined({ key: 'advisor', labelZh: '顾问', labelEn: 'Advisor', type: 'user' });
    defs.hotline = await defined({ key: 'hotline', labelZh: '热线', labelEn: 'Hotline', type: 'phone' });
    defs.billing = await defined({ key: 'billing', labelZh: '账单邮箱', labelEn: 'Billing', type: 'email' });
  });
  afterAll(() => t.close());

  it('lists the fields of an object in order to anyone who may read that object', async () => {
    const res = await rep({ url: '/api/v1/custom-fields?object=customer' });
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json().data as Def[];
    expect(list.map((d) => d.key).slice(0, 3)).toEqual(['employees', 'budget', 'channels']);
    expect(list.map((d) => d.position)).toEqual([...list.keys()]);
    expectProblem(await rep({ url: '/api/v1/custom-fields?object=deal' }), 400, 'validation_failed');
  });

  it('suggests a free key from a label', async () => {
    const res = await admin({
      url: `/api/v1/custom-fields/key-suggestion?object=customer&label=${encodeURIComponent('Budget')}`,
    });
    expect(res.json()).toEqual({ key: 'budget_2' });
    const zh = await admin({
      url: `/api/v1/custom-fields/key-suggestion?object=contact&label=${encodeURIComponent('兴趣爱好')}`,
    });
    expect(zh.json()).toEqual({ key: 'xingquaihao' });
    expectProblem(
      await rep({ url: '/api/v1/custom-fields/key-suggestion?object=customer&label=x' }),
      403,
      'forbidden',
    );
  });

  it('lets only admins define fields', async () => {
    const res = await define({ key: 'x', labelZh: '甲', labelEn: 'X', type: 'text' }, rep);
    expectProblem(res, 403, 'forbidden');
    const patch = await rep({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${defs.note!.id}`,
      body: { labelZh: '改' },
      headers: { 'if-match': '1' },
    });
    expectProblem(patch, 403, 'forbidden');
  });

  it('refuses a taken key, a bad key and a select without options', async () => {
    expectProblem(
      await define({ key: 'employees', labelZh: '重复', labelEn: 'Dup', type: 'text' }),
      409,
      'duplicate_custom_field_key',
    );
    const bad = await define({ key: 'Bad-Key', labelZh: '坏', labelEn: 'Bad', type: 'text' });
    expect(expectProblem(bad, 400, 'validation_failed').errors![0]!.path).toBe('body.key');
    const noChoices = await define({ key: 'empty_select', labelZh: '空', labelEn: 'Empty', type: 'select' });
    expectProblem(noChoices, 422, 'validation_failed');
  });

  it('stores valid values of every type, normalized', async () => {
    const c = await created(rep, {
      employees: 's50_499',
      budget: 5_000_000_00,
      channels: ['fair', 'web'],
      note: '  老客户介绍  ',
      story: '第一行\n第二行',
      score: '8.5',
      since: '2024-02-29',
      advisor: users.user('li.ming'),
      hotline: '021-6123 4567',
      billing: ' Billing@Example.COM ',
    });
    expect(c.custom).toEqual({
      employees: 's50_499',
      budget: 5_000_000_00,
      channels: ['web', 'fair'],
      note: '老客户介绍',
      story: '第一行\n第二行',
      score: 8.5,
      since: '2024-02-29',
      advisor: users.user('li.ming'),
      hotline: '021-6123 4567',
      billing: 'billing@example.com',
    });
    const again = (await rep({ url: `/api/v1/customers/${c.id}` })).json() as Row;
    expect(again.custom).toEqual(c.custom);
  });

  it.each([
    ['employees', 'huge', 422, 'custom_field_option'],
    ['employees', 3, 400, 'custom_field_invalid_type'],
    ['budget', 12.5, 422, 'custom_field_money'],
    ['budget', -1, 422, 'custom_field_below'],
    ['channels', ['web', 'web'], 422, 'custom_field_option_repeated'],
    ['channels', 'web', 400, 'custom_field_invalid_type'],
    ['note', 'x'.repeat(501), 422, 'custom_field_too_long'],
    ['story', 'x'.repeat(10_001), 422, 'custom_field_too_long'],
    ['score', 10.5, 422, 'custom_field_above'],
    ['score', 1.25, 422, 'custom_field_precision'],
    ['score', 'ten', 400, 'custom_field_invalid_type'],
    ['since', '2023-02-29', 422, 'custom_field_date'],
    ['since', '2024/01/01', 422, 'custom_field_date'],
    ['advisor', randomUuid, 422, 'custom_field_no_user'],
    ['hotline', '12345', 422, 'invalid_phone'],
    ['billing', 'not-an-email', 422, 'invalid_email'],
    ['nope', 'x', 400, 'custom_field_unknown'],
  ])('refuses %s = %j (%i %s) and creates nothing', async (key, value, status, code) => {
    const before = await customerCount();
    const res = await createCustomer(rep, { name: name(), custom: { [key]: value } });
    const body = expectProblem(res, status, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ path: `body.custom.${key}`, code })]);
    expect(await customerCount()).toBe(before);
  });

  it('names the problem in the reader’s language', async () => {
    const res = await rep({
      method: 'POST',
      url: '/api/v1/customers',
      body: { name: name(), custom: { note: 'x'.repeat(501) }, nearDuplicateReason: '测试数据' },
      headers: { 'accept-language': 'en' },
    });
    expect(expectProblem(res, 422, 'validation_failed').errors![0]!.message).toBe('At most 500 characters');
  });

  it('refuses a deactivated user in a user field', async () => {
    const who = users.user('zhu.ting');
    const user = (await admin({ url: `/api/v1/users/${who}` })).json() as { version: number };
    const off = await admin({
      method: 'PATCH',
      url: `/api/v1/users/${who}`,
      body: { active: false },
      headers: { 'if-match': String(user.version) },
    });
    expect(off.statusCode, off.body).toBe(200);
    const res = await createCustomer(rep, { name: name(), custom: { advisor: who } });
    expect(expectProblem(res, 422, 'validation_failed').errors![0]!.code).toBe('account_inactive');
  });

  it('refuses a user of another org and never sees another org’s fields', async () => {
    const other = await makeOrg(t, '别家公司');
    const res = await createCustomer(rep, { name: name(), custom: { advisor: other.adminId } });
    expect(expectProblem(res, 422, 'validation_failed').errors![0]!.code).toBe('custom_field_no_user');
    const theirs = await other.admin({
      method: 'POST',
      url: '/api/v1/custom-fields',
      body: { object: 'customer', key: 'secret_flag', labelZh: '机密', labelEn: 'Secret', type: 'text' },
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const theirId = theirs.json().id as string;
    const mine = (await admin({ url: '/api/v1/custom-fields?object=customer' })).json().data as Def[];
    expect(mine.map((d) => d.key)).not.toContain('secret_flag');
    expectProblem(await admin({ url: `/api/v1/custom-fields/${theirId}` }), 404, 'not_found');
    const archive = await admin({
      method: 'POST',
      url: `/api/v1/custom-fields/${theirId}/archive`,
      headers: { 'if-match': '1' },
    });
    expectProblem(archive, 404, 'not_found');
    // Their key is not a field here: refused as unknown.
    const res2 = await createCustomer(rep, { name: name(), custom: { secret_flag: 'x' } });
    expect(expectProblem(res2, 400, 'validation_failed').errors![0]!.code).toBe('custom_field_unknown');
  });

  it('merges a partial update, clears with null, and keeps what was not sent', async () => {
    const c = await created(rep, { employees: 'lt50', note: '原值', budget: 100 });
    const res = await patch(rep, c, { custom: { employees: 'gte500', note: null } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().custom).toEqual({ employees: 'gte500', budget: 100 });
    const log = await t.ctx.db
      .selectFrom('auditLog')
      .select(['before', 'after'])
      .where('recordId', '=', c.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(log.after).toContain('gte500');
  });

  describe('required fields', () => {
    let required: Def;
    beforeAll(async () => {
      required = await defined({
        key: 'cycle',
        labelZh: '决策周期',
        labelEn: 'Decision cycle',
        type: 'select',
        required: true,
        options: { choices: [{ key: 'short', labelZh: '一个月内', labelEn: 'Within a month' }] },
      });
    });
    afterAll(async () => {
      const res = await admin({
        method: 'POST',
        url: `/api/v1/custom-fields/${required.id}/archive`,
        headers: { 'if-match': String(required.version) },
      });
      expect(res.statusCode, res.body).toBe(200);
    });

    it('requires them on create', async () => {
      const res = await createCustomer(rep, { name: name() });
      expect(expectProblem(res, 422, 'validation_failed').errors).toEqual([
        expect.objectContaining({ path: 'body.custom.cycle', code: 'custom_field_required' }),
      ]);
    });

    it('refuses clearing them on update but leaves other updates alone', async () => {
      const c = await created(rep, { cycle: 'short' });
      expect((await patch(rep, c, { level: 'A' })).statusCode).toBe(200);
      const res = await patch(rep, { ...c, version: c.version + 1 }, { custom: { cycle: null } });
      expectProblem(res, 422, 'validation_failed');
      const now = (await rep({ url: `/api/v1/customers/${c.id}` })).json() as Row;
      expect(now.custom.cycle).toBe('short');
    });
  });

  it('ignores input to an archived field and keeps its stored value', async () => {
    const c = await created(rep, { note: '归档前' });
    const res = await admin({
      method: 'POST',
      url: `/api/v1/custom-fields/${defs.note!.id}/archive`,
      headers: { 'if-match': String(defs.note!.version) },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().active).toBe(false);
    const upd = await patch(rep, c, { custom: { note: '归档后', employees: 'lt50' } });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().custom).toEqual({ note: '归档前', employees: 'lt50' });
    const restored = await admin({
      method: 'POST',
      url: `/api/v1/custom-fields/${defs.note!.id}/restore`,
      headers: { 'if-match': String(res.json().version) },
    });
    expect(restored.json().active).toBe(true);
    defs.note = restored.json();
  });

  it('refuses changing the type of a field with data, and removing a used option', async () => {
    const typeChange = await admin({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${defs.employees!.id}`,
      body: { type: 'text' },
      headers: { 'if-match': String(defs.employees!.version) },
    });
    expectProblem(typeChange, 409, 'custom_field_in_use');
    const drop = await admin({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${defs.employees!.id}`,
      body: { options: { choices: [{ key: 'lt50', labelZh: '小', labelEn: 'Small' }] } },
      headers: { 'if-match': String(defs.employees!.version) },
    });
    expectProblem(drop, 409, 'custom_field_option_in_use');
    // Relabelling and adding options is fine.
    const relabel = await admin({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${defs.channels!.id}`,
      body: {
        labelEn: 'Lead channels',
        options: {
          choices: [
            { key: 'web', labelZh: '官方网站', labelEn: 'Website' },
            { key: 'fair', labelZh: '展会', labelEn: 'Trade fair' },
            { key: 'referral', labelZh: '转介绍', labelEn: 'Referral' },
          ],
        },
      },
      headers: { 'if-match': String(defs.channels!.version) },
    });
    expect(relabel.statusCode, relabel.body).toBe(200);
    expect(relabel.json().version).toBe(defs.channels!.version + 1);
    const stale = await admin({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${defs.channels!.id}`,
      body: { labelEn: 'Again' },
      headers: { 'if-match': String(defs.channels!.version) },
    });
    expectProblem(stale, 412, 'version_conflict');
  });

  it('changes the type of a field nobody filled in', async () => {
    const d = await defined({ key: 'spare', labelZh: '备用', labelEn: 'Spare', type: 'text' });
    const res = await admin({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${d.id}`,
      body: { type: 'number', options: { min: 1 } },
      headers: { 'if-match': String(d.version) },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ type: 'number', options: { min: 1 } });
  });

  it('reorders the fields of an object, refusing a partial order', async () => {
    const list = (await admin({ url: '/api/v1/custom-fields?object=customer' })).json().data as Def[];
    const ids = list.map((d) => d.id).reverse();
    const partial = await admin({
      method: 'POST',
      url: '/api/v1/custom-fields/reorder',
      body: { object: 'customer', ids: ids.slice(1) },
    });
    expectProblem(partial, 422, 'validation_failed');
    const res = await admin({
      method: 'POST',
      url: '/api/v1/custom-fields/reorder',
      body: { object: 'customer', ids },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json().data as Def[]).map((d) => d.id)).toEqual(ids);
    await admin({
      method: 'POST',
      url: '/api/v1/custom-fields/reorder',
      body: { object: 'customer', ids: ids.reverse() },
    });
  });

  it('filters the customer list by custom values: exact, multi-select and ranges', async () => {
    const a = await created(rep, {
      employees: 'gte500',
      budget: 80_000_000,
      since: '2023-05-01',
      channels: ['fair'],
    });
    const b = await created(rep, { employees: 'gte500', budget: 20_000_000, since: '2025-01-10' });
    const theirs = await created(otherRep, { employees: 'gte500', budget: 90_000_000 });
    const ids = async (qs: string) => {
      const res = await rep({ url: `/api/v1/customers?limit=200&${qs}` });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().data as Row[]).map((r) => r.id);
    };
    const big = await ids('cf.employees=gte500');
    expect(big).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(big, 'another rep’s customer stays out of scope').not.toContain(theirs.id);
    expect(await ids('cf.employees=gte500&cf.budget.from=50000000')).toEqual([a.id]);
    expect(await ids('cf.budget.from=10000000&cf.budget.to=20000000')).toEqual([b.id]);
    expect(await ids('cf.since.from=2025-01-01&cf.employees=gte500')).toEqual([b.id]);
    expect(await ids('cf.channels=fair&cf.employees=gte500')).toEqual([a.id]);
    expect(await ids('cf.channels=fair')).toContain(a.id);
    const total = (
      await rep({ url: '/api/v1/customers?cf.employees=gte500&cf.budget.from=50000000' })
    ).json();
    expect(total.totalCount).toBe(1);
  });

  it('refuses filters on unknown keys, bad values and injection attempts', async () => {
    for (const qs of [
      'cf.nope=1',
      "cf.employees'%20or%201=1--=1",
      'cf.note.from=a',
      'cf.budget.from=abc',
      'cf.since.to=yesterday',
      'notafilter=1',
    ]) {
      const res = await rep({ url: `/api/v1/customers?${qs}` });
      expectProblem(res, 400, 'validation_failed');
    }
  });

  it('documents custom in the OpenAPI schema', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const post = doc.paths['/api/v1/customers'].post.requestBody.content['application/json'].schema;
    expect(post.properties.custom.type).toBe('object');
    expect(doc.paths['/api/v1/custom-fields'].get).toBeDefined();
  });

  describe('on contacts', () => {
    let hobby: Def;
    let customer: Row;
    beforeAll(async () => {
      hobby = await defined({
        object: 'contact',
        key: 'hobby',
        labelZh: '兴趣爱好',
        labelEn: 'Hobbies',
        type: 'text',
      });
      customer = await created(rep, {});
    });

    it('stores, merges and validates contact values against the contact fields only', async () => {
      const res = await rep({
        method: 'POST',
        url: '/api/v1/contacts',
        body: { customerId: customer.id, name: '王总', custom: { hobby: '高尔夫' } },
      });
      expect(res.statusCode, res.body).toBe(201);
      const contact = res.json() as Row;
      expect(contact.custom).toEqual({ hobby: '高尔夫' });
      const wrong = await rep({
        method: 'POST',
        url: '/api/v1/contacts',
        body: { customerId: customer.id, name: '李工', custom: { employees: 'lt50' } },
      });
      expect(expectProblem(wrong, 400, 'validation_failed').errors![0]!.path).toBe('body.custom.employees');
      const upd = await rep({
        method: 'PATCH',
        url: `/api/v1/contacts/${contact.id}`,
        body: { title: '总经理' },
        headers: { 'if-match': String(contact.version) },
      });
      expect(upd.json().custom).toEqual({ hobby: '高尔夫' });
      const cleared = await rep({
        method: 'PATCH',
        url: `/api/v1/contacts/${contact.id}`,
        body: { custom: { hobby: null } },
        headers: { 'if-match': String(contact.version + 1) },
      });
      expect(cleared.json().custom).toEqual({});
      expect(hobby.key).toBe('hobby');
    });
  });
});
