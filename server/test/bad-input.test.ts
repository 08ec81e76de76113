import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../src/platform/jobs/queue.js';
import { notify } from '../src/platform/notify/service.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import {
  countRows,
  demoOrg,
  expectProblem,
  loginAdmin,
  loginDemo,
  makeDepartment,
  makeRole,
  makeUser,
  randomUuid,
  signIn,
  strongPassword,
  unchangedBy,
} from './helpers.js';

type Method = 'POST' | 'PATCH' | 'DELETE';
type Request = { method?: Method | 'GET'; url: string; body?: unknown; headers?: Record<string, string> };
type Send = (r: Request) => Promise<LightMyRequestResponse>;

/** One write endpoint, with a valid body to derive bad ones from. */
type WriteEndpoint = {
  name: string;
  method: Method;
  url: () => string;
  send: () => Send;
  headers?: () => Promise<Record<string, string>>;
  body?: () => Record<string, unknown>;
  required?: string[];
  wrongTypes?: Record<string, unknown>;
  /** Fields a client must never set (org, owner, role, version, id, …). */
  forbidden?: string[];
};

const sqlMeta = [`' OR 1=1 --`, `"; drop table users; --`, '%', '_', '\\'];
const massAssignment = ['orgId', 'ownerId', 'role', 'version', 'id', 'createdAt'];

