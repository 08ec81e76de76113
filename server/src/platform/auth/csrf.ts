import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** Cookie-authenticated writes must echo the session's CSRF token (API-key requests need none). */
export function assertCsrf(req: FastifyRequest): void {
  const actor = req.actor;
  if (actor?.via !== 'session' || ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
  if (req.headers['x-csrf-token'] !== actor.csrfToken) throw new AppError(403, 'csrf_failed');
}
