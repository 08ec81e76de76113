import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../src/platform/jobs/queue.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import {
  demoOrg,
  expectProblem,
  loginAdmin,
  loginDemo,
  makeApiKey,
  makeDepartment,
  makeRole,
  makeUser,
  strongPassword,
  unchangedBy,
} from './helpers.js';

type AuditRow = { id: string; object: string; recordId: string; action: string; actorId: string | null };

describe.each(testDialects)('audit log and outbox on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let demo: Awaited<ReturnType<typeof demoOrg>>;

  /** The audit rows and events a request adds; the request must add exactly one of each. */
  const changesOf = async (run: () => Promise<LightMyRequestResponse>) => {
    const since = async () => ({
      audit: await t.ctx.db.selectFrom('auditLog').selectAll().execute(),
      events: await t.ctx.db.selectFrom('events').selectAll().execute(),
    });
    const before = await since();
    const res = await run();
    const after = await since();
    const known = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
    const audit = after.audit.filter((r) => !known(before.audit).has(r.id));
    const events = after.events.filter((r) => !known(before.events).has(r.id));
    return { res, audit, events };
  };

  const expectOneChange = async (
    what: string,
    run: () => Promise<LightMyRequestResponse>,
    expected: { object: string; action: string; status: number },
  ) => {
    const { res, audit, events } = await changesOf(run);
    expect(res.statusCode, `${what}: ${res.body}`).toBe(expected.status);
    expect(audit, `${what} writes exactly one audit row`).toHaveLength(1);
    expect(events, `${what} emits exactly one event`).toHaveLength(1);
    const [row] = audit;
    const [event] = events;
    expect(row).toMatchObject({
      object: expected.object,
      action: expected.action,
      requestId: res.headers['x-request-id'],
    });
    expect(event).toMatchObject({
      type: `${expected.object}.${expected.action}`,
      object: expected.object,
      recordId: row!.recordId,
      actorId: row!.actorId,
      occurredAt: row!.at,
      dispatchedAt: null,
    });
    return { res, row: row!, event: event! };
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    demo = await demoOrg(t);
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  it('writes one audit row and one outbox event for every kind of change', async () => {
    const dept = await makeDepartment(admin, { parentId: t.rootDepartmentId });
    const user = await makeUser(admin, { departmentId: dept.id, password: strongPassword });
    const role = await makeRole(admin, { permissions: { user: { actions: ['read'], scope: 'own' } } });
    const key = await makeApiKey(admin);
    await enqueue(t.ctx.db, { type: 'test.dead', orgId: t.orgId, runAt: t.clock.now(), now: t.clock.now() });
    const job = await t.ctx.db
      .updateTable('jobs')
      .set({ status: 'dead' })
      .where('type', '=', 'test.dead')
      .returning('id')
      .executeTakeFirstOrThrow();
    const me = await t.login(user.email, strongPassword);
    const v = (n: number) => ({ 'if-match': String(n) });

    const cases: [
      string,
      () => Promise<LightMyRequestResponse>,
      { object: string; action: string; status: number },
    ][] = [
      [
        'create department',
        () =>
          admin({
            method: 'POST',
            url: '/api/v1/departments',
            body: { name: '审计部', parentId: t.rootDepartmentId },
          }),
        { object: 'department', action: 'create', status: 201 },
      ],
      [
        'update department',
        () =>
          admin({
            method: 'PATCH',
            url: `/api/v1/departments/${dept.id}`,
            body: { name: '改名部' },
            headers: v(1),
          }),
        { object: 'department', action: 'update', status: 200 },
      ],
      [
        'create user',
        () =>
          admin({
            method: 'POST',
            url: '/api/v1/users',
            body: {
              name: '审计人',
              email: 'audit.person@test.cadence',
              departmentId: dept.id,
              roles: ['sales_rep'],
            },
          }),
        { object: 'user', action: 'create', status: 201 },
      ],
      [
        'update user',
        () =>
          admin({ method: 'PATCH', url: `/api/v1/users/${user.id}`, body: { title: '主管' }, headers: v(1) }),
        { object: 'user', action: 'update', status: 200 },
      ],
      [
        'reissue invitation',
        () => admin({ method: 'POST', url: `/api/v1/users/${user.id}/invitation` }),
        { object: 'user', action: 'invite', status: 201 },
      ],
      [
        'change own language',
        () => me({ method: 'PATCH', url: '/api/v1/me', body: { locale: 'en' } }),
        { object: 'user', action: 'update', status: 200 },
      ],
      [
        'deactivate user',
        () =>
          admin({ method: 'PATCH', url: `/api/v1/users/${user.id}`, body: { active: false }, headers: v(3) }),
        { object: 'user', action: 'deactivate', status: 200 },
      ],
      [
        'create role',
        () =>
          admin({
            method: 'POST',
            url: '/api/v1/roles',
            body: { key: 'auditor', name: '审计员', permissions: {} },
          }),
        { object: 'role', action: 'create', status: 201 },
      ],
      [
        'update role',
        () =>
          admin({
            method: 'PATCH',
            url: `/api/v1/roles/${role.id}`,
            body: { name: '改名角色' },
            headers: v(1),
          }),
        { object: 'role', action: 'update', status: 200 },
      ],
      [
        'delete role',
        () => admin({ method: 'DELETE', url: `/api/v1/roles/${role.id}`, headers: v(2) }),
        { object: 'role', action: 'delete', status: 204 },
      ],
      [
        'create API key',
        () => admin({ method: 'POST', url: '/api/v1/api-keys', body: { name: '审计钥匙' } }),
        { object: 'api_key', action: 'create', status: 201 },
      ],
      [
        'revoke API key',
        () => admin({ method: 'DELETE', url: `/api/v1/api-keys/${key.id}` }),
        { object: 'api_key', action: 'revoke', status: 204 },
      ],
      [
        'retry job',
        () => admin({ method: 'POST', url: `/api/v1/jobs/${job.id}/retry` }),
        { object: 'job', action: 'retry', status: 204 },
      ],
      [
        'sign in',
        () =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { login: 'admin@test.cadence', password: 'Admin-pass-2026' },
          }),
        { object: 'user', action: 'login', status: 200 },
      ],
    ];
    for (const [what, run, expected] of cases) await expectOneChange(what, run, expected);

    const emptyDept = await makeDepartment(admin, { parentId: t.rootDepartmentId });
    await expectOneChange(
      'delete department',
      () => admin({ method: 'DELETE', url: `/api/v1/departments/${emptyDept.id}`, headers: v(1) }),
      { object: 'department', action: 'delete', status: 204 },
    );
  });

  it('records only the changed fields of an update, before → after, with who and when', async () => {
    const user = await makeUser(admin, { departmentId: demo.dept('east'), password: strongPassword });
    const { row, event } = await expectOneChange(
      'update',
      () =>
        admin({
          method: 'PATCH',
          url: `/api/v1/users/${user.id}`,
          body: { title: '大区助理', departmentId: demo.dept('south') },
          headers: { 'if-match': '1' },
        }),
      { object: 'user', action: 'update', status: 200 },
    );
    expect(row).toMatchObject({ orgId: t.orgId, actorId: t.adminId, at: t.clock.now(), recordId: user.id });
    expect(JSON.parse(String(row.before))).toEqual({ title: null, departmentId: demo.dept('east') });
    expect(JSON.parse(String(row.after))).toEqual({ title: '大区助理', departmentId: demo.dept('south') });
    expect(JSON.parse(event.payload)).toEqual({ changes: ['title', 'departmentId'] });
  });

  it('never writes password hashes or passwords into the audit log or the outbox', async () => {
    const user = await makeUser(admin, { departmentId: t.rootDepartmentId, password: 'Secret-passw0rd-1' });
    const me = await t.login(user.email, 'Secret-passw0rd-1');
    const changed = await me({
      method: 'PATCH',
      url: '/api/v1/me',
      body: { currentPassword: 'Secret-passw0rd-1', newPassword: 'Secret-passw0rd-2' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const reset = await admin({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      body: { password: 'Secret-passw0rd-3' },
      headers: { 'if-match': '2' },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    const rows = await t.ctx.db.selectFrom('auditLog').selectAll().where('recordId', '=', user.id).execute();
    const events = await t.ctx.db.selectFrom('events').selectAll().where('recordId', '=', user.id).execute();
    const text = JSON.stringify([rows, events]);
    expect(text).not.toMatch(/Secret-passw0rd|scrypt\$|passwordHash/);
    expect(rows.map((r) => r.after).join()).toContain('(changed)');
  });

  it('leaves no audit row and no event when the write fails, even after the audit row was written', async () => {
    // Make the outbox insert — the last statement of recordChange — fail for department creation.
    if (dialect === 'postgres') {
      await sql`create function fail_department_events() returns trigger as $$
        begin raise exception 'outbox unavailable'; end; $$ language plpgsql`.execute(t.ctx.db);
      await sql`create trigger fail_department_events before insert on events for each row
        when (new.type = 'department.create') execute function fail_department_events()`.execute(t.ctx.db);
    } else {
      await sql`create trigger fail_department_events before insert on events
        when new.type = 'department.create' begin select raise(abort, 'outbox unavailable'); end`.execute(
        t.ctx.db,
      );
    }
    try {
      const res = await unchangedBy(t, () =>
        admin({
          method: 'POST',
          url: '/api/v1/departments',
          body: { name: '半途而废', parentId: t.rootDepartmentId },
        }),
      );
      expectProblem(res, 500, 'internal_error');
    } finally {
      await sql`drop trigger fail_department_events${dialect === 'postgres' ? sql` on events` : sql``}`.execute(
        t.ctx.db,
      );
    }
    expect(
      (
        await admin({
          method: 'POST',
          url: '/api/v1/departments',
          body: { name: '恢复后', parentId: t.rootDepartmentId },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('is append-only in the database itself: UPDATE and DELETE on audit_log fail', async () => {
    const count = async () =>
      Number((await sql<{ n: number }>`select count(*) as n from audit_log`.execute(t.ctx.db)).rows[0]!.n);
    const before = await count();
    const first = await t.ctx.db
      .selectFrom('auditLog')
      .select(['id', 'action'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await expect(sql`update audit_log set action = 'tampered'`.execute(t.ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      sql`update audit_log set after = null where id = ${first.id}`.execute(t.ctx.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = ${first.id}`.execute(t.ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(t.ctx.db.deleteFrom('auditLog').where('orgId', '=', t.orgId).execute()).rejects.toThrow(
      /append-only/,
    );
    if (dialect === 'postgres')
      await expect(sql`truncate audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
    const still = await t.ctx.db
      .selectFrom('auditLog')
      .select(['id', 'action'])
      .where('id', '=', first.id)
      .executeTakeFirst();
    expect(still).toEqual(first);
  });

  it('hands outbox events to subscribers once and marks them dispatched', async () => {
    const user = await makeUser(admin, { departmentId: t.rootDepartmentId, password: strongPassword });
    const { event } = await expectOneChange(
      'deactivate',
      () =>
        admin({
          method: 'PATCH',
          url: `/api/v1/users/${user.id}`,
          body: { active: false },
          headers: { 'if-match': '1' },
        }),
      { object: 'user', action: 'deactivate', status: 200 },
    );
    await t.jobs.drain();
    const dispatched = await t.ctx.db
      .selectFrom('events')
      .selectAll()
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow();
    expect(dispatched.dispatchedAt).toBe(t.clock.now());
    // The notification subscriber told the other admin (罗刚, seeded as admin), not the actor.
    const notices = await t.ctx.db
      .selectFrom('notifications')
      .selectAll()
      .where('eventId', '=', event.id)
      .execute();
    expect(notices.map((n) => n.userId)).toEqual([demo.user('luo.gang')]);
    await t.jobs.drain();
    expect(
      await t.ctx.db.selectFrom('notifications').selectAll().where('eventId', '=', event.id).execute(),
    ).toHaveLength(1);
  });

  it('shows a sales manager only the changes made by people in their scope', async () => {
    const east = await loginDemo(t, 'li.ming');
    await loginDemo(t, 'wu.fang'); // 华南大区: her sign-in is outside 李明's scope
    await loginDemo(t, 'zhao.lei'); // 杭州组: inside it
    const res = await east({ url: '/api/v1/audit-log?limit=200' });
    expect(res.statusCode, res.body).toBe(200);
    const actors = new Set((res.json().data as AuditRow[]).map((r) => r.actorId));
    expect(actors.has(demo.user('zhao.lei'))).toBe(true);
    expect(actors.has(demo.user('wu.fang'))).toBe(false);
    expect(actors.has(t.adminId)).toBe(false);
    const rep = await loginDemo(t, 'liu.yang');
    expectProblem(await rep({ url: '/api/v1/audit-log' }), 403, 'forbidden');
  });

  it('filters the audit log by object, record, actor, action and time', async () => {
    const dept = await makeDepartment(admin, { parentId: t.rootDepartmentId });
    const at = t.clock.now();
    const byRecord = (await admin({ url: `/api/v1/audit-log?object=department&recordId=${dept.id}` })).json()
      .data;
    expect(byRecord).toHaveLength(1);
    expect(byRecord[0]).toMatchObject({ action: 'create', actorId: t.adminId, after: { name: dept.name } });
    const later = (await admin({ url: `/api/v1/audit-log?from=${at + 1}` })).json().data;
    expect(later).toEqual([]);
    const creates = (
      await admin({ url: `/api/v1/audit-log?action=create&actorId=${t.adminId}&limit=200` })
    ).json().data as AuditRow[];
    expect(creates.length).toBeGreaterThan(0);
    expect(creates.every((r) => r.action === 'create' && r.actorId === t.adminId)).toBe(true);
  });
});