describe.each(testDialects)('bad input to every write endpoint on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client;
  let ids: {
    dept: { id: string; version: number };
    user: { id: string; version: number };
    role: { id: string; version: number };
    apiKey: string;
    notice: string;
    job: string;
    invite: string;
  };
  const anon: Send = (r) =>
    t.app.inject({
      method: r.method ?? 'GET',
      url: r.url,
      payload: r.body as never,
      headers: r.headers,
      remoteAddress: '10.3.0.1',
    });
  const ifMatch = (version: () => number) => async () => ({ 'if-match': String(version()) });

  const endpoints: WriteEndpoint[] = [
    {
      name: 'POST /departments',
      method: 'POST',
      url: () => '/api/v1/departments',
      send: () => admin,
      body: () => ({ name: '新部门', parentId: t.rootDepartmentId }),
      required: ['name', 'parentId'],
      wrongTypes: { name: 123, parentId: 'not-a-uuid', sortOrder: '1', managerId: 7 },
      forbidden: [...massAssignment, 'active', 'memberCount'],
    },
    {
      name: 'PATCH /departments/:id',
      method: 'PATCH',
      url: () => `/api/v1/departments/${ids.dept.id}`,
      send: () => admin,
      headers: ifMatch(() => ids.dept.version),
      body: () => ({ name: '改名' }),
      wrongTypes: { name: [], parentId: 5, sortOrder: -1, managerId: 'x' },
      forbidden: massAssignment,
    },
    {
      name: 'DELETE /departments/:id',
      method: 'DELETE',
      url: () => `/api/v1/departments/${ids.dept.id}`,
      send: () => admin,
      headers: ifMatch(() => ids.dept.version),
    },
    {
      name: 'POST /users',
      method: 'POST',
      url: () => '/api/v1/users',
      send: () => admin,
      body: () => ({
        name: '新用户',
        email: 'new.user@test.cadence',
        departmentId: t.rootDepartmentId,
        roles: ['sales_rep'],
      }),
      required: ['name', 'email', 'departmentId', 'roles'],
      wrongTypes: {
        name: '',
        email: 'not-an-email',
        roles: 'sales_rep',
        mobile: 'abc',
        locale: 'fr',
        password: 12345678901,
        title: { zh: '经理' },
      },
      forbidden: [...massAssignment, 'active', 'passwordHash', 'lastLoginAt'],
    },
    {
      name: 'PATCH /users/:id',
      method: 'PATCH',
      url: () => `/api/v1/users/${ids.user.id}`,
      send: () => admin,
      headers: ifMatch(() => ids.user.version),
      body: () => ({ title: '经理' }),
      wrongTypes: { active: 'false', roles: 'admin', email: 1, departmentId: 'root', name: null },
      forbidden: [...massAssignment, 'passwordHash', 'lastLoginAt'],
    },
    {
      name: 'POST /roles',
      method: 'POST',
      url: () => '/api/v1/roles',
      send: () => admin,
      body: () => ({
        key: 'new_role',
        name: '新角色',
        permissions: { user: { actions: ['read'], scope: 'own' } },
      }),
      required: ['key', 'name', 'permissions'],
      wrongTypes: {
        key: 'Bad Key',
        permissions: { user: { actions: ['fly'], scope: 'all' } },
        maskedFields: 'user.mobile',
        description: 5,
      },
      forbidden: [...massAssignment, 'builtin', 'userCount'],
    },
    {
      name: 'PATCH /roles/:id',
      method: 'PATCH',
      url: () => `/api/v1/roles/${ids.role.id}`,
      send: () => admin,
      headers: ifMatch(() => ids.role.version),
      body: () => ({ name: '改名角色' }),
      wrongTypes: { permissions: { user: { actions: ['read'], scope: 'galaxy' } }, name: 1 },
      forbidden: [...massAssignment, 'key', 'builtin'],
    },
    {
      name: 'DELETE /roles/:id',
      method: 'DELETE',
      url: () => `/api/v1/roles/${ids.role.id}`,
      send: () => admin,
      headers: ifMatch(() => ids.role.version),
    },
    {
      name: 'POST /api-keys',
      method: 'POST',
      url: () => '/api/v1/api-keys',
      send: () => admin,
      body: () => ({ name: '脚本' }),
      required: ['name'],
      wrongTypes: { scopes: 'user:read', expiresAt: 'tomorrow', name: 'x'.repeat(101) },
      forbidden: [...massAssignment, 'userId', 'prefix', 'secretHash', 'revokedAt', 'key'],
    },
    {
      name: 'DELETE /api-keys/:id',
      method: 'DELETE',
      url: () => `/api/v1/api-keys/${ids.apiKey}`,
      send: () => admin,
    },
    {
      name: 'PATCH /me',
      method: 'PATCH',
      url: () => '/api/v1/me',
      send: () => rep,
      body: () => ({ locale: 'en' }),
      wrongTypes: { locale: 'fr', newPassword: 1234567890, currentPassword: false },
      forbidden: [
        ...massAssignment,
        'roles',
        'email',
        'name',
        'active',
        'departmentId',
        'isAdmin',
        'permissions',
      ],
    },
    {
      name: 'POST /auth/login',
      method: 'POST',
      url: () => '/api/v1/auth/login',
      send: () => anon,
      body: () => ({ login: 'liu.yang@demo.cadence', password: 'Wrong-pass-2026' }),
      required: ['login', 'password'],
      wrongTypes: { login: 123, password: null },
      forbidden: ['orgId', 'role', 'userId', 'remember'],
    },
    {
      name: 'POST /auth/invitations/:token/accept',
      method: 'POST',
      url: () => `/api/v1/auth/invitations/${ids.invite}/accept`,
      send: () => anon,
      body: () => ({ password: strongPassword }),
      required: ['password'],
      wrongTypes: { password: 1234567890 },
      forbidden: ['email', 'roles', 'orgId', 'userId', 'active'],
    },
    {
      name: 'POST /notifications/:id/read',
      method: 'POST',
      url: () => `/api/v1/notifications/${ids.notice}/read`,
      send: () => rep,
    },
    {
      name: 'POST /jobs/:id/retry',
      method: 'POST',
      url: () => `/api/v1/jobs/${ids.job}/retry`,
      send: () => admin,
    },
    {
      name: 'POST /users/:id/invitation',
      method: 'POST',
      url: () => `/api/v1/users/${ids.user.id}/invitation`,
      send: () => admin,
    },
  ];

  beforeAll(async () => {
    // Hundreds of requests a minute from one client: rate limiting is not what this file tests.
    t = await makeTestApp(dialect, { env: { CADENCE_RATE_LIMIT_PER_MINUTE: '100000' } });
    const demo = await demoOrg(t);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    const dept = await makeDepartment(admin, { parentId: t.rootDepartmentId, name: '空部门' });
    const user = await makeUser(admin, { departmentId: demo.dept('north'), password: strongPassword });
    const role = await makeRole(admin, { permissions: { user: { actions: ['read'], scope: 'own' } } });
    const key = await admin({ method: 'POST', url: '/api/v1/api-keys', body: { name: '现有' } });
    await notify(t.ctx.db, t.orgId, [rep.userId], { kind: 'test' }, t.clock.now());
    await enqueue(t.ctx.db, { type: 'test.noop', orgId: t.orgId, runAt: t.clock.now(), now: t.clock.now() });
    await t.ctx.db.updateTable('jobs').set({ status: 'dead' }).where('type', '=', 'test.noop').execute();
    const invited = await makeUser(admin, { departmentId: t.rootDepartmentId });
    ids = {
      dept,
      user,
      role,
      apiKey: key.json().id,
      notice: (await t.ctx.db.selectFrom('notifications').select('id').executeTakeFirstOrThrow()).id,
      job: (
        await t.ctx.db
          .selectFrom('jobs')
          .select('id')
          .where('type', '=', 'test.noop')
          .executeTakeFirstOrThrow()
      ).id,
      invite: invited.invitationUrl!.slice('/invite/'.length),
    };
  });
  afterAll(() => t.close());

  const call = async (e: WriteEndpoint, r: Omit<Request, 'url' | 'method'> & { url?: string }) =>
    e.send()({
      method: e.method,
      url: r.url ?? e.url(),
      body: r.body,
      headers: { ...(await e.headers?.()), ...r.headers },
    });

  const expectFieldError = (res: LightMyRequestResponse, path: string, what: string) => {
    const body = expectProblem(res, 400, 'validation_failed');
    const paths = body.errors?.map((x) => x.path) ?? [];
    expect(
      paths.some((p) => p === path || p.startsWith(`${path}.`)),
      `${what}: errors[] must name ${path}, got ${paths.join(', ')}`,
    ).toBe(true);
    for (const err of body.errors ?? []) expect(err.message, 'each field error has a message').toBeTruthy();
  };

  describe.each(endpoints.filter((e) => e.body))('$name', (e) => {
    it('refuses wrong types with 400 validation_failed naming the field, and changes nothing', async () => {
      await unchangedBy(t, async () => {
        for (const [field, value] of Object.entries(e.wrongTypes ?? {})) {
          const res = await call(e, { body: { ...e.body!(), [field]: value } });
          expectFieldError(res, `body.${field}`, `${field}=${JSON.stringify(value)}`);
        }
      });
    });

    it('refuses a body missing a required field', async () => {
      await unchangedBy(t, async () => {
        for (const field of e.required ?? []) {
          const { [field]: _, ...rest } = e.body!();
          expectFieldError(await call(e, { body: rest }), `body.${field}`, `without ${field}`);
        }
        if (!e.required?.length) expectProblem(await call(e, { body: {} }), 400, 'validation_failed');
        expectProblem(await call(e, { body: [] }), 400, 'validation_failed');
        expectProblem(
          await call(e, { body: 'null', headers: { 'content-type': 'application/json' } }),
          400,
          'validation_failed',
        );
      });
    });

    it('refuses unknown and mass-assigned fields (org, owner, role, version, id …)', async () => {
      await unchangedBy(t, async () => {
        for (const field of ['unexpected', ...(e.forbidden ?? [])]) {
          const value = field === 'version' ? 99 : field === 'active' ? false : randomUuid;
          expectFieldError(
            await call(e, { body: { ...e.body!(), [field]: value } }),
            `body.${field}`,
            `extra ${field}`,
          );
        }
      });
    });

    it('refuses __proto__ and constructor keys', async () => {
      const json = JSON.stringify(e.body!()).slice(0, -1);
      await unchangedBy(t, async () => {
        for (const raw of [
          `${json},"__proto__":{"isAdmin":true}}`,
          `${json},"constructor":{"prototype":{"isAdmin":true}}}`,
          `${json},"constructor":1}`,
        ]) {
          const res = await call(e, { body: raw, headers: { 'content-type': 'application/json' } });
          expect(res.statusCode, `${raw}: ${res.body}`).toBe(400);
          expect(['bad_request', 'validation_failed']).toContain(res.json().code);
        }
      });
      expect(({} as Record<string, unknown>).isAdmin, 'Object.prototype must stay clean').toBeUndefined();
    });

    it('refuses SQL meta-characters where a field has a format, and stores them verbatim in free text', async () => {
      await unchangedBy(t, async () => {
        for (const field of Object.keys(e.body!()).filter(
          (f) => !['name', 'title', 'login', 'password'].includes(f),
        )) {
          for (const value of sqlMeta) {
            const res = await call(e, { body: { ...e.body!(), [field]: value } });
            expect(res.statusCode, `${field}=${value}: ${res.body}`).toBe(400);
          }
        }
      });
    });
  });

  describe.each(endpoints)('$name', (e) => {
    it('answers 413 payload_too_large to a body over 1 MiB and changes nothing', async () => {
      const res = await unchangedBy(t, () => call(e, { body: { name: 'x'.repeat(1024 * 1024 + 10) } }));
      expectProblem(res, 413, 'payload_too_large');
    });

    it('answers malformed JSON and other content types with 4xx and changes nothing', async () => {
      await unchangedBy(t, async () => {
        expectProblem(
          await call(e, { body: '{"name":', headers: { 'content-type': 'application/json' } }),
          400,
          'bad_request',
        );
        expectProblem(
          await call(e, { body: 'name=x', headers: { 'content-type': 'text/csv' } }),
          415,
          'unsupported_media_type',
        );
      });
    });

    if (e.name.includes('/:'))
      it('refuses a malformed id or token in the path, including SQL meta-characters', async () => {
        await unchangedBy(t, async () => {
          for (const bad of ['not-a-uuid', ...sqlMeta]) {
            const url = e
              .url()
              .replace(/[0-9a-f]{8}-[0-9a-f-]{27}|(?<=invitations\/)[A-Za-z0-9_-]+/, encodeURIComponent(bad));
            const res = await call(e, { url, body: e.body?.() });
            expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
            expect(res.json().errors[0].path).toMatch(/^params\./);
          }
        });
      });
  });

  describe('SQL meta-characters in free text and query parameters', () => {
    it('stores names with SQL meta-characters verbatim and creates exactly one record each', async () => {
      for (const name of sqlMeta) {
        const before = await countRows(t, 'departments');
        const created = await makeDepartment(admin, { parentId: t.rootDepartmentId, name: `部门 ${name}` });
        expect((await admin({ url: `/api/v1/departments/${created.id}` })).json().name).toBe(`部门 ${name}`);
        expect(await countRows(t, 'departments')).toBe(before + 1);
        const role = await admin({
          method: 'POST',
          url: '/api/v1/roles',
          body: { key: `r_${sqlMeta.indexOf(name)}`, name, description: name, permissions: {} },
        });
        expect(role.statusCode, role.body).toBe(201);
        expect(role.json()).toMatchObject({ name, description: name });
      }
    });

    it('answers sign-in with SQL meta-characters as wrong credentials and nothing else', async () => {
      for (const login of sqlMeta) {
        expectProblem(await signIn(t, login, login, '10.3.1.1'), 401, 'invalid_credentials');
      }
    });

    it('treats LIKE wildcards and quotes in q literally', async () => {
      const before = await countRows(t, 'users');
      for (const q of sqlMeta) {
        const res = await admin({ url: `/api/v1/users?q=${encodeURIComponent(q)}` });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().data, `q=${q} must match nothing yet`).toEqual([]);
      }
      const odd = await makeUser(admin, {
        departmentId: t.rootDepartmentId,
        name: `百分%下划线_反斜杠\\引号' OR 1=1 --`,
      });
      for (const q of sqlMeta.slice(0, 1).concat('%', '_', '\\', "'")) {
        const res = await admin({ url: `/api/v1/users?q=${encodeURIComponent(q)}` });
        expect(
          res.json().data.map((u: { id: string }) => u.id),
          `q=${q}`,
        ).toEqual([odd.id]);
      }
      expect(await countRows(t, 'users')).toBe(before + 1);
    });

    it('answers SQL meta-characters in filters, sort and cursor with an empty list or a 400, never an error', async () => {
      await unchangedBy(t, async () => {
        for (const v of sqlMeta) {
          const enc = encodeURIComponent(v);
          expect((await admin({ url: `/api/v1/users?role=${enc}` })).json().data).toEqual([]);
          expectProblem(await admin({ url: `/api/v1/users?sort=${enc}` }), 400, 'invalid_sort');
          expectProblem(await admin({ url: `/api/v1/users?cursor=${enc}` }), 400, 'invalid_cursor');
          expectProblem(await admin({ url: `/api/v1/users?departmentId=${enc}` }), 400, 'validation_failed');
          for (const param of ['object', 'action']) {
            const res = await admin({ url: `/api/v1/audit-log?${param}=${enc}` });
            if (res.statusCode === 200) expect(res.json().data, `${param}=${v}`).toEqual([]);
            else expectProblem(res, 400, 'validation_failed');
          }
          expectProblem(await admin({ url: `/api/v1/jobs?status=${enc}` }), 400, 'validation_failed');
          const idem = await admin({
            method: 'POST',
            url: '/api/v1/departments',
            body: { name: 'x', parentId: t.rootDepartmentId },
            headers: { 'idempotency-key': v },
          });
          expect(expectProblem(idem, 400, 'bad_request').errors?.[0]?.path).toBe('header.idempotency-key');
          const version = await admin({
            method: 'PATCH',
            url: `/api/v1/departments/${ids.dept.id}`,
            body: { name: 'x' },
            headers: { 'if-match': v },
          });
          expectProblem(version, 400, 'bad_request');
        }
      });
    });
  });

  describe('sort and cursor', () => {
    it('answers an unknown sort field with 400 invalid_sort naming it', async () => {
      for (const sort of ['password_hash', '-email', '__proto__', 'constructor', 'name;drop']) {
        const body = expectProblem(
          await admin({ url: `/api/v1/users?sort=${encodeURIComponent(sort)}` }),
          400,
          'invalid_sort',
        );
        expect(body.errors?.[0]?.path).toBe('query.sort');
      }
    });

    it('answers a bad or tampered cursor with 400 invalid_cursor', async () => {
      const enc = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
      const page = (await admin({ url: '/api/v1/users?limit=2&sort=name' })).json();
      expect(page.nextCursor).toBeTruthy();
      for (const [sort, cursor] of [
        ['name', 'garbage'],
        ['name', enc({ not: 'an array' })],
        ['createdAt', page.nextCursor], // a cursor of another sort
        ['-name', page.nextCursor], // … or direction
        ['name', enc(['name', 'asc', 5, 'x'])], // a number for a text column
        ['lastLoginAt', enc(['lastLoginAt', 'asc', 'abc', 'x'])], // text for a numeric column
        ['createdAt', enc(['createdAt', 'asc', 1.5, 'x'])],
        ['createdAt', enc(['createdAt', 'asc', 1e300, 'x'])],
      ]) {
        const res = await admin({ url: `/api/v1/users?sort=${sort}&cursor=${cursor}` });
        expectProblem(res, 400, 'invalid_cursor');
      }
      expectProblem(
        await admin({ url: `/api/v1/audit-log?cursor=${enc(['id', 'desc', 5, 'x'])}` }),
        400,
        'invalid_cursor',
      );
    });

    it.each(['name', '-name', 'createdAt', '-createdAt', 'lastLoginAt', '-lastLoginAt'])(
      'pages through every user exactly once sorted by %s',
      async (sort) => {
        const all = (await admin({ url: '/api/v1/users?limit=200' })).json().data as { id: string }[];
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res: LightMyRequestResponse = await admin({
            url: `/api/v1/users?limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`,
          });
          expect(res.statusCode, res.body).toBe(200);
          seen.push(...res.json().data.map((u: { id: string }) => u.id));
          cursor = res.json().nextCursor;
        } while (cursor && seen.length <= all.length);
        expect(seen.length, 'no row twice, none skipped').toBe(all.length);
        expect(new Set(seen)).toEqual(new Set(all.map((u) => u.id)));
      },
    );

    it('refuses limits outside 1..200', async () => {
      for (const limit of ['0', '201', '-1', 'ten', '1.5'])
        expectProblem(await admin({ url: `/api/v1/users?limit=${limit}` }), 400, 'validation_failed');
    });
  });

  describe('versions (If-Match)', () => {
    const updates = () => [
      { url: `/api/v1/departments/${ids.dept.id}`, version: ids.dept.version, body: { name: '并发' } },
      { url: `/api/v1/users/${ids.user.id}`, version: ids.user.version, body: { title: '并发' } },
      { url: `/api/v1/roles/${ids.role.id}`, version: ids.role.version, body: { name: '并发' } },
    ];

    it('answers a stale version with 412 version_conflict carrying the current record', async () => {
      await unchangedBy(t, async () => {
        for (const u of updates()) {
          for (const method of ['PATCH', 'DELETE'] as const) {
            if (method === 'DELETE' && u.url.includes('/users/')) continue;
            const res = await admin({
              method,
              url: u.url,
              body: method === 'PATCH' ? u.body : undefined,
              headers: { 'if-match': String(u.version + 5) },
            });
            const body = expectProblem(res, 412, 'version_conflict');
            expect(body.current, `${method} ${u.url}`).toMatchObject({
              id: u.url.split('/').at(-1),
              version: u.version,
            });
          }
        }
      });
    });

    it('answers a missing If-Match with 428 and a malformed one with 400', async () => {
      await unchangedBy(t, async () => {
        for (const u of updates()) {
          expectProblem(
            await admin({ method: 'PATCH', url: u.url, body: u.body }),
            428,
            'precondition_required',
          );
          expectProblem(
            await admin({ method: 'PATCH', url: u.url, body: u.body, headers: { 'if-match': 'abc' } }),
            400,
            'bad_request',
          );
        }
        expectProblem(
          await admin({ method: 'DELETE', url: `/api/v1/roles/${ids.role.id}` }),
          428,
          'precondition_required',
        );
      });
    });

    it('accepts the current version as a bare number or an ETag, and bumps it', async () => {
      const dept = await makeDepartment(admin, { parentId: t.rootDepartmentId });
      const a = await admin({
        method: 'PATCH',
        url: `/api/v1/departments/${dept.id}`,
        body: { name: '一' },
        headers: { 'if-match': '1' },
      });
      expect(a.json().version).toBe(2);
      const b = await admin({
        method: 'PATCH',
        url: `/api/v1/departments/${dept.id}`,
        body: { name: '二' },
        headers: { 'if-match': 'W/"2"' },
      });
      expect(b.json()).toMatchObject({ name: '二', version: 3 });
      expectProblem(
        await admin({
          method: 'PATCH',
          url: `/api/v1/departments/${dept.id}`,
          body: { name: '三' },
          headers: { 'if-match': '2' },
        }),
        412,
        'version_conflict',
      );
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the stored response for the same key and body, and creates one record', async () => {
      const before = {
        departments: await countRows(t, 'departments'),
        audit: await countRows(t, 'auditLog'),
      };
      const send = (body: unknown) =>
        admin({
          method: 'POST',
          url: '/api/v1/departments',
          body,
          headers: { 'idempotency-key': 'create-dept-0001' },
        });
      const body = { name: '幂等部门', parentId: t.rootDepartmentId };
      const first = await send(body);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await send(body);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
      expect(await countRows(t, 'departments')).toBe(before.departments + 1);
      expect(await countRows(t, 'auditLog')).toBe(before.audit + 1);

      const reused = await unchangedBy(t, () => send({ ...body, name: '另一个' }));
      expectProblem(reused, 422, 'idempotency_key_reused');
    });

    it('keeps keys per user: another user’s same key is a new request', async () => {
      const key = { 'idempotency-key': 'shared-key-0001' };
      const body = { name: '各自的钥匙' };
      const mine = await admin({ method: 'POST', url: '/api/v1/api-keys', body, headers: key });
      const theirs = await rep({ method: 'POST', url: '/api/v1/api-keys', body, headers: key });
      expect(mine.statusCode).toBe(201);
      expect(theirs.statusCode).toBe(201);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      expect(theirs.json().id).not.toBe(mine.json().id);
    });

    it('replays a refused request the same way and never runs it twice', async () => {
      const key = { 'idempotency-key': 'bad-parent-0001' };
      const body = { name: '无父部门', parentId: randomUuid };
      await unchangedBy(t, async () => {
        const first = await admin({ method: 'POST', url: '/api/v1/departments', body, headers: key });
        expectProblem(first, 422, 'validation_failed');
      });
      const again = await admin({ method: 'POST', url: '/api/v1/departments', body, headers: key });
      expectProblem(again, 422, 'validation_failed');
      expect(again.headers['idempotent-replayed']).toBe('true');
    });
  });

  describe('problem responses', () => {
    it('speak zh-CN by default and English with Accept-Language: en', async () => {
      const zh = await rep({ url: `/api/v1/users/${randomUuid}` });
      const en = await rep({
        url: `/api/v1/users/${randomUuid}`,
        headers: { 'accept-language': 'en-US,en;q=0.9' },
      });
      expect(expectProblem(zh, 404, 'not_found').title).toBe('记录不存在或无权查看');
      expect(zh.headers['content-language']).toBe('zh-CN');
      expect(expectProblem(en, 404, 'not_found').title).toBe(
        'The record does not exist or you may not see it',
      );
      expect(en.headers['content-language']).toBe('en');
      expect(en.json()).toMatchObject({
        type: 'urn:cadence:problem:not_found',
        status: 404,
        detail: expect.any(String),
      });
    });

    it('localise field errors too', async () => {
      const body = { name: 123, parentId: t.rootDepartmentId };
      const zh = await admin({ method: 'POST', url: '/api/v1/departments', body });
      const en = await admin({
        method: 'POST',
        url: '/api/v1/departments',
        body,
        headers: { 'accept-language': 'en' },
      });
      expect(expectProblem(zh, 400, 'validation_failed').title).toBe('提交的数据未通过校验');
      expect(expectProblem(en, 400, 'validation_failed').title).toBe('The submitted data is not valid');
      expect(zh.json().errors[0]).toMatchObject({ path: 'body.name', code: 'invalid_type' });
      expect(en.json().errors[0].message).toMatch(/expected string, received number/i);
      expect(zh.json().errors[0].message).not.toBe(en.json().errors[0].message);
    });

    it('fill business-rule errors in the request language', async () => {
      const en = await admin({
        method: 'POST',
        url: '/api/v1/users',
        headers: { 'accept-language': 'en' },
        body: {
          name: '弱',
          email: 'weak.en@test.cadence',
          departmentId: t.rootDepartmentId,
          roles: ['sales_rep'],
          password: 'short1',
        },
      });
      const body = expectProblem(en, 422, 'weak_password');
      expect(body.title).toBe(
        'The password must have at least 10 characters, contain letters and digits, and differ from the account',
      );
      expect(body.errors?.[0]).toMatchObject({ path: 'body.password', code: 'weak_password' });
      expect(body.errors?.[0]?.message).toContain('10');
    });
  });

  describe('business rules', () => {
    it('refuses department moves into their own subtree, and moving or deleting the root', async () => {
      const parent = await makeDepartment(admin, { parentId: t.rootDepartmentId });
      const child = await makeDepartment(admin, { parentId: parent.id });
      const move = (id: string, parentId: string, version: number) =>
        admin({
          method: 'PATCH',
          url: `/api/v1/departments/${id}`,
          body: { parentId },
          headers: { 'if-match': String(version) },
        });
      const root = (await admin({ url: `/api/v1/departments/${t.rootDepartmentId}` })).json();
      await unchangedBy(t, async () => {
        expectProblem(await move(parent.id, child.id, parent.version), 422, 'department_cycle');
        expectProblem(await move(parent.id, parent.id, parent.version), 422, 'department_cycle');
        expectProblem(await move(t.rootDepartmentId, parent.id, root.version), 422, 'root_department');
        const delRoot = await admin({
          method: 'DELETE',
          url: `/api/v1/departments/${t.rootDepartmentId}`,
          headers: { 'if-match': String(root.version) },
        });
        expectProblem(delRoot, 422, 'root_department');
        const delParent = await admin({
          method: 'DELETE',
          url: `/api/v1/departments/${parent.id}`,
          headers: { 'if-match': String(parent.version) },
        });
        expectProblem(delParent, 409, 'department_not_empty');
      });
      const moved = await move(child.id, t.rootDepartmentId, child.version);
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ parentId: t.rootDepartmentId, version: child.version + 1 });
    });

    it('refuses a department with members to be deleted', async () => {
      const dept = await makeDepartment(admin, { parentId: t.rootDepartmentId });
      await makeUser(admin, { departmentId: dept.id });
      const res = await unchangedBy(t, () =>
        admin({
          method: 'DELETE',
          url: `/api/v1/departments/${dept.id}`,
          headers: { 'if-match': String(dept.version) },
        }),
      );
      expectProblem(res, 409, 'department_not_empty');
    });

    it('refuses duplicate e-mail, mobile and role key with 409 naming the field', async () => {
      const base = { name: '重复', departmentId: t.rootDepartmentId, roles: ['sales_rep'] };
      await unchangedBy(t, async () => {
        for (const [body, code, path] of [
          [{ ...base, email: 'LIU.YANG@demo.cadence' }, 'duplicate_email', 'body.email'],
          [
            { ...base, email: 'fresh.one@test.cadence', mobile: '13800000004' },
            'duplicate_mobile',
            'body.mobile',
          ],
        ] as const) {
          const res = await admin({ method: 'POST', url: '/api/v1/users', body });
          expect(expectProblem(res, 409, code).errors?.[0]?.path).toBe(path);
        }
        const role = await admin({
          method: 'POST',
          url: '/api/v1/roles',
          body: { key: 'sales_rep', name: '重复', permissions: {} },
        });
        expect(expectProblem(role, 409, 'duplicate_role_key').errors?.[0]?.path).toBe('body.key');
      });
    });

    it('refuses unknown role keys, objects, actions and maskable fields with 422', async () => {
      await unchangedBy(t, async () => {
        const user = await admin({
          method: 'POST',
          url: '/api/v1/users',
          body: {
            name: '无角色',
            email: 'no.role@test.cadence',
            departmentId: t.rootDepartmentId,
            roles: ['emperor'],
          },
        });
        expect(expectProblem(user, 422, 'validation_failed').errors?.[0]?.path).toBe('body.roles');
        for (const [body, path] of [
          [{ permissions: { spaceship: { actions: ['read'], scope: 'all' } } }, 'body.permissions.spaceship'],
          [{ permissions: { job: { actions: ['delete'], scope: 'all' } } }, 'body.permissions.job.actions'],
          [{ permissions: {}, maskedFields: ['user.name'] }, 'body.maskedFields'],
        ] as const) {
          const res = await admin({
            method: 'POST',
            url: '/api/v1/roles',
            body: { key: 'odd_role', name: '怪角色', ...body },
          });
          expect(expectProblem(res, 422, 'validation_failed').errors?.[0]?.path).toBe(path);
        }
      });
    });

    it('refuses to retry a job that is not dead, and a notification of someone else', async () => {
      const other = await makeUser(admin, { departmentId: t.rootDepartmentId });
      await notify(t.ctx.db, t.orgId, [other.id], { kind: 'private' }, t.clock.now());
      const theirs = await t.ctx.db
        .selectFrom('notifications')
        .select('id')
        .where('userId', '=', other.id)
        .executeTakeFirstOrThrow();
      await enqueue(t.ctx.db, {
        type: 'test.later',
        orgId: t.orgId,
        runAt: t.clock.now() + 60_000,
        now: t.clock.now(),
      });
      const queued = await t.ctx.db
        .selectFrom('jobs')
        .select('id')
        .where('type', '=', 'test.later')
        .executeTakeFirstOrThrow();
      await unchangedBy(t, async () => {
        expectProblem(
          await rep({ method: 'POST', url: `/api/v1/notifications/${theirs.id}/read` }),
          404,
          'not_found',
        );
        expect((await admin({ method: 'POST', url: `/api/v1/jobs/${queued.id}/retry` })).statusCode).toBe(
          409,
        );
        expectProblem(await rep({ method: 'POST', url: `/api/v1/jobs/${ids.job}/retry` }), 403, 'forbidden');
      });
    });
  });

  describe('transactions', () => {
    it('rolls back a user update that fails after its first write: no change, no audit row, no event', async () => {
      const res = await unchangedBy(t, () =>
        admin({
          method: 'PATCH',
          url: `/api/v1/users/${ids.user.id}`,
          headers: { 'if-match': String(ids.user.version) },
          body: { name: '改了一半', roles: ['no_such_role'] },
        }),
      );
      expect(expectProblem(res, 422, 'validation_failed').errors?.[0]?.path).toBe('body.roles');
    });

    it('rolls back a department move that fails after the tree was rewritten', async () => {
      const target = await makeDepartment(admin, { parentId: t.rootDepartmentId });
      const res = await unchangedBy(t, () =>
        admin({
          method: 'PATCH',
          url: `/api/v1/departments/${ids.dept.id}`,
          headers: { 'if-match': String(ids.dept.version) },
          body: { parentId: target.id, managerId: randomUuid },
        }),
      );
      expect(expectProblem(res, 422, 'validation_failed').errors?.[0]?.path).toBe('body.managerId');
    });
  });
});
