import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { loadActor } from './actor-loader.js';
import { findApiKey } from './api-keys.js';
import { findSession, sessionCookie } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/**
 * Resolves the actor of a request from `Authorization: Bearer <api key>` or the session cookie.
 * A bad bearer key is an error (401); a stale cookie just means "not signed in".
 */
export function authenticate(ctx: AppContext) {
  return async (req: FastifyRequest): Promise<void> => {
    const now = ctx.clock.now();
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const key = m ? await findApiKey(ctx.db, m[1]!, now) : undefined;
      const actor = key && (await loadActor(ctx.db, key.userId, 'api_key', { apiKeyScopes: key.scopes }));
      if (!actor)
        throw new AppError(401, 'unauthenticated', {}, { headers: { 'www-authenticate': 'Bearer' } });
      req.actor = actor;
      return;
    }
    const token = req.cookies[sessionCookie];
    if (!token) return;
    const session = await findSession(ctx.db, token, {
      now,
      idleMs: ctx.config.sessionIdleMs,
      maxMs: ctx.config.sessionMaxMs,
    });
    if (!session) return;
    req.actor = await loadActor(ctx.db, session.userId, 'session', {
      sessionId: session.id,
      csrfToken: session.csrfToken,
    });
  };
}
