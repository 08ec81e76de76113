import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/**
 * Routes that declare no body schema take no body: fields sent to them are refused like the unknown
 * fields of any strict body (400 validation_failed naming each), never silently ignored.
 */
export async function refuseUndeclaredBody(req: FastifyRequest): Promise<void> {
  if (req.routeOptions.schema?.body || req.body === null || req.body === undefined) return;
  const keys = typeof req.body === 'object' && !Array.isArray(req.body) ? Object.keys(req.body) : [''];
  if (!keys.length) return;
  throw new AppError(
    400,
    'validation_failed',
    {},
    { errors: keys.map((k) => ({ path: k ? `body.${k}` : 'body', code: 'unrecognized_keys' })) },
  );
}
