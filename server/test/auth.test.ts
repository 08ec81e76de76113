import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/platform/auth/tokens.js';
import { testDialects } from '../src/testing/db.js';
import { adminPassword, makeTestApp, type TestApp } from '../src/testing/harness.js';
import {
  bearer,
  clientFrom,
  day,
  demoOrg,
  demoPassword,
  expectProblem,
  hour,
  makeApiKey,
  makeRole,
  makeUser,
  minute,
  sameAnswer,
  sessionCookieOf,
  signIn,
  strongPassword,
  unchangedBy,
} from './helpers.js';

describe.each(testDialects)('sign-in, sessions, CSRF, lockout, invitations and API keys on %s', (dialect) => {
  let t: TestApp;
  let ipSeq = 0;
  /** A client IP of its own for each caller, so IP throttling of one test never touches another. */
  const freshIp = () => `10.1.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
  const admin = async () => clientFrom(t, await signIn(t, 'admin@test.cadence', adminPassword, freshIp()));
  /** A user with a password of their own, for tests that lock, deactivate or re-role an account. */
  const makeAccount = async (o: { roles?: string[]; mobile?: string } = {}) => {
    const u = await makeUser(await admin(), {
      departmentId: t.rootDepartmentId,
      password: strongPassword,
      ...o,
    });
    return u;
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await demoOrg(t);
  });
  afterAll(() => t.close());

  describe('sign-in', () => {
    it('signs in by e-mail (any case) and by mobile to the same account', async () => {
      const byEmail = await signIn(t, 'Liu.Yang@demo.cadence', demoPassword, freshIp());
      expect(byEmail.statusCode, byEmail.body).toBe(200);
      const byMobile = await signIn(t, '13800000004', demoPassword, freshIp());
      expect(byMobile.statusCode, byMobile.body).toBe(200);
      expect(byMobile.json().user.id).toBe(byEmail.json().user.id);
      expect(byEmail.json().user).toMatchObject({
        email: 'liu.yang@demo.cadence',
        departmentName: '上海一组',
      });
    });

    it('sets an httpOnly session cookie and a readable CSRF cookie that matches the returned token', async () => {
      const res = await signIn(t, 'chen.jing@demo.cadence', demoPassword, freshIp());
      const session = res.cookies.find((c) => c.name === 'cadence_session')!;
      const csrf = res.cookies.find((c) => c.name === 'cadence_csrf')!;
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(csrf.httpOnly).toBeFalsy();
      expect(csrf.value).toBe(res.json().csrfToken);
    });

    it('answers 401 with an identical body for an unknown account, a wrong password and a deactivated account', async () => {
      const gone = await makeAccount();
      const deactivate = await (await admin())({
        method: 'PATCH',
        url: `/api/v1/users/${gone.id}`,
        headers: { 'if-match': String(gone.version) },
        body: { active: false },
      });
      expect(deactivate.statusCode, deactivate.body).toBe(200);
      const unknown = await signIn(t, 'nobody@demo.cadence', demoPassword, freshIp());
      const wrong = await signIn(t, 'liu.yang@demo.cadence', 'Wrong-pass-2026', freshIp());
      const inactive = await signIn(t, gone.email, strongPassword, freshIp());
      expectProblem(unknown, 401, 'invalid_credentials');
      expect(sameAnswer(wrong)).toEqual(sameAnswer(unknown));
      expect(sameAnswer(inactive)).toEqual(sameAnswer(unknown));
      expect(unknown.cookies).toEqual([]);
    });
  });

  describe('sessions', () => {
    it('issues a new session id at each sign-in and drops the one the browser held before', async () => {
      const ip = freshIp();
      const first = await signIn(t, 'chen.jing@demo.cadence', demoPassword, ip);
      const other = await signIn(t, 'chen.jing@demo.cadence', demoPassword, ip);
      expect(sessionCookieOf(other)).not.toBe(sessionCookieOf(first));
      // The same browser signing in again presents its old cookie: it gets a new id and the old one dies.
      const again = await signIn(t, 'chen.jing@demo.cadence', demoPassword, ip, {
        cookie: `cadence_session=${sessionCookieOf(first)}`,
      });
      expect(sessionCookieOf(again)).not.toBe(sessionCookieOf(first));
      const me = (cookie: string | undefined) =>
        t.app.inject({ url: '/api/v1/me', headers: { cookie: `cadence_session=${cookie}` } });
      expectProblem(await me(sessionCookieOf(first)), 401, 'unauthenticated');
      expect((await me(sessionCookieOf(again))).statusCode).toBe(200);
      expect((await me(sessionCookieOf(other))).statusCode).toBe(200);
    });

    it('ends the session on the server at logout, so the old cookie no longer works', async () => {
      const res = await signIn(t, 'chen.jing@demo.cadence', demoPassword, freshIp());
      const client = clientFrom(t, res);
      const cookie = `cadence_session=${sessionCookieOf(res)}`;
      const out = await client({ method: 'POST', url: '/api/v1/auth/logout' });
      expect(out.statusCode).toBe(204);
      expect(out.cookies.find((c) => c.name === 'cadence_session')?.value).toBe('');
      expectProblem(await t.app.inject({ url: '/api/v1/me', headers: { cookie } }), 401, 'unauthenticated');
      expectProblem(await client({ url: '/api/v1/me' }), 401, 'unauthenticated');
    });

    it('keeps an active session alive but ends it after 24 hours without a request', async () => {
      const client = clientFrom(t, await signIn(t, 'zhao.lei@demo.cadence', demoPassword, freshIp()));
      t.clock.advance(23 * hour);
      expect((await client({ url: '/api/v1/me' })).statusCode).toBe(200);
      t.clock.advance(23 * hour); // 46 h after sign-in, 23 h idle: the idle expiry slid forward
      expect((await client({ url: '/api/v1/me' })).statusCode).toBe(200);
      t.clock.advance(24 * hour + minute);
      expectProblem(await client({ url: '/api/v1/me' }), 401, 'unauthenticated');
    });

    it('ends a session 7 days after sign-in however active it is', async () => {
      const client = clientFrom(t, await signIn(t, 'zhao.lei@demo.cadence', demoPassword, freshIp()));
      for (let elapsed = 0; elapsed + 20 * hour < 7 * day; elapsed += 20 * hour) {
        t.clock.advance(20 * hour);
        expect((await client({ url: '/api/v1/me' })).statusCode, `after ${elapsed + 20 * hour} ms`).toBe(200);
      }
      t.clock.advance(20 * hour);
      expectProblem(await client({ url: '/api/v1/me' }), 401, 'unauthenticated');
    });
  });

  describe('CSRF', () => {
    it('refuses a cookie-authenticated write without, with a wrong, or with another session’s CSRF token', async () => {
      const res = await signIn(t, 'admin@test.cadence', adminPassword, freshIp());
      const cookie = `cadence_session=${sessionCookieOf(res)}`;
      const otherSession = clientFrom(t, await signIn(t, 'admin@test.cadence', adminPassword, freshIp()));
      const post = (headers: Record<string, string>) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/departments',
          payload: { name: 'CSRF 测试', parentId: t.rootDepartmentId },
          headers: { cookie, ...headers },
        });
      await unchangedBy(t, async () => {
        expectProblem(await post({}), 403, 'csrf_failed');
        expectProblem(await post({ 'x-csrf-token': 'wrong' }), 403, 'csrf_failed');
        expectProblem(await post({ 'x-csrf-token': otherSession.csrf }), 403, 'csrf_failed');
      });
      // Reads need no token; the right token lets the write through.
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
      expect((await post({ 'x-csrf-token': res.json().csrfToken })).statusCode).toBe(201);
    });
  });

  describe('lockout', () => {
    it('locks an account for 15 minutes after 5 failures, even with the right password, then lets it in', async () => {
      const u = await makeAccount();
      // Each failure from another IP, so only the per-account rule can be what locks.
      for (let i = 0; i < 5; i++)
        expectProblem(await signIn(t, u.email, 'Wrong-pass-2026', freshIp()), 401, 'invalid_credentials');
      const locked = await signIn(t, u.email, strongPassword, freshIp());
      const body = expectProblem(locked, 429, 'login_locked');
      expect(locked.headers['retry-after']).toBe(String(15 * 60));
      expect(body.title).toContain('15');
      expect(locked.cookies).toEqual([]);
      t.clock.advance(14 * minute);
      expectProblem(await signIn(t, u.email, strongPassword, freshIp()), 429, 'login_locked');
      t.clock.advance(minute + 1000);
      expect((await signIn(t, u.email, strongPassword, freshIp())).statusCode).toBe(200);
    });

    it('counts failures by e-mail and by mobile against the same account', async () => {
      const u = await makeAccount({ mobile: '13911112222' });
      for (let i = 0; i < 3; i++) await signIn(t, u.email, 'Wrong-pass-2026', freshIp());
      for (let i = 0; i < 2; i++) await signIn(t, '13911112222', 'Wrong-pass-2026', freshIp());
      expectProblem(await signIn(t, u.email, strongPassword, freshIp()), 429, 'login_locked');
      expectProblem(await signIn(t, '13911112222', strongPassword, freshIp()), 429, 'login_locked');
      t.clock.advance(15 * minute + 1000);
    });

    it('locks an IP after 5 failures on any accounts, while the same account still signs in from elsewhere', async () => {
      const ip = freshIp();
      for (let i = 0; i < 5; i++) await signIn(t, `nobody${i}@demo.cadence`, 'Wrong-pass-2026', ip);
      const locked = await signIn(t, 'hu.bin@demo.cadence', demoPassword, ip);
      expectProblem(locked, 429, 'login_locked');
      expect(Number(locked.headers['retry-after'])).toBe(15 * 60);
      expect((await signIn(t, 'hu.bin@demo.cadence', demoPassword, freshIp())).statusCode).toBe(200);
      t.clock.advance(15 * minute + 1000);
      expect((await signIn(t, 'hu.bin@demo.cadence', demoPassword, ip)).statusCode).toBe(200);
    });

    it('starts counting again after a successful sign-in', async () => {
      const u = await makeAccount();
      for (let i = 0; i < 4; i++) await signIn(t, u.email, 'Wrong-pass-2026', freshIp());
      expect((await signIn(t, u.email, strongPassword, freshIp())).statusCode).toBe(200);
      for (let i = 0; i < 4; i++) await signIn(t, u.email, 'Wrong-pass-2026', freshIp());
      expect((await signIn(t, u.email, strongPassword, freshIp())).statusCode).toBe(200);
    });
  });

  describe('password policy', () => {
    const weak = ['Short1', 'onlyletters-here', '1234567890123', 'Ab1'];

    it('refuses weak initial passwords on user create with 422 weak_password and creates nobody', async () => {
      const c = await admin();
      for (const password of [...weak, 'Weak.user1@test.cadence']) {
        const res = await unchangedBy(t, () =>
          c({
            method: 'POST',
            url: '/api/v1/users',
            body: {
              name: '弱密码',
              email: 'weak.user1@test.cadence',
              departmentId: t.rootDepartmentId,
              roles: ['sales_rep'],
              password,
            },
          }),
        );
        const body = expectProblem(res, 422, 'weak_password');
        expect(body.errors?.[0]?.path).toBe('body.password');
      }
    });

    it('refuses a weak new password on PATCH /me and keeps the old one', async () => {
      const u = await makeAccount();
      const me = clientFrom(t, await signIn(t, u.email, strongPassword, freshIp()));
      for (const newPassword of [...weak, u.email]) {
        const res = await unchangedBy(t, () =>
          me({ method: 'PATCH', url: '/api/v1/me', body: { currentPassword: strongPassword, newPassword } }),
        );
        expectProblem(res, 422, 'weak_password');
      }
      const wrongCurrent = await me({
        method: 'PATCH',
        url: '/api/v1/me',
        body: { currentPassword: 'Wrong-pass-2026', newPassword: 'Another-passw0rd' },
      });
      expect(expectProblem(wrongCurrent, 422, 'validation_failed').errors?.[0]?.path).toBe(
        'body.currentPassword',
      );
      expect((await signIn(t, u.email, strongPassword, freshIp())).statusCode).toBe(200);
    });

    it('changes the password on PATCH /me, ending the other sessions but not this one', async () => {
      const u = await makeAccount();
      const me = clientFrom(t, await signIn(t, u.email, strongPassword, freshIp()));
      const elsewhere = clientFrom(t, await signIn(t, u.email, strongPassword, freshIp()));
      const res = await me({
        method: 'PATCH',
        url: '/api/v1/me',
        body: { currentPassword: strongPassword, newPassword: 'Another-passw0rd' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect((await me({ url: '/api/v1/me' })).statusCode).toBe(200);
      expectProblem(await elsewhere({ url: '/api/v1/me' }), 401, 'unauthenticated');
      expectProblem(await signIn(t, u.email, strongPassword, freshIp()), 401, 'invalid_credentials');
      expect((await signIn(t, u.email, 'Another-passw0rd', freshIp())).statusCode).toBe(200);
      const audit = await t.ctx.db
        .selectFrom('auditLog')
        .select(['after'])
        .where('recordId', '=', u.id)
        .where('action', '=', 'update')
        .execute();
      expect(audit.map((a) => a.after).join()).not.toContain('Another-passw0rd');
    });
  });

  describe('invitations', () => {
    const invite = async () => {
      const u = await makeUser(await admin(), { departmentId: t.rootDepartmentId });
      expect(u.invitationUrl).toMatch(/^\/invite\/[A-Za-z0-9_-]{20,100}$/);
      return { ...u, token: u.invitationUrl!.slice('/invite/'.length) };
    };
    const accept = (token: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/auth/invitations/${token}/accept`,
        payload: { password },
        headers: { 'x-forwarded-for': freshIp() },
      });

    it('lets an invited user set a password from the link and be signed in, once', async () => {
      const u = await invite();
      expectProblem(await signIn(t, u.email, strongPassword, freshIp()), 401, 'invalid_credentials');
      const info = await t.app.inject({ url: `/api/v1/auth/invitations/${u.token}` });
      expect(info.json()).toEqual({ name: u.name, email: u.email, orgName: '测试公司' });
      const accepted = await accept(u.token, strongPassword);
      const client = clientFrom(t, accepted);
      expect((await client({ url: '/api/v1/me' })).json().id).toBe(u.id);
      expect((await signIn(t, u.email, strongPassword, freshIp())).statusCode).toBe(200);
      await unchangedBy(t, async () => {
        expectProblem(await accept(u.token, 'Other-passw0rd'), 404, 'invite_invalid');
        expectProblem(
          await t.app.inject({ url: `/api/v1/auth/invitations/${u.token}` }),
          404,
          'invite_invalid',
        );
      });
      expectProblem(await signIn(t, u.email, 'Other-passw0rd', freshIp()), 401, 'invalid_credentials');
    });

    it('refuses a weak password on accept and keeps the invitation usable', async () => {
      const u = await invite();
      for (const password of ['Short1', 'onlyletters-here', u.email]) {
        const res = await unchangedBy(t, () => accept(u.token, password));
        expect(expectProblem(res, 422, 'weak_password').errors?.[0]?.path).toBe('body.password');
      }
      expect((await accept(u.token, strongPassword)).statusCode).toBe(200);
    });

    it('expires an invitation after 7 days, and a new link replaces the old one', async () => {
      const u = await invite();
      t.clock.advance(7 * day);
      expectProblem(
        await t.app.inject({ url: `/api/v1/auth/invitations/${u.token}` }),
        404,
        'invite_invalid',
      );
      expectProblem(await accept(u.token, strongPassword), 404, 'invite_invalid');
      const again = await (await admin())({ method: 'POST', url: `/api/v1/users/${u.id}/invitation` });
      expect(again.statusCode, again.body).toBe(201);
      const token = (again.json().invitationUrl as string).slice('/invite/'.length);
      expect(token).not.toBe(u.token);
      expect((await accept(token, strongPassword)).statusCode).toBe(200);
    });

    it('stops the invitation of a user deactivated before accepting it', async () => {
      const u = await invite();
      const off = await (await admin())({
        method: 'PATCH',
        url: `/api/v1/users/${u.id}`,
        headers: { 'if-match': String(u.version) },
        body: { active: false },
      });
      expect(off.statusCode, off.body).toBe(200);
      await unchangedBy(t, async () => {
        expectProblem(await accept(u.token, strongPassword), 404, 'invite_invalid');
      });
    });

    it('answers an unknown or malformed token like a used one', async () => {
      expectProblem(
        await t.app.inject({ url: '/api/v1/auth/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }),
        404,
        'invite_invalid',
      );
      expectProblem(await t.app.inject({ url: '/api/v1/auth/invitations/short' }), 400, 'validation_failed');
    });
  });

  describe('API keys', () => {
    it('shows a new key once and stores only a hash of it', async () => {
      const c = await admin();
      const created = await makeApiKey(c);
      expect(created.key).toMatch(/^ck_[A-Za-z0-9_-]{10}_[A-Za-z0-9_-]{32,64}$/);
      const secret = created.key.slice('ck_'.length + 10 + 1); // ck_<10-char prefix>_<secret>
      const row = await t.ctx.db
        .selectFrom('apiKeys')
        .selectAll()
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(secret);
      expect(row.secretHash).toBe(sha256(secret));
      const listed = await c({ url: '/api/v1/api-keys' });
      const mine = listed.json().data.find((k: { id: string }) => k.id === created.id);
      expect(mine).toMatchObject({ prefix: created.prefix, revokedAt: null });
      expect(mine).not.toHaveProperty('key');
      expect(listed.body).not.toContain(secret);
      const audit = await t.ctx.db
        .selectFrom('auditLog')
        .selectAll()
        .where('recordId', '=', created.id)
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain(secret);
    });

    it('authenticates `Authorization: Bearer` writes without a CSRF token', async () => {
      const { key } = await makeApiKey(await admin());
      const api = bearer(t, key);
      const res = await api({
        method: 'POST',
        url: '/api/v1/departments',
        body: { name: '接口创建', parentId: t.rootDepartmentId },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('narrows the user’s rights to the key’s scopes', async () => {
      const { key } = await makeApiKey(await admin(), ['user:read']);
      const api = bearer(t, key);
      expect((await api({ url: '/api/v1/users' })).statusCode).toBe(200);
      const me = await api({ url: '/api/v1/me' });
      expect(me.json()).toMatchObject({ isAdmin: false, permissions: { user: { actions: ['read'] } } });
      expect(Object.keys(me.json().permissions)).toEqual(['user']);
      await unchangedBy(t, async () => {
        expectProblem(
          await api({
            method: 'POST',
            url: '/api/v1/departments',
            body: { name: '越权', parentId: t.rootDepartmentId },
          }),
          403,
          'forbidden',
        );
      });
      expectProblem(await api({ url: '/api/v1/roles' }), 403, 'forbidden');
    });

    it('refuses a key scope beyond the user’s own rights with 422 api_key_scope_exceeds', async () => {
      const rep = clientFrom(t, await signIn(t, 'liu.yang@demo.cadence', demoPassword, freshIp()));
      for (const scopes of [['department:create'], ['user:read', 'role:*'], ['nothing:read']]) {
        const res = await unchangedBy(t, () =>
          rep({ method: 'POST', url: '/api/v1/api-keys', body: { name: 'k', scopes } }),
        );
        const body = expectProblem(res, 422, 'api_key_scope_exceeds');
        expect(body.errors?.[0]?.path).toBe('body.scopes');
      }
      await makeApiKey(rep, ['user:read', 'department:*']);
    });

    it('answers 401 to a revoked key', async () => {
      const c = await admin();
      const { id, key } = await makeApiKey(c);
      expect((await bearer(t, key)({ url: '/api/v1/me' })).statusCode).toBe(200);
      expect((await c({ method: 'DELETE', url: `/api/v1/api-keys/${id}` })).statusCode).toBe(204);
      expectProblem(await bearer(t, key)({ url: '/api/v1/me' }), 401, 'unauthenticated');
      expectProblem(await c({ method: 'DELETE', url: `/api/v1/api-keys/${id}` }), 404, 'not_found');
    });

    it('refuses a key that expires in the past, and answers 401 to a key once it expired', async () => {
      const c = await admin();
      const past = await unchangedBy(t, () =>
        c({ method: 'POST', url: '/api/v1/api-keys', body: { name: 'stale', expiresAt: t.clock.now() } }),
      );
      expect(expectProblem(past, 422, 'validation_failed').errors?.[0]).toMatchObject({
        path: 'body.expiresAt',
        code: 'expires_in_past',
      });
      const res = await c({
        method: 'POST',
        url: '/api/v1/api-keys',
        body: { name: 'short-lived', expiresAt: t.clock.now() + hour },
      });
      const { key } = res.json();
      expect((await bearer(t, key)({ url: '/api/v1/me' })).statusCode).toBe(200);
      t.clock.advance(hour);
      expectProblem(await bearer(t, key)({ url: '/api/v1/me' }), 401, 'unauthenticated');
    });

    it('answers 401 to the key of a deactivated user', async () => {
      const u = await makeAccount();
      const { key } = await makeApiKey(clientFrom(t, await signIn(t, u.email, strongPassword, freshIp())));
      expect((await bearer(t, key)({ url: '/api/v1/me' })).statusCode).toBe(200);
      const res = await (await admin())({
        method: 'PATCH',
        url: `/api/v1/users/${u.id}`,
        headers: { 'if-match': String(u.version) },
        body: { active: false },
      });
      expect(res.statusCode, res.body).toBe(200);
      expectProblem(await bearer(t, key)({ url: '/api/v1/me' }), 401, 'unauthenticated');
    });

    it('never lets a key exceed its user after the user’s role is reduced', async () => {
      const c = await admin();
      const builder = await makeRole(c, {
        permissions: { department: { actions: ['read', 'create'], scope: 'all' } },
      });
      const u = await makeAccount({ roles: [builder.key] });
      const user = clientFrom(t, await signIn(t, u.email, strongPassword, freshIp()));
      const scoped = bearer(t, (await makeApiKey(user, ['department:create', 'department:read'])).key);
      const unscoped = bearer(t, (await makeApiKey(user)).key);
      const create = (api: typeof scoped) =>
        api({
          method: 'POST',
          url: '/api/v1/departments',
          body: { name: `钥匙${Math.random()}`, parentId: t.rootDepartmentId },
        });
      expect((await create(scoped)).statusCode).toBe(201);
      expect((await create(unscoped)).statusCode).toBe(201);
      const reduce = await c({
        method: 'PATCH',
        url: `/api/v1/users/${u.id}`,
        headers: { 'if-match': String(u.version) },
        body: { roles: ['sales_rep'] },
      });
      expect(reduce.statusCode, reduce.body).toBe(200);
      await unchangedBy(t, async () => {
        expectProblem(await create(scoped), 403, 'forbidden');
        expectProblem(await create(unscoped), 403, 'forbidden');
      });
    });
  });
});
