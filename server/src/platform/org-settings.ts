import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from './errors.js';

/** The per-org settings tables: one row per org, absent while the shipped defaults apply (version 0). */
type SettingsTable = 'leadSettings' | 'followUpSettings';

/**
 * Writes an org's settings row at the version read: inserts it the first time (from the defaults,
 * version 0), else updates it where the version still matches — a concurrent save loses with 412.
 */
export async function writeOrgSettings(
  tx: Kysely<DB>,
  table: SettingsTable,
  orgId: string,
  readVersion: number,
  values: Record<string, unknown> & { updatedAt: number },
): Promise<number> {
  const version = readVersion + 1;
  const res =
    readVersion === 0
      ? await tx
          .insertInto(table)
          .values({ orgId, ...values, version } as never)
          .onConflict((oc) => oc.column('orgId').doNothing())
          .executeTakeFirst()
      : await tx
          .updateTable(table)
          .set({ ...values, version } as never)
          .where('orgId', '=', orgId)
          .where('version', '=', readVersion)
          .executeTakeFirst();
  const changed =
    'numInsertedOrUpdatedRows' in res
      ? Number(res.numInsertedOrUpdatedRows ?? 0)
      : Number(res.numUpdatedRows);
  if (changed !== 1) throw new AppError(412, 'version_conflict');
  return version;
}
