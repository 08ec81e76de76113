import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../access/index.js';
import { recordChange } from '../audit/record.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { commonErrors } from '../http/schemas.js';
import { loadActor } from './actor-loader.js';
import { clearSessionCookies, setSessionCookies } from './cookies.js';
import { loadMe, meSchema } from './me.js';
import { hashPassword, passwordProblem, verifyPassword, weakPassword } from './password.js';
import { createSession, deleteSession, sessionCookie } from './sessions.js';
import { lockedFor, recordAttempt } from './throttle.js';
import { sha256 } from './tokens.js';

const loginBody = z.strictObject({
  login: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(256),
});

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = ctx;

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
          200: z.object({ user: meSchema, csrfToken: z.string() }),
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
      return { user: await loadMe(db, actor), csrfToken: session.csrfToken };
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
        response: { 200: meSchema, ...commonErrors },
      },
    },
    async (req) => loadMe(db, req.actor as Actor),
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
        response: { 200: meSchema, ...commonErrors },
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
          throw weakPassword(config.passwordMinLength, 'body.newPassword');
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
      return loadMe(db, actor);
    },
  );
}
