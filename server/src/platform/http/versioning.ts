import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** The version a client sends in `If-Match` (a bare number or an ETag such as "3" / W/"3"). */
export function ifMatchVersion(req: FastifyRequest): number {
  const raw = req.headers['if-match'];
  if (!raw) throw new AppError(428, 'precondition_required');
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim());
  if (!m)
    throw new AppError(
      400,
      'bad_request',
      {},
      { errors: [{ path: 'header.if-match', code: 'invalid_format' }] },
    );
  return Number(m[1]);
}

/** Throws 412 version_conflict carrying the current record when the client's version is stale. */
export function assertVersion<T extends { version: number }>(
  current: T,
  expected: number,
  present: (r: T) => unknown,
) {
  if (current.version !== expected) {
    throw new AppError(412, 'version_conflict', {}, { body: { current: present(current) } });
  }
}
