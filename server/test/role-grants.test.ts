import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { expectProblem, loginAdmin, makeRole, makeUser, strongPassword } from './helpers.js';

// A user manager who is not an admin must not be able to raise anyone's rights above their own.
describe.each(testDialects)('granting roles on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let hr: Client;
  let hrRoleKey: string;
  let wideRoleKey: string;
  let narrowRoleKey: string;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    admin = await loginAdmin(t);
    const hrRole = await makeRole(admin, {
      permissions: {
        user: { actions: ['read', 'create', 'update'], scope: 'all' },
        role: { actions: ['read', 'create', 'update'], scope: 'all' },
        department: { actions: ['read'], scope: 'all' },
      },
    });
    hrRoleKey = hrRole.key;
    wideRoleKey = (
      await makeRole(admin, {
        permissions: { department: { actions: ['read', 'create', 'delete'], scope: 'all' } },
      })
    ).key;
    narrowRoleKey = (
      await makeRole(admin, { permissions: { user: { actions: ['read'], scope: 'department' } } })
    ).key;
    const hrUser = await makeUser(admin, {
      departmentId: t.rootDepartmentId,
      roles: [hrRoleKey],
      password: strongPassword,
    });
    hr = await t.login(hrUser.email, strongPassword);
  });
  afterAll(() => t.close());

  it('refuses to create a user with a role that holds more rights than the creator', async () => {
    const before = await t.ctx.db.selectFrom('users').select('id').execute();
    const res = await hr({
      method: 'POST',
      url: '/api/v1/users',
      body: {
        name: '越权',
        email: 'too.much@test.cadence',
        departmentId: t.rootDepartmentId,
        roles: [wideRoleKey],
      },
    });
    expectProblem(res, 403, 'role_exceeds_rights');
    expect(await t.ctx.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
  });

  it('lets the same manager give a role within their own rights', async () => {
    const res = await hr({
      method: 'POST',
      url: '/api/v1/users',
      body: {
        name: '新人',
        email: 'within@test.cadence',
        departmentId: t.rootDepartmentId,
        roles: [narrowRoleKey],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses to give themselves a wider role on update', async () => {
    const me = await hr({ url: `/api/v1/users/${hr.userId}` });
    const res = await hr({
      method: 'PATCH',
      url: `/api/v1/users/${hr.userId}`,
      headers: { 'if-match': String(me.json().version) },
      body: { roles: [hrRoleKey, wideRoleKey] },
    });
    expectProblem(res, 403, 'role_exceeds_rights');
    expect((await hr({ url: `/api/v1/users/${hr.userId}` })).json().roles).toEqual([hrRoleKey]);
  });

  it('refuses to write a role with rights the writer does not hold', async () => {
    const res = await hr({
      method: 'POST',
      url: '/api/v1/roles',
      body: {
        key: 'escalate',
        name: '提权',
        permissions: { department: { actions: ['delete'], scope: 'all' } },
      },
    });
    expectProblem(res, 403, 'role_exceeds_rights');
    const widened = await hr({
      method: 'POST',
      url: '/api/v1/roles',
      body: {
        key: 'wider_scope',
        name: '扩大范围',
        permissions: { user: { actions: ['read'], scope: 'all' } },
      },
    });
    expect(widened.statusCode, widened.body).toBe(201);
  });
});
