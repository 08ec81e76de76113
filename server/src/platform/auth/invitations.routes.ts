import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordChange } from '../audit/record.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { commonErrors } from '../http/schemas.js';
import { loadActor } from './actor-loader.js';
import { setSessionCookies } from './cookies.js';
import { loadMe, meSchema } from './me.js';
import { hashPassword, passwordProblem, weakPassword } from './password.js';
import { createSession, deleteUserSessions } from './sessions.js';
import { sha256 } from './tokens.js';

/** Invitation links: anyone holding a valid link may see whose it is and set that user's password once. */
export function registerInvitationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = ctx;

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
        response: { 200: z.object({ user: meSchema, csrfToken: z.string() }), ...commonErrors },
      },
    },
    async (req, reply) => {
      const inv = await invitation(req.params.token);
      if (passwordProblem(req.body.password, config.passwordMinLength, [inv.email, inv.mobile])) {
        throw weakPassword(config.passwordMinLength, 'body.password');
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
      return { user: await loadMe(db, actor), csrfToken: session.csrfToken };
    },
  );
}
