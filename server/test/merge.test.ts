import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import {
  demoOrg,
  expectProblem,
  loginAdmin,
  loginDemo,
  makeOrg,
  makeRole,
  makeUser,
  unchangedBy,
} from './helpers.js';

type Customer = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  tags: string[];
  version: number;
  ownerId: string | null;
};

describe.each(testDialects)('merging duplicate customers on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client; // 刘洋
  let otherRep: Client; // 吴芳
  let org: Awaited<ReturnType<typeof demoOrg>>;
  let n = 0;

  const create = async (c: Client, body: Record<string, unknown>) => {
    const res = await c({
      method: 'POST',
      url: '/api/v1/customers',
      body: { nearDuplicateReason: '测试', ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Customer;
  };
  const pair = async () => {
    n++;
    const a = await create(rep, {
      name: `合并测试${n}甲科技有限公司`,
      phone: `1390000${String(n).padStart(4, '0')}`,
      tags: ['展会'],
    });
    const b = await create(rep, {
      name: `合并测试${n}甲科技（上海）有限公司分号${n}`,
      phone: `1370000${String(n).padStart(4, '0')}`,
      email: `buy${n}@merge.cn`,
      tags: ['重点'],
    });
    const contact = await rep({
      method: 'POST',
      url: '/api/v1/contacts',
      body: { customerId: b.id, name: `联系人${n}`, mobile: `1360000${String(n).padStart(4, '0')}` },
    });
    expect(contact.statusCode, contact.body).toBe(201);
    return { a, b, contactId: (contact.json() as { id: string }).id };
  };
  const merge = (c: Client, body: Record<string, unknown>) =>
    c({ method: 'POST', url: '/api/v1/customers/merge', body });
  const get = (c: Client, id: string) => c({ url: `/api/v1/customers/${id}` });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
  });
  afterAll(() => t.close());

  it('folds a duplicate into the survivor with the chosen values, its contacts and collaborators, and undoes it', async () => {
    const { a, b, contactId } = await pair();
    await rep({
      method: 'PUT',
      url: `/api/v1/customers/${b.id}/collaborators`,
      body: { collaborators: [{ userId: otherRep.userId, level: 'write' }] },
    });
    const res = await merge(admin, {
      survivorId: a.id,
      mergedIds: [b.id],
      values: { phone: b.id, email: b.id },
      reason: '同一家公司，重复录入',
    });
    expect(res.statusCode, res.body).toBe(200);
    const { mergeId, customer } = res.json() as { mergeId: string; customer: Customer };
    expect(customer).toMatchObject({ id: a.id, name: a.name, phone: b.phone, email: b.email });
    expect(customer.tags.sort()).toEqual(['展会', '重点'].sort());
    expectProblem(await get(admin, b.id), 404, 'not_found');
    const contacts = (await rep({ url: `/api/v1/contacts?customerId=${a.id}` })).json().data as {
      id: string;
    }[];
    expect(contacts.map((c) => c.id)).toContain(contactId);
    // B's collaborator now follows A, with the write level they had.
    expect((await get(otherRep, a.id)).json().myAccess.update).toBe(true);
    // B's history shows on A's timeline; the merge is in the audit log with its reason.
    const timeline = (await admin({ url: `/api/v1/timeline/customer/${a.id}?limit=50` })).json().data as {
      action: string;
      recordId: string;
    }[];
    expect(timeline.some((e) => e.action === 'merge')).toBe(true);
    expect(timeline.some((e) => e.recordId === b.id && e.action === 'create')).toBe(true);
    // A's old phone no longer blocks a new customer; B's phone now belongs to A.
    const taken = await rep({
      method: 'POST',
      url: '/api/v1/customers',
      body: { name: '另一家新公司', phone: b.phone },
    });
    expectProblem(taken, 409, 'duplicate_customer');

    const merges = (await admin({ url: `/api/v1/customers/${a.id}/merges` })).json().data as {
      id: string;
      canUndo: boolean;
      mergedNames: string[];
    }[];
    expect(merges[0]).toMatchObject({ id: mergeId, canUndo: true, mergedNames: [b.name] });
    const undo = await admin({ method: 'POST', url: `/api/v1/customer-merges/${mergeId}/undo` });
    expect(undo.statusCode, undo.body).toBe(200);
    expect((await get(admin, a.id)).json()).toMatchObject({ phone: a.phone, email: null, tags: ['展会'] });
    expect((await get(admin, b.id)).json()).toMatchObject({ phone: b.phone, email: b.email });
    const back = (await rep({ url: `/api/v1/contacts?customerId=${b.id}` })).json().data as { id: string }[];
    expect(back.map((c) => c.id)).toEqual([contactId]);
    expectProblem(await get(otherRep, a.id), 404, 'not_found');
    expect((await get(otherRep, b.id)).statusCode).toBe(200);
    expectProblem(
      await admin({ method: 'POST', url: `/api/v1/customer-merges/${mergeId}/undo` }),
      409,
      'merge_already_undone',
    );
  });

  it('refuses to undo once the survivor changed after the merge', async () => {
    const { a, b } = await pair();
    const { mergeId } = (
      await merge(admin, { survivorId: a.id, mergedIds: [b.id], reason: '重复录入' })
    ).json() as { mergeId: string };
    const current = (await get(admin, a.id)).json() as Customer;
    await admin({
      method: 'PATCH',
      url: `/api/v1/customers/${a.id}`,
      body: { level: 'A' },
      headers: { 'if-match': `"${current.version}"` },
    });
    const refused = await unchangedBy(t, () =>
      admin({ method: 'POST', url: `/api/v1/customer-merges/${mergeId}/undo` }),
    );
    expectProblem(refused, 409, 'merge_changed_since');
    expect((await admin({ url: `/api/v1/customers/${a.id}/merges` })).json().data[0].canUndo).toBe(false);
  });

  it('refuses bad merges and changes nothing', async () => {
    const { a, b } = await pair();
    const reason = '重复录入';
    expectProblem(await merge(rep, { survivorId: a.id, mergedIds: [b.id], reason }), 403, 'forbidden');
    expectProblem(
      await unchangedBy(t, () => merge(admin, { survivorId: a.id, mergedIds: [a.id], reason })),
      422,
      'merge_same_record',
    );
    expectProblem(
      await merge(admin, { survivorId: a.id, mergedIds: [b.id, b.id], reason }),
      422,
      'merge_same_record',
    );
    expectProblem(await merge(admin, { survivorId: a.id, mergedIds: [b.id] }), 400, 'validation_failed');
    expectProblem(await merge(admin, { survivorId: a.id, mergedIds: [], reason }), 400, 'validation_failed');
    expectProblem(
      await merge(admin, { survivorId: a.id, mergedIds: [b.id], values: { color: b.id }, reason }),
      400,
      'validation_failed',
    );
    const stranger = await create(otherRep, { name: '无关的第三家公司' });
    const badValue = await unchangedBy(t, () =>
      merge(admin, { survivorId: a.id, mergedIds: [b.id], values: { phone: stranger.id }, reason }),
    );
    expect(expectProblem(badValue, 422, 'validation_failed').errors?.[0]?.path).toBe('body.values.phone');
    // Another org's customer, and one outside a merging manager's region: 404 naming the id.
    const other = await makeOrg(t, '合并外公司');
    const foreign = (
      await other.admin({ method: 'POST', url: '/api/v1/customers', body: { name: '外部公司甲' } })
    ).json() as Customer;
    const cross = await unchangedBy(t, () =>
      merge(admin, { survivorId: a.id, mergedIds: [foreign.id], reason }),
    );
    expectProblem(cross, 404, 'not_found');
    expect((cross.json() as { ids: string[] }).ids).toEqual([foreign.id]);
    const role = await makeRole(admin, {
      permissions: { customer: { actions: ['read', 'update', 'merge'], scope: 'department_tree' } },
    });
    const eastMerger = await makeUser(admin, {
      departmentId: org.dept('east'),
      roles: [role.key],
      password: 'Str0ng-passw0rd',
    });
    const merger = await t.login(eastMerger.email, 'Str0ng-passw0rd');
    const south = await create(otherRep, { name: '华南的客户有限公司' });
    expectProblem(
      await unchangedBy(t, () => merge(merger, { survivorId: a.id, mergedIds: [south.id], reason })),
      404,
      'not_found',
    );
    expect((await merge(merger, { survivorId: a.id, mergedIds: [b.id], reason })).statusCode).toBe(200);
  });
});
