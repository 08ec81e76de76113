import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, assertRecordAccess } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { ChangeContext } from '../customers/customers.service.js';
import { followUpTarget } from './registry.js';

export type NewFollowUp = { method: string; content: string; nextAt: number | null };

/**
 * Logs one follow-up of a record the actor may update, in the caller's transaction — the one path
 * for the API and the demo data: the row, what it does to its record (the target's hook) and the audit.
 */
export async function logFollowUp(
  tx: Kysely<DB>,
  actor: Actor,
  object: string,
  recordId: string,
  b: NewFollowUp,
  meta: ChangeContext,
): Promise<string> {
  const target = followUpTarget(object);
  if (!target) throw new AppError(400, 'validation_failed');
  await assertRecordAccess(tx, actor, object, 'update', recordId);
  const id = newId();
  const row = {
    id,
    orgId: actor.orgId,
    object,
    recordId,
    method: b.method,
    content: b.content,
    nextAt: b.nextAt,
    createdBy: actor.userId,
    createdAt: meta.at,
    deletedAt: null,
  };
  await tx.insertInto('followUps').values(row).execute();
  await target.onFollowUp(tx, recordId, { id, ...b }, meta);
  await recordChange(tx, { ...meta, object: 'follow_up', recordId: id, action: 'create', after: row });
  return id;
}
