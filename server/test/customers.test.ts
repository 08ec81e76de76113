import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp, withDemoOrg } from '../src/testing/harness.js';
import { expectProblem, loginAdmin, loginDemo, makeOrg } from './helpers.js';

type Customer = { id: string; name: string; version: number; ownerId: string | null; phone: string | null };

describe.each(testDialects)('customers and duplicate prevention on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client; // 刘洋, 上海一组
  let otherRep: Client; // 吴芳, 广州组
  let manager: Client; // 李明, 华东大区

  const create = async (c: Client, body: Record<string, unknown>) =>
    c({ method: 'POST', url: '/api/v1/customers', body });
  const created = async (c: Client, body: Record<string, unknown>) => {
    const res = await create(c, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Customer;
  };
  const deptOf = async (userId: string) =>
    (
      await t.ctx.db
        .selectFrom('users')
        .select('departmentId')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
    ).departmentId;
  const count = async () => (await t.ctx.db.selectFrom('customers').select('id').execute()).length;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await withDemoOrg(t);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
    manager = await loginDemo(t, 'li.ming');
  });
  afterAll(() => t.close());

  it('creates a customer owned by the rep, with normalized phone and e-mail kept for matching', async () => {
    const c = await created(rep, {
      name: '上海星辰电子科技有限公司',
      phone: '021-6234 5678',
      email: ' Sales@XingChen.CN ',
      level: 'A',
      region: { province: '上海市', city: '上海市' },
      tags: ['展会', '展会', '重点'],
    });
    expect(c).toMatchObject({
      ownerId: rep.userId,
      phone: '021-6234 5678',
      email: 'sales@xingchen.cn',
      level: 'A',
      tags: ['展会', '重点'],
    });
    const keys = await t.ctx.db
      .selectFrom('dedupKeys')
      .select(['kind', 'key'])
      .where('recordId', '=', c.id)
      .execute();
    expect(keys.map((k) => k.kind).sort()).toEqual(['company', 'company_prefix', 'email', 'phone']);
    expect(keys.find((k) => k.kind === 'phone')?.key).toBe('+862162345678');
  });

  it('refuses the same company under another spelling with 409 duplicate_customer, naming whom to ask', async () => {
    const before = await count();
    const res = await create(otherRep, { name: '上海星辰电子科技有限公司（上海）' });
    expectProblem(res, 409, 'duplicate_customer');
    const [m] = res.json().matches;
    // The other rep may not see 刘洋's customer: they learn that it exists and who owns it, not its details.
    expect(m).toMatchObject({
      object: 'customer',
      visible: false,
      exact: true,
      matchedOn: ['company'],
      inPool: false,
    });
    expect(m.owner.name).toBe('刘洋');
    expect(m.id).toBeUndefined();
    expect(m.name).toBeUndefined();
    expect(await count()).toBe(before);
  });

  it('refuses a phone or e-mail that another customer already has, whatever its format', async () => {
    for (const body of [
      { name: '完全不同的公司', phone: '+86 21 6234-5678' },
      { name: '另一家不同的公司', phone: '００８６ ２１６２３４５６７８' },
      { name: '第三家不同的公司', email: 'SALES@xingchen.cn' },
    ]) {
      const res = await create(manager, body);
      expectProblem(res, 409, 'duplicate_customer');
      // The manager's scope covers 上海一组: they see the record itself.
      expect(res.json().matches[0]).toMatchObject({ visible: true, name: '上海星辰电子科技有限公司' });
    }
  });

  it('warns about a similar name and saves it once the user gives a reason', async () => {
    const res = await create(rep, { name: '上海星辰电子科技发展有限公司' });
    expectProblem(res, 409, 'near_duplicate_customer');
    expect(res.json().matches[0]).toMatchObject({ exact: false, matchedOn: ['company'] });
    const saved = await created(rep, {
      name: '上海星辰电子科技发展有限公司',
      nearDuplicateReason: '母公司下属的另一家法人',
    });
    const audit = await t.ctx.db
      .selectFrom('events')
      .select('payload')
      .where('recordId', '=', saved.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.payload)).toMatchObject({ nearDuplicateReason: '母公司下属的另一家法人' });
  });

  it('finds a similar name that starts with a city, as one that does not', async () => {
    await created(admin, { name: '华为技术有限公司' });
    const res = await create(admin, { name: '上海华为技术有限公司' });
    expectProblem(res, 409, 'near_duplicate_customer');
    expect(res.json().matches[0]).toMatchObject({ name: '华为技术有限公司', exact: false });
  });

  it('answers 查重 with free, taken or similar', async () => {
    const check = (body: Record<string, unknown>) =>
      otherRep({ method: 'POST', url: '/api/v1/customers/check-duplicates', body });
    expect((await check({ name: '广州全新贸易有限公司' })).json()).toEqual({ status: 'free', matches: [] });
    expect((await check({ phone: '02162345678' })).json().status).toBe('taken');
    expect((await check({ name: '上海星辰电子科技集团' })).json().status).toMatch(/taken|similar/);
  });

  it('lists only customers in the caller’s scope and finds them by pinyin, initials and phone fragment', async () => {
    await created(otherRep, { name: '广州白云制药有限公司', phone: '13912345678' });
    const mine = (await rep({ url: '/api/v1/customers' })).json();
    expect(mine.data.every((c: Customer) => c.ownerId === rep.userId)).toBe(true);
    expect(mine.totalCount).toBe(mine.data.length);
    const adminSearch = async (q: string) =>
      (await admin({ url: `/api/v1/customers?q=${encodeURIComponent(q)}` }))
        .json()
        .data.map((c: Customer) => c.name);
    expect(await adminSearch('guangzhou')).toEqual(['广州白云制药有限公司']);
    expect(await adminSearch('gzby')).toEqual(['广州白云制药有限公司']);
    expect(await adminSearch('5678')).toContain('广州白云制药有限公司');
    expect(await adminSearch('白云')).toEqual(['广州白云制药有限公司']);
    expect(await adminSearch('%')).toEqual([]);
    // 我部门的: the manager's view of 上海一组 holds 刘洋's customers and none of 吴芳's.
    const team = (await manager({ url: `/api/v1/customers?departmentId=${await deptOf(rep.userId)}` })).json()
      .data;
    expect(team.length).toBeGreaterThan(0);
    expect(team.every((c: Customer) => c.ownerId === rep.userId)).toBe(true);
    // 刘洋 cannot find 吴芳's customer by any key.
    expect((await rep({ url: '/api/v1/customers?q=baiyun' })).json().data).toEqual([]);
  });

  it('answers 404 for another rep’s customer, exactly as for an unknown id', async () => {
    const theirs = await created(otherRep, { name: '深圳前海物流有限公司' });
    expectProblem(await rep({ url: `/api/v1/customers/${theirs.id}` }), 404, 'not_found');
    const res = await rep({
      method: 'PATCH',
      url: `/api/v1/customers/${theirs.id}`,
      headers: { 'if-match': '1' },
      body: { level: 'C' },
    });
    expectProblem(res, 404, 'not_found');
  });

  it('updates with If-Match, refuses a stale version and re-checks duplicates on a new phone', async () => {
    const c = await created(rep, { name: '杭州西湖茶业有限公司' });
    const ok = await rep({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      headers: { 'if-match': String(c.version) },
      body: { level: 'B' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expectProblem(
      await rep({
        method: 'PATCH',
        url: `/api/v1/customers/${c.id}`,
        headers: { 'if-match': String(c.version) },
        body: { level: 'C' },
      }),
      412,
      'version_conflict',
    );
    const dup = await rep({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      headers: { 'if-match': String(ok.json().version) },
      body: { phone: '021 62345678' },
    });
    expectProblem(dup, 409, 'duplicate_customer');
    expect((await rep({ url: `/api/v1/customers/${c.id}` })).json()).toMatchObject({
      level: 'B',
      phone: null,
    });
  });

  it('refuses bad input with a clear problem and changes nothing', async () => {
    const before = await count();
    for (const [body, status, code] of [
      [{ name: '坏电话公司', phone: '12345' }, 422, 'validation_failed'],
      [{ name: '坏邮箱公司', email: 'not-an-email' }, 422, 'validation_failed'],
      [{ name: 'x'.repeat(10_000) }, 400, 'validation_failed'],
      [{ name: '越权', orgId: t.orgId }, 400, 'validation_failed'],
      [{ name: '越权', version: 7 }, 400, 'validation_failed'],
      [{ name: '' }, 400, 'validation_failed'],
      [{ name: '等级', level: 'Z' }, 400, 'validation_failed'],
      [{ name: '别人的', ownerId: otherRep.userId }, 422, 'validation_failed'],
    ] as const) {
      expectProblem(await create(rep, body), status, code);
    }
    expect(await count()).toBe(before);
  });

  it('keeps org 2 away from org 1’s customers and lets org 2 use the same company name', async () => {
    const org2 = await makeOrg(t, '第二公司');
    const mine = await created(rep, { name: '成都熊猫文旅有限公司' });
    expectProblem(await org2.admin({ url: `/api/v1/customers/${mine.id}` }), 404, 'not_found');
    expect((await org2.admin({ url: '/api/v1/customers?q=熊猫' })).json().data).toEqual([]);
    const theirs = await org2.admin({
      method: 'POST',
      url: '/api/v1/customers',
      body: { name: '成都熊猫文旅有限公司' },
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
  });

  it('moves a deleted customer out of the way of a new one with the same name', async () => {
    const c = await created(rep, { name: '南京紫金山仪器有限公司' });
    const del = await manager({
      method: 'DELETE',
      url: `/api/v1/customers/${c.id}`,
      headers: { 'if-match': String(c.version) },
    });
    expect(del.statusCode, del.body).toBe(204);
    expectProblem(await rep({ url: `/api/v1/customers/${c.id}` }), 404, 'not_found');
    await created(rep, { name: '南京紫金山仪器有限公司' });
  });
});
