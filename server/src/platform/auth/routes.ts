import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, allObjects } from '../access/index.js';
import { recordChange } from '../audit/record.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { commonErrors } from '../http/schemas.js';
import { loadActor } from './actor-loader.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { createSession, csrfCookie, deleteSession, deleteUserSessions, sessionCookie } from './sessions.js';
import { lockedFor, recordAttempt } from './throttle.js';
import { sha256 } from './tokens.js';

const me = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  name: z.string(),
  email: z.string(),
  mobile: z.string().nullable(),
  title: z.string().nullable(),
  departmentId: z.string(),
  departmentName: z.string(),
  locale: z.string(),
  roles: z.array(z.string()),
  isAdmin: z.boolean(),
  permissions: z.record(z.string(), z.object({ actions: z.array(z.string()), scope: z.string() })),
});

const loginBody = z.strictObject({
  login: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(256),
});

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = ctx;

  const loadMe = async (actor: Actor) => {
    const u = await db
      .selectFrom('users as u')
      .innerJoin('departments as d', 'd.id', 'u.departmentId')
      .innerJoin('orgs as o', 'o.id', 'u.orgId')
      .select([
        'u.id',
        'u.orgId',
        'o.name as orgName',
        'o.timeZone',
        'o.currency',
        'u.name',
        'u.email',
        'u.mobile',
        'u.title',
        'u.departmentId',
        'd.name as departmentName',
        'u.locale',
      ])
      .where('u.id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    // Only objects the app knows, with their actions, so the web app can show what the user may use.
    const permissions = Object.fromEntries(
      allObjects()
        .filter((o) => actor.permissions[o.key])
        .map((o) => [o.key, actor.permissions[o.key]!]),
    );
    return { ...u, roles: actor.roleKeys, isAdmin: actor.isAdmin, permissions };
  };

  api.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail or mobile and password',
        description:
          'Sets the httpOnly `cadence_session` cookie and a readable `cadence_csrf` cookie. Echo the CSRF token in `X-CSRF-Token` on cookie-authenticated writes.',
        security: [],
        body: loginBody,
        response: {
          200: z.object({ user: me, csrfToken: z.string() }),
          401: commonErrors[401],
          429: commonErrors[400],
          400: commonErrors[400],
        },
      },
    },
    async (req, reply) => {
      const now = clock.now();
      const login = req.body.login.toLowerCase();
      const ip = req.ip;
      const user = await db
        .selectFrom('users')
        .select(['id', 'orgId', 'passwordHash', 'active'])
        .where((eb) => eb.or([eb('email', '=', login), eb('mobile', '=', req.body.login)]))
        .executeTakeFirst();
      // Failures count per account, whether it was named by e-mail or by mobile (per login text when
      // no account matches), so the two logins of one account do not double the attempts.
      const accountKey = user ? `user:${user.id}` : login;
      const rule = { maxFailures: config.loginMaxFailures, windowMs: config.loginWindowMs, now };
      const wait = await lockedFor(db, accountKey, ip, rule);
      if (wait > 0) {
        throw new AppError(
          429,
          'login_locked',
          { minutes: Math.ceil(wait / 60_000) },
          { headers: { 'retry-after': String(Math.ceil(wait / 1000)) } },
        );
      }
      const ok = await verifyPassword(req.body.password, user?.passwordHash ?? null);
      await recordAttempt(db, accountKey, ip, ok && !!user?.active, now);
      // Same answer for unknown accounts, wrong passwords and deactivated accounts.
      if (!ok || !user?.active) throw new AppError(401, 'invalid_credentials');

      const session = await db.transaction().execute(async (tx) => {
        const s = await createSession(
          tx,
          { orgId: user.orgId, userId: user.id, ip, userAgent: req.headers['user-agent'] },
          { now, idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
        );
        await tx.updateTable('users').set({ lastLoginAt: now }).where('id', '=', user.id).execute();
        await recordChange(tx, {
          orgId: user.orgId,
          actorId: user.id,
          object: 'user',
          recordId: user.id,
          action: 'login',
          at: now,
          requestId: req.id,
          payload: { ip },
        });
        return s;
      });
      // Drop a previous session of this browser, if any: the new one replaces it.
      const old = req.cookies[sessionCookie];
      if (old) await deleteSession(db, sha256(old));
      setSessionCookies(reply, session.token, session.csrfToken, config.cookieSecure);
      const actor = (await loadActor(db, user.id, 'session'))!;
      return { user: await loadMe(actor), csrfToken: session.csrfToken };
    },
  );

  api.post(
    '/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], response: { 204: z.null(), ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      if (actor.sessionId) await deleteSession(db, actor.sessionId);
      clearSessionCookies(reply, config.cookieSecure);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and their rights',
        response: { 200: me, ...commonErrors },
      },
    },
    async (req) => loadMe(req.actor as Actor),
  );

  api.patch(
    '/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Change own language or password',
        body: z
          .strictObject({
            locale: z.enum(['zh-CN', 'en']).optional(),
            currentPassword: z.string().max(256).optional(),
            newPassword: z.string().max(256).optional(),
          })
          .refine((b) => Object.keys(b).length > 0, 'empty update'),
        response: { 200: me, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const b = req.body;
      const now = clock.now();
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      let passwordHash: string | undefined;
      if (b.newPassword !== undefined) {
        if (!(await verifyPassword(b.currentPassword ?? '', user.passwordHash))) {
          throw new AppError(
            422,
            'validation_failed',
            {},
            { errors: [{ path: 'body.currentPassword', code: 'invalid_credentials' }] },
          );
        }
        if (passwordProblem(b.newPassword, config.passwordMinLength, [user.email, user.mobile])) {
          throw new AppError(
            422,
            'weak_password',
            { min: config.passwordMinLength },
            {
              errors: [
                {
                  path: 'body.newPassword',
                  code: 'weak_password',
                  params: { min: config.passwordMinLength },
                },
              ],
            },
          );
        }
        passwordHash = await hashPassword(b.newPassword);
      }
      await db.transaction().execute(async (tx) => {
        const set = {
          ...(b.locale ? { locale: b.locale } : {}),
          ...(passwordHash ? { passwordHash } : {}),
          updatedAt: now,
          version: user.version + 1,
        };
        await tx.updateTable('users').set(set).where('id', '=', user.id).execute();
        if (passwordHash) {
          // Other sessions end when the password changes; this one stays.
          await tx
            .deleteFrom('sessions')
            .where('userId', '=', user.id)
            .where('id', '!=', actor.sessionId ?? '')
            .execute();
        }
        await recordChange(tx, {
          orgId: actor.orgId,
          actorId: actor.userId,
          object: 'user',
          recordId: user.id,
          action: 'update',
          at: now,
          requestId: req.id,
          before: { locale: user.locale },
          after: { locale: b.locale ?? user.locale, ...(passwordHash ? { password: '(changed)' } : {}) },
        });
      });
      return loadMe(actor);
    },
  );

  const invitation = async (token: string) => {
    const row = await db
      .selectFrom('inviteTokens as t')
      .innerJoin('users as u', 'u.id', 't.userId')
      .innerJoin('orgs as o', 'o.id', 't.orgId')
      .select([
        't.id',
        't.orgId',
        't.userId',
        't.expiresAt',
        't.usedAt',
        'u.name',
        'u.email',
        'u.mobile',
        'u.active',
        'o.name as orgName',
      ])
      .where('t.id', '=', sha256(token))
      .executeTakeFirst();
    if (!row || row.usedAt || row.expiresAt <= clock.now() || !row.active)
      throw new AppError(404, 'invite_invalid');
    return row;
  };
  const tokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

  api.get(
    '/auth/invitations/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        security: [],
        params: tokenParams,
        response: {
          200: z.object({ name: z.string(), email: z.string(), orgName: z.string() }),
          404: commonErrors[404],
          400: commonErrors[400],
        },
      },
    },
    async (req) => {
      const inv = await invitation(req.params.token);
      return { name: inv.name, email: inv.email, orgName: inv.orgName };
    },
  );

  api.post(
    '/auth/invitations/:token/accept',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Set a password from an invitation and sign in',
        security: [],
        params: tokenParams,
        body: z.strictObject({ password: z.string().max(256) }),
        response: { 200: z.object({ user: me, csrfToken: z.string() }), ...commonErrors },
      },
    },
    async (req, reply) => {
      const inv = await invitation(req.params.token);
      if (passwordProblem(req.body.password, config.passwordMinLength, [inv.email, inv.mobile])) {
        throw new AppError(
          422,
          'weak_password',
          { min: config.passwordMinLength },
          {
            errors: [
              { path: 'body.password', code: 'weak_password', params: { min: config.passwordMinLength } },
            ],
          },
        );
      }
      const now = clock.now();
      const hash = await hashPassword(req.body.password);
      const session = await db.transaction().execute(async (tx) => {
        const used = await tx
          .updateTable('inviteTokens')
          .set({ usedAt: now })
          .where('id', '=', inv.id)
          .where('usedAt', 'is', null)
          .executeTakeFirst();
        if (Number(used.numUpdatedRows) !== 1) throw new AppError(404, 'invite_invalid');
        await tx
          .updateTable('users')
          .set({ passwordHash: hash, lastLoginAt: now, updatedAt: now })
          .where('id', '=', inv.userId)
          .execute();
        await deleteUserSessions(tx, inv.orgId, inv.userId);
        await recordChange(tx, {
          orgId: inv.orgId,
          actorId: inv.userId,
          object: 'user',
          recordId: inv.userId,
          action: 'accept_invitation',
          at: now,
          requestId: req.id,
        });
        return createSession(
          tx,
          { orgId: inv.orgId, userId: inv.userId, ip: req.ip, userAgent: req.headers['user-agent'] },
          { now, idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
        );
      });
      setSessionCookies(reply, session.token, session.csrfToken, config.cookieSecure);
      const actor = (await loadActor(db, inv.userId, 'session'))!;
      return { user: await loadMe(actor), csrfToken: session.csrfToken };
    },
  );
}

function setSessionCookies(reply: FastifyReply, token: string, csrf: string, secure: boolean) {
  reply.setCookie(sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.setCookie(csrfCookie, csrf, { path: '/', httpOnly: false, sameSite: 'strict', secure });
}

function clearSessionCookies(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.clearCookie(csrfCookie, { path: '/', sameSite: 'strict', secure });
}
