import type { MultipartFile } from '@fastify/multipart';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, canOnRecord } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { attachableOf } from './attachables.js';
import { recordAlive } from './attachments.repo.js';
import { formatBytes, refusedByContent } from './file-rules.js';

/** Per-org defaults (an org setting later): the largest file and the most files on one record. */
export const attachmentDefaults = { maxBytes: 20 * 1024 * 1024, maxPerRecord: 200 };

/** The largest attachment: the org's limit within the server's upload cap (CADENCE_MAX_UPLOAD_MB). */
export const attachmentMaxBytes = (serverMaxUploadBytes: number) =>
  Math.min(serverMaxUploadBytes, attachmentDefaults.maxBytes);

/**
 * The record an attachment belongs to, checked through the access layer: `read` to list and download,
 * `update` to upload and delete. A record of another org, outside the actor's scope, deleted or
 * missing is the same 404; a record the actor may read but not change is a 403.
 */
export async function assertAttachmentTarget(
  db: Kysely<DB>,
  actor: Actor,
  object: string,
  recordId: string,
  action: 'read' | 'update',
  from: 'body' | 'query' = 'body',
) {
  const target = attachableOf(object);
  if (!target)
    throw new AppError(
      422,
      'attachment_object_unknown',
      { object },
      { errors: [{ path: `${from}.object`, code: 'attachment_object_unknown', params: { object } }] },
    );
  if (!(await canOnRecord(db, actor, object, 'read', recordId))) throw notFound();
  if (!(await recordAlive(db, actor.orgId, target, recordId))) throw notFound();
  if (action === 'update' && !(await canOnRecord(db, actor, object, 'update', recordId))) throw forbidden();
  return target;
}

/** A file that comes with a follow-up must come with one of the same record. */
export async function assertFollowUpOf(
  db: Kysely<DB>,
  orgId: string,
  t: { object: string; recordId: string; followUpId?: string },
) {
  const f = await db
    .selectFrom('followUps')
    .select('id')
    .where('orgId', '=', orgId)
    .where('id', '=', t.followUpId!)
    .where('object', '=', t.object)
    .where('recordId', '=', t.recordId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!f) throw invalid([{ path: 'body.followUpId', code: 'not_found' }]);
}

export const tooLarge = (maxBytes: number) =>
  new AppError(413, 'attachment_too_large', { max: formatBytes(maxBytes) });

/**
 * The uploaded file's bytes as they stream to storage, refused on the way (so storage keeps nothing):
 * a program by its first bytes, an empty file, a file the multipart parser cut at the server's cap.
 */
export async function* screenedUpload(part: MultipartFile, maxBytes: number): AsyncGenerator<Buffer> {
  let head: Buffer[] = [];
  let headLength = 0;
  let screened = false;
  let total = 0;
  const screen = () => {
    const bytes = Buffer.concat(head);
    const why = refusedByContent(bytes);
    if (why) throw new AppError(422, 'attachment_type_refused', { name: why });
    screened = true;
    return bytes;
  };
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (screened) {
      yield chunk;
      continue;
    }
    head.push(chunk);
    headLength += chunk.length;
    if (headLength >= 4) {
      yield screen();
      head = [];
    }
  }
  if (!screened && headLength) yield screen();
  if (part.file.truncated) throw tooLarge(maxBytes);
  if (total === 0) throw new AppError(422, 'attachment_empty');
}

/**
 * Re-points every live attachment of one record to another record of the same object (an admin merge
 * moves a customer's files to the surviving customer). Audited per file, in the caller's transaction.
 * Returns how many moved.
 */
export async function moveAttachments(
  tx: Kysely<DB>,
  move: {
    orgId: string;
    object: string;
    fromId: string;
    toId: string;
    actorId: string | null;
    at: number;
    requestId?: string | null;
  },
): Promise<number> {
  const rows = await tx
    .selectFrom('attachments')
    .select(['id', 'fileName'])
    .where('orgId', '=', move.orgId)
    .where('object', '=', move.object)
    .where('recordId', '=', move.fromId)
    .where('deletedAt', 'is', null)
    .execute();
  if (!rows.length) return 0;
  await tx
    .updateTable('attachments')
    .set({ recordId: move.toId })
    .where('orgId', '=', move.orgId)
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  for (const r of rows) {
    await recordChange(tx, {
      orgId: move.orgId,
      actorId: move.actorId,
      object: 'attachment',
      recordId: r.id,
      action: 'move',
      after: { fileName: r.fileName, recordId: move.toId, fromRecordId: move.fromId },
      at: move.at,
      requestId: move.requestId,
      payload: { parentObject: move.object, parentId: move.toId, fromId: move.fromId },
    });
  }
  return rows.length;
}
