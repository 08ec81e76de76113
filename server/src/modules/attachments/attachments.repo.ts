import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Attachment rows of an org that are not deleted, with the uploader's name. */
export function selectAttachments(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom('attachments as a')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'a.createdBy').on('u.orgId', '=', orgId))
    .select([
      'a.id',
      'a.object',
      'a.recordId',
      'a.kind',
      'a.followUpId',
      'a.fileName',
      'a.contentType',
      'a.size',
      'a.sha256',
      'a.storageKey',
      'a.createdBy',
      'u.name as createdByName',
      'a.createdAt',
    ])
    .where('a.orgId', '=', orgId)
    .where('a.deletedAt', 'is', null);
}

export type AttachmentRow = Awaited<
  ReturnType<ReturnType<typeof selectAttachments>['executeTakeFirstOrThrow']>
>;

/** What the API shows of a row (the storage key stays inside). */
export function present(r: AttachmentRow, canDelete: boolean) {
  const { storageKey: _key, ...rest } = r;
  return { ...rest, size: Number(r.size), createdAt: Number(r.createdAt), canDelete };
}

/** Whether the record exists in the org and is not deleted (its table and delete column come from the registry). */
export async function recordAlive(
  db: Kysely<DB>,
  orgId: string,
  target: { table: string; deletedColumn?: string },
  id: string,
): Promise<boolean> {
  const row = await sql<{ one: number }>`select 1 as one from ${sql.table(target.table)}
    where id = ${id} and org_id = ${orgId}
    ${target.deletedColumn ? sql`and ${sql.ref(target.deletedColumn)} is null` : sql``}`.execute(db);
  return row.rows.length > 0;
}

export async function countAttachments(db: Kysely<DB>, orgId: string, object: string, recordId: string) {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('orgId', '=', orgId)
    .where('object', '=', object)
    .where('recordId', '=', recordId)
    .where('deletedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
