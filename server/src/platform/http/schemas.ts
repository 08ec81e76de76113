import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../access/actor.js';

// Small schema pieces every module reuses.
export const idParams = z.strictObject({ id: z.uuid() });
export const name = z.string().trim().min(1).max(100);
// Loose: RFC 9457 extension members a route adds on purpose (e.g. `until`, `limit`, `matches`) are kept.
export const problem = z.looseObject({
  type: z.string(),
  status: z.number(),
  code: z.string(),
  title: z.string(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
});
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

/** Problem responses every authenticated route can give, for the OpenAPI document. */
export const commonErrors = { 400: problem, 401: problem, 403: problem, 404: problem, 422: problem } as const;

/** Who and when, for the audit log of a change made by this request. */
export function changeMeta(req: FastifyRequest, now: number) {
  const actor = req.actor as Actor;
  return { orgId: actor.orgId, actorId: actor.userId, at: now, requestId: req.id };
}
