import type { FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { recordChange } from '../audit/record.js';
import { AppError, notFound } from '../errors.js';
import { changeMeta } from './schemas.js';
import { assertVersion, ifMatchVersion } from './versioning.js';

/**
 * The DELETE of a record that is kept, marked deleted (settings: pipelines, pools, rules, scripts,
 * sources, approval definitions). In one transaction: the record as the caller may see it (`find`:
 * 404 otherwise), the `If-Match` version (428 without it, 412 with the current record when stale),
 * `refuse` for what forbids it (a default, records still in it), `deleted_at` set and the version
 * bumped — only if nobody changed the record meanwhile — `cascade` for what goes with it, and the
 * audit entry.
 */
export async function softDelete<T extends { id: string; version: number }>(
  db: Kysely<DB>,
  req: FastifyRequest,
  o: {
    /** The table, as in SQL. */
    table: string;
    /** The audited object. */
    object: string;
    find: (tx: Kysely<DB>) => Promise<T | undefined>;
    present: (row: T) => unknown;
    now: number;
    refuse?: (tx: Kysely<DB>, row: T) => Promise<void>;
    cascade?: (tx: Kysely<DB>, row: T) => Promise<void>;
  },
): Promise<void> {
  const version = ifMatchVersion(req);
  await db.transaction().execute(async (tx) => {
    const before = await o.find(tx);
    if (!before) throw notFound();
    assertVersion(before, version, o.present);
    await o.refuse?.(tx, before);
    const res = await sql`update ${sql.table(o.table)} set deleted_at = ${o.now}, version = version + 1
      where id = ${before.id} and version = ${before.version} and deleted_at is null`.execute(tx);
    if (Number(res.numAffectedRows ?? 0) !== 1) {
      const current = await o.find(tx);
      if (!current) throw notFound();
      throw new AppError(412, 'version_conflict', {}, { body: { current: o.present(current) } });
    }
    await o.cascade?.(tx, before);
    await recordChange(tx, {
      ...changeMeta(req, o.now),
      object: o.object,
      recordId: before.id,
      action: 'delete',
    });
  });
}
