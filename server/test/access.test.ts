import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../src/platform/jobs/queue.js';
import { notify } from '../src/platform/notify/service.js';
import { testDialects } from '../src/testing/db.js';
import { adminPassword, type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import {
  clientFrom,
  demoOrg,
  expectProblem,
  loginAdmin,
  loginDemo,
  makeApiKey,
  makeDepartment,
  makeOrg,
  makeRole,
  makeUser,
  randomUuid,
  sameAnswer,
  signIn,
  strongPassword,
  unchangedBy,
} from './helpers.js';

type UserRow = { id: string; email: string; mobile: string | null; departmentName: string };

describe.each(testDialects)('data scopes, org isolation and role rules on %s', (dialect) => {
  let t: TestApp;
  let demo: Awaited<ReturnType<typeof demoOrg>>;
  let admin: Client;
  const emailsSeenBy = async (c: Client) => {
    const res = await c({ url: '/api/v1/users?limit=200' });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().data as UserRow[]).map((u) => u.email.replace('@demo.cadence', '')).sort();
  };
  const patchUser = async (c: Client, id: string, body: Record<string, unknown>) => {
    const current = await admin({ url: `/api/v1/users/${id}` });
    return c({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { 'if-match': String(current.json().version) },
      body,
    });
  };
  /** A signed-in user of the test org holding the given roles. */
  const userWith = async (roles: string[], departmentId = t.rootDepartmentId) => {
    const u = await makeUser(admin, { departmentId, roles, password: strongPassword });
    return { ...u, client: await t.login(u.email, strongPassword) };
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    demo = await demoOrg(t);
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  describe('data scopes', () => {
    it('shows a sales rep only the users of their own department', async () => {
      expect(await emailsSeenBy(await loginDemo(t, 'liu.yang'))).toEqual([
        'chen.jing',
        'liu.yang',
        'zhang.wei',
      ]);
    });

    it('shows a sales manager their region and its teams, but not another region', async () => {
      const seen = await emailsSeenBy(await loginDemo(t, 'li.ming'));
      expect(seen).toEqual(['chen.jing', 'li.ming', 'liu.yang', 'yang.fan', 'zhang.wei', 'zhao.lei']);
      expect(seen).not.toContain('huang.li');
    });

    it('narrows a department filter to the actor’s scope', async () => {
      const rep = await loginDemo(t, 'liu.yang');
      const res = await rep({ url: `/api/v1/users?departmentId=${demo.dept('south')}` });
      expect(res.json().data).toEqual([]);
      expect(res.json().totalCount, 'the count follows the data scope too').toBe(0);
    });

    it('answers 404 for a user out of scope exactly as for an id that does not exist', async () => {
      const rep = await loginDemo(t, 'liu.yang');
      const outOfScope = await rep({ url: `/api/v1/users/${demo.user('wu.fang')}` });
      const missing = await rep({ url: `/api/v1/users/${randomUuid}` });
      expectProblem(outOfScope, 404, 'not_found');
      expect(sameAnswer(outOfScope)).toEqual(sameAnswer(missing));
      expect((await rep({ url: `/api/v1/users/${demo.user('chen.jing')}` })).statusCode).toBe(200);
    });

    it('answers 404 to an update of a user outside the updater’s scope and changes nothing', async () => {
      const teamEditor = await makeRole(admin, {
        permissions: { user: { actions: ['read', 'update'], scope: 'department' } },
      });
      const editor = await userWith([teamEditor.key], demo.dept('sh'));
      const res = await unchangedBy(t, () =>
        patchUser(editor.client, demo.user('wu.fang'), { title: '被改' }),
      );
      expectProblem(res, 404, 'not_found');
      const ok = await patchUser(editor.client, demo.user('chen.jing'), { title: '组内可改' });
      expect(ok.statusCode, ok.body).toBe(200);
    });

    it('shows a user’s timeline, before → after, to those who may see the user and 404 to others', async () => {
      const zhao = demo.user('zhao.lei');
      expect((await patchUser(admin, zhao, { title: '资深销售' })).statusCode).toBe(200);
      const manager = await loginDemo(t, 'li.ming'); // 华东大区 covers 杭州组
      const timeline = await manager({ url: `/api/v1/timeline/user/${zhao}` });
      expect(timeline.statusCode, timeline.body).toBe(200);
      expect(timeline.json().data[0]).toMatchObject({
        action: 'update',
        actorId: t.adminId,
        actorName: '系统管理员',
        before: { title: '销售' },
        after: { title: '资深销售' },
      });
      const rep = await loginDemo(t, 'liu.yang'); // 上海一组 only
      const hidden = await rep({ url: `/api/v1/timeline/user/${zhao}` });
      expectProblem(hidden, 404, 'not_found');
      expect(sameAnswer(hidden)).toEqual(
        sameAnswer(await rep({ url: `/api/v1/timeline/user/${randomUuid}` })),
      );
      expectProblem(await rep({ url: `/api/v1/timeline/nothing/${zhao}` }), 404, 'not_found');
    });
  });

  describe('org isolation', () => {
    it('never lets another org read, change or delete this org’s records by id, nor list them', async () => {
      const other = await makeOrg(t);
      const org1 = {
        dept: demo.dept('east'),
        user: demo.user('liu.yang'),
        role: (await admin({ url: '/api/v1/roles' }))
          .json()
          .data.find((r: { key: string }) => r.key === 'sales_rep').id as string,
        key: (await makeApiKey(admin)).id,
      };
      await enqueue(t.ctx.db, {
        type: 'test.noop',
        orgId: t.orgId,
        runAt: t.clock.now(),
        now: t.clock.now(),
      });
      const job = await t.ctx.db
        .updateTable('jobs')
        .set({ status: 'dead' })
        .where('orgId', '=', t.orgId)
        .returning('id')
        .executeTakeFirstOrThrow();
      await notify(t.ctx.db, t.orgId, [t.adminId], { kind: 'test' }, t.clock.now());
      const notice = await t.ctx.db
        .selectFrom('notifications')
        .select('id')
        .where('orgId', '=', t.orgId)
        .executeTakeFirstOrThrow();
      const c = other.admin;
      const ifMatch = { 'if-match': '1' };

      await unchangedBy(t, async () => {
        for (const [method, url, body] of [
          ['GET', `/api/v1/departments/${org1.dept}`],
          ['PATCH', `/api/v1/departments/${org1.dept}`, { name: '窃取' }],
          ['DELETE', `/api/v1/departments/${org1.dept}`],
          ['GET', `/api/v1/users/${org1.user}`],
          ['PATCH', `/api/v1/users/${org1.user}`, { name: '窃取' }],
          ['POST', `/api/v1/users/${org1.user}/invitation`],
          ['GET', `/api/v1/roles/${org1.role}`],
          ['PATCH', `/api/v1/roles/${org1.role}`, { name: '窃取' }],
          ['DELETE', `/api/v1/roles/${org1.role}`],
          ['DELETE', `/api/v1/api-keys/${org1.key}`],
          ['GET', `/api/v1/timeline/department/${org1.dept}`],
          ['GET', `/api/v1/timeline/user/${org1.user}`],
          ['GET', `/api/v1/timeline/role/${org1.role}`],
          ['GET', `/api/v1/timeline/job/${job.id}`],
          ['POST', `/api/v1/jobs/${job.id}/retry`],
          ['POST', `/api/v1/notifications/${notice.id}/read`],
        ] as const) {
          const res = await c({ method, url, body, headers: ifMatch });
          expect(res.statusCode, `${method} ${url} from another org: ${res.body}`).toBe(404);
          expect(res.json().code).toBe('not_found');
        }
        // References to another org's records are field errors, never links across orgs.
        for (const [url, body, path] of [
          ['/api/v1/departments', { name: '跨组织', parentId: org1.dept }, 'body.parentId'],
          [
            '/api/v1/departments',
            { name: '跨组织', parentId: other.rootDepartmentId, managerId: org1.user },
            'body.managerId',
          ],
          [
            '/api/v1/users',
            { name: '跨组织', email: 'cross@org2.cadence', departmentId: org1.dept, roles: ['sales_rep'] },
            'body.departmentId',
          ],
        ] as const) {
          const res = await c({ method: 'POST', url, body });
          expect(expectProblem(res, 422, 'validation_failed').errors?.[0]?.path).toBe(path);
        }
      });

      const org1Ids = new Set(Object.values(org1).concat(job.id, notice.id, t.adminId, t.rootDepartmentId));
      for (const url of [
        '/api/v1/departments',
        '/api/v1/users?limit=200',
        '/api/v1/roles',
        '/api/v1/audit-log?limit=200',
        `/api/v1/audit-log?recordId=${org1.dept}`,
        '/api/v1/jobs?limit=200',
        '/api/v1/notifications',
        '/api/v1/api-keys',
      ]) {
        const res = await c({ url });
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
        const rows = res.json().data as { id: string; recordId?: string; actorId?: string }[];
        const leaked = rows.filter(
          (r) => org1Ids.has(r.id) || org1Ids.has(r.recordId ?? '') || org1Ids.has(r.actorId ?? ''),
        );
        expect(leaked, `${url} lists another org's rows`).toEqual([]);
      }
      const org2Users = (await c({ url: '/api/v1/users' })).json().data as UserRow[];
      expect(org2Users.map((u) => u.email)).toEqual([other.adminEmail]);
    });
  });

  describe('masked fields', () => {
    it('masks mobile and e-mail of other users for a role that masks them, but never the owner’s own', async () => {
      const masked = await makeRole(admin, {
        permissions: { user: { actions: ['read'], scope: 'all' } },
        maskedFields: ['user.mobile', 'user.email'],
      });
      const reader = await userWith([masked.key]);
      const list = (await reader.client({ url: '/api/v1/users?limit=200' })).json().data as UserRow[];
      const liu = list.find((u) => u.id === demo.user('liu.yang'))!;
      expect(liu).toMatchObject({ mobile: '138****0004', email: 'l***@demo.cadence' });
      expect(list.find((u) => u.id === reader.id)).toMatchObject({ email: reader.email });
      const one = await reader.client({ url: `/api/v1/users/${demo.user('liu.yang')}` });
      expect(one.json()).toMatchObject({ mobile: '138****0004', email: 'l***@demo.cadence' });
      expect((await reader.client({ url: `/api/v1/users/${reader.id}` })).json().email).toBe(reader.email);
      expect((await reader.client({ url: '/api/v1/me' })).json().email).toBe(reader.email);
      expect(list.map((u) => `${u.email} ${u.mobile}`).join()).not.toContain('13800000004');
    });

    it('does not reveal a masked field through search, the record’s timeline or the audit log', async () => {
      const masked = await makeRole(admin, {
        permissions: {
          user: { actions: ['read'], scope: 'all' },
          audit: { actions: ['read'], scope: 'all' },
        },
        maskedFields: ['user.mobile', 'user.email'],
      });
      const reader = await userWith([masked.key]);
      const byMobile = await reader.client({ url: '/api/v1/users?q=13800000009' });
      expect(byMobile.json().data, 'searching a masked mobile must not find its owner').toEqual([]);
      const byEmail = await reader.client({ url: '/api/v1/users?q=zhou.jie' });
      expect(byEmail.json().data).toEqual([]);
      const created = await makeUser(admin, { departmentId: t.rootDepartmentId, mobile: '13712345678' });
      const timeline = await reader.client({ url: `/api/v1/timeline/user/${created.id}` });
      expect(timeline.statusCode).toBe(200);
      expect(timeline.body).not.toContain('13712345678');
      expect(timeline.body).not.toContain(created.email);
      expect(timeline.json().data[0].after).toMatchObject({ mobile: '137****5678', name: created.name });
      const log = await reader.client({ url: `/api/v1/audit-log?recordId=${created.id}` });
      expect(log.json().data).toHaveLength(1);
      expect(log.body).not.toContain('13712345678');
      const own = await reader.client({ url: `/api/v1/audit-log?recordId=${reader.id}&action=create` });
      expect(own.json().data[0].after.email, 'the owner sees their own record unmasked').toBe(reader.email);
    });

    it('masks a field only when every role of the user masks it', async () => {
      const masked = await makeRole(admin, {
        permissions: { user: { actions: ['read'], scope: 'all' } },
        maskedFields: ['user.mobile'],
      });
      const reader = await userWith([masked.key, 'finance']);
      const one = await reader.client({ url: `/api/v1/users/${demo.user('liu.yang')}` });
      expect(one.json().mobile).toBe('13800000004');
    });
  });

  describe('roles', () => {
    it('changes a user’s rights as soon as a custom role is created, edited or assigned', async () => {
      const builder = await makeRole(admin, {
        permissions: { department: { actions: ['read', 'create'], scope: 'all' } },
      });
      const u = await userWith([builder.key]);
      const create = () =>
        u.client({
          method: 'POST',
          url: '/api/v1/departments',
          body: { name: '即时生效', parentId: t.rootDepartmentId },
        });
      expect((await create()).statusCode).toBe(201);
      const narrowed = await admin({
        method: 'PATCH',
        url: `/api/v1/roles/${builder.id}`,
        headers: { 'if-match': String(builder.version) },
        body: { permissions: { department: { actions: ['read'], scope: 'all' } } },
      });
      expect(narrowed.statusCode, narrowed.body).toBe(200);
      await unchangedBy(t, async () => expectProblem(await create(), 403, 'forbidden'));
      expect((await patchUser(admin, u.id, { roles: ['sales_rep', 'admin'] })).statusCode).toBe(200);
      expect((await create()).statusCode).toBe(201);
      expect((await u.client({ url: '/api/v1/me' })).json()).toMatchObject({ isAdmin: true });
    });

    it('refuses to change the admin role’s grants (422 admin_role_locked) or delete a built-in role', async () => {
      const roles = (await admin({ url: '/api/v1/roles' })).json().data as {
        id: string;
        key: string;
        version: number;
      }[];
      const adminRole = roles.find((r) => r.key === 'admin')!;
      const salesRep = roles.find((r) => r.key === 'sales_rep')!;
      await unchangedBy(t, async () => {
        for (const body of [
          { permissions: { user: { actions: ['read'], scope: 'own' } } },
          { maskedFields: ['user.mobile'] },
        ]) {
          const res = await admin({
            method: 'PATCH',
            url: `/api/v1/roles/${adminRole.id}`,
            headers: { 'if-match': String(adminRole.version) },
            body,
          });
          expectProblem(res, 422, 'admin_role_locked');
        }
        for (const r of [adminRole, salesRep]) {
          const res = await admin({
            method: 'DELETE',
            url: `/api/v1/roles/${r.id}`,
            headers: { 'if-match': String(r.version) },
          });
          expectProblem(res, 422, 'builtin_role');
        }
      });
    });

    it('refuses to delete a role that users still hold', async () => {
      const held = await makeRole(admin, { permissions: { user: { actions: ['read'], scope: 'own' } } });
      await userWith([held.key]);
      const res = await unchangedBy(t, () =>
        admin({
          method: 'DELETE',
          url: `/api/v1/roles/${held.id}`,
          headers: { 'if-match': String(held.version) },
        }),
      );
      expectProblem(res, 409, 'role_in_use');
    });
  });

  describe('administrators', () => {
    it('keeps the last active admin: no self-deactivation and no losing the admin role', async () => {
      const org = await makeOrg(t, '单管理员公司');
      const self = await org.admin({ url: `/api/v1/users/${org.adminId}` });
      const version = String(self.json().version);
      await unchangedBy(t, async () => {
        const deactivate = await org.admin({
          method: 'PATCH',
          url: `/api/v1/users/${org.adminId}`,
          headers: { 'if-match': version },
          body: { active: false },
        });
        expectProblem(deactivate, 422, 'cannot_deactivate_self');
        const demote = await org.admin({
          method: 'PATCH',
          url: `/api/v1/users/${org.adminId}`,
          headers: { 'if-match': version },
          body: { roles: ['sales_rep'] },
        });
        expectProblem(demote, 422, 'last_admin');
      });
    });

    it('refuses to deactivate the last active admin even for a user manager who may deactivate users', async () => {
      const org = await makeOrg(t, '人事公司');
      const hr = await makeRole(org.admin, {
        permissions: { user: { actions: ['read', 'update'], scope: 'all' } },
      });
      const h = await makeUser(org.admin, {
        departmentId: org.rootDepartmentId,
        roles: [hr.key],
        password: strongPassword,
      });
      const manager = await t.login(h.email, strongPassword);
      const target = await manager({ url: `/api/v1/users/${org.adminId}` });
      const res = await unchangedBy(t, () =>
        manager({
          method: 'PATCH',
          url: `/api/v1/users/${org.adminId}`,
          headers: { 'if-match': String(target.json().version) },
          body: { active: false },
        }),
      );
      expectProblem(res, 422, 'last_admin');
    });

    it('lets only an admin hand out the admin role or change an admin’s account', async () => {
      const org = await makeOrg(t, '防提权公司');
      // A user manager holding what a sales rep holds, so it may hand out sales_rep (role-grants.test.ts).
      const roles = (await org.admin({ url: '/api/v1/roles' })).json().data as {
        key: string;
        permissions: Record<string, { actions: string[]; scope: string }>;
      }[];
      const salesRep = roles.find((r) => r.key === 'sales_rep')!.permissions;
      const hr = await makeRole(org.admin, {
        permissions: { ...salesRep, user: { actions: ['read', 'create', 'update'], scope: 'all' } },
      });
      const h = await makeUser(org.admin, {
        departmentId: org.rootDepartmentId,
        roles: [hr.key],
        password: strongPassword,
      });
      const second = await makeUser(org.admin, {
        departmentId: org.rootDepartmentId,
        roles: ['admin'],
        password: strongPassword,
      });
      const manager = await t.login(h.email, strongPassword);
      const version = async (id: string) =>
        String((await manager({ url: `/api/v1/users/${id}` })).json().version as number);
      await unchangedBy(t, async () => {
        const create = await manager({
          method: 'POST',
          url: '/api/v1/users',
          body: {
            name: '新管理员',
            email: 'new.admin@org.cadence',
            departmentId: org.rootDepartmentId,
            roles: ['admin'],
          },
        });
        expectProblem(create, 403, 'forbidden');
        for (const [id, body] of [
          [h.id, { roles: ['admin'] }],
          [second.id, { password: 'Taken-0ver-2026' }],
          [second.id, { email: 'mine@org.cadence' }],
          [second.id, { active: false }],
          [second.id, { roles: [hr.key] }],
        ] as const) {
          const res = await manager({
            method: 'PATCH',
            url: `/api/v1/users/${id}`,
            headers: { 'if-match': await version(id) },
            body,
          });
          expectProblem(res, 403, 'forbidden');
        }
        expectProblem(
          await manager({ method: 'POST', url: `/api/v1/users/${second.id}/invitation` }),
          403,
          'forbidden',
        );
      });
      expect((await signIn(t, second.email, strongPassword, '10.7.0.1')).statusCode).toBe(200);
      // The user manager still manages ordinary users.
      const plain = await makeUser(manager, { departmentId: org.rootDepartmentId, roles: ['sales_rep'] });
      const res = await manager({
        method: 'PATCH',
        url: `/api/v1/users/${plain.id}`,
        headers: { 'if-match': String(plain.version) },
        body: { title: '销售' },
      });
      expect(res.statusCode, res.body).toBe(200);
    });
  });

  describe('deactivation', () => {
    it('stops a deactivated user from signing in and keeps the departments they manage and their audit trail', async () => {
      const dept = await makeDepartment(admin, { parentId: demo.dept('sales'), name: '停用测试组' });
      const u = await userWith(['sales_manager'], dept.id);
      const managed = await admin({
        method: 'PATCH',
        url: `/api/v1/departments/${dept.id}`,
        headers: { 'if-match': String(dept.version) },
        body: { managerId: u.id },
      });
      expect(managed.statusCode, managed.body).toBe(200);
      await makeDepartment(u.client, { parentId: dept.id }).catch(() => undefined); // managers may not create; fine
      const auditBefore = await t.ctx.db
        .selectFrom('auditLog')
        .selectAll()
        .where('actorId', '=', u.id)
        .execute();
      expect(auditBefore.length).toBeGreaterThan(0);

      const res = await patchUser(admin, u.id, { active: false });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: u.id, active: false });

      expectProblem(await u.client({ url: '/api/v1/me' }), 401, 'unauthenticated');
      expectProblem(await signIn(t, u.email, strongPassword, '10.7.0.2'), 401, 'invalid_credentials');
      expect((await admin({ url: `/api/v1/departments/${dept.id}` })).json()).toMatchObject({
        managerId: u.id,
        memberCount: 0,
      });
      const auditAfter = await t.ctx.db
        .selectFrom('auditLog')
        .selectAll()
        .where('actorId', '=', u.id)
        .execute();
      expect(auditAfter).toEqual(auditBefore);
      const log = await admin({ url: `/api/v1/audit-log?actorId=${u.id}` });
      expect(log.json().data.map((e: { actorName: string }) => e.actorName)).toContain(u.name);
      const timeline = await admin({ url: `/api/v1/timeline/user/${u.id}` });
      expect(timeline.json().data[0]).toMatchObject({
        action: 'deactivate',
        before: { active: 1 },
        after: { active: 0 },
      });
      const inactive = await admin({ url: '/api/v1/users?active=false&limit=200' });
      expect(inactive.json().data.map((x: UserRow) => x.id)).toContain(u.id);
    });

    it('signs a user back in only after reactivation', async () => {
      const u = await userWith(['sales_rep']);
      expect((await patchUser(admin, u.id, { active: false })).statusCode).toBe(200);
      expectProblem(await signIn(t, u.email, strongPassword, '10.7.0.3'), 401, 'invalid_credentials');
      expect((await patchUser(admin, u.id, { active: true })).statusCode).toBe(200);
      expect(clientFrom(t, await signIn(t, u.email, strongPassword, '10.7.0.3')).userId).toBe(u.id);
    });
  });

  it('keeps admin@test signed in with the documented password', async () => {
    expect((await signIn(t, 'admin@test.cadence', adminPassword, '10.7.0.9')).statusCode).toBe(200);
  });
});
