import type { FastifyReply, FastifyRequest } from 'fastify';
import { assertCsrf } from '../auth/csrf.js';
import { AppError } from '../errors.js';
import { can } from './actor.js';
import type { Action } from './model.js';

/**
 * What a route requires. Every route declares one in `config.access`; a route without a
 * declaration is refused at run time and fails the route-declaration test.
 * - public: anyone (only the short allow-list in app.ts);
 * - authenticated: any signed-in user (their own profile, notifications, …);
 * - { object, action }: the action must be granted by the actor's roles; the handler then narrows
 *   rows with scopeFilter / assertRecordAccess.
 */
export type RouteAccess = 'public' | 'authenticated' | { object: string; action: Action };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export async function routeAccessGuard(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  // No route matched: the not-found handler answers 404 and there is nothing to guard.
  if (req.is404) return;
  const access = req.routeOptions.config?.access;
  if (!access) throw new Error(`route ${req.routeOptions.url} declares no access`);
  if (access === 'public') return;
  if (!req.actor) throw new AppError(401, 'unauthenticated');
  assertCsrf(req);
  if (access === 'authenticated') return;
  if (!can(req.actor, access.object, access.action)) throw new AppError(403, 'forbidden');
}
