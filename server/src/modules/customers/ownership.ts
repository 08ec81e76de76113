import type { Kysely } from 'kysely';
import type { DB, OwnershipHistoryTable } from '../../db/schema.js';
import { recordChange } from '../../platform/audit/record.js';
import { newId } from '../../platform/ids.js';
import { movedNow, ownedNow, type PoolObject, pooledTable } from '../pools/poolable.js';
import type { ChangeContext } from './customers.service.js';

export type OwnershipKind = OwnershipHistoryTable['kind'];
/** Where a customer or lead goes: to a user, or back into a pool. */
export type OwnerTarget = { ownerId: string } | { poolId: string };

/**
 * Hands customers (or leads) to a user or puts them in a pool — the one path for claim, release,
 * recycle, transfer, assignment and hand-over. Each move is conditional on the owner the caller saw (`expectOwner`), so a
 * concurrent move makes it a no-op instead of overwriting; returns the ids actually moved. Every move
 * writes the ownership history and an audit entry with its reason, in the caller's transaction, and
 * runs the object's hooks (a lead's first-follow-up clock, why it has its owner now).
 */
export async function moveRecords(
  tx: Kysely<DB>,
  object: PoolObject,
  moves: { id: string; expectOwner: string | null; poolId: string | null }[],
  to: OwnerTarget,
  kind: OwnershipKind,
  meta: ChangeContext & { reason?: string | null; payload?: Record<string, unknown> },
): Promise<string[]> {
  const moved: string[] = [];
  const records: { id: string; fromOwnerId: string | null; poolId: string | null }[] = [];
  for (const m of moves) {
    const toOwner = 'ownerId' in to ? to.ownerId : null;
    const poolId = 'poolId' in to ? to.poolId : m.poolId;
    let q = tx
      .updateTable(pooledTable(object))
      .set((eb) => ({
        ownerId: toOwner,
        poolId,
        ownedSince: toOwner ? meta.at : null,
        updatedAt: meta.at,
        version: eb('version', '+', 1),
      }))
      .where('orgId', '=', meta.orgId)
      .where('id', '=', m.id)
      .where('deletedAt', 'is', null);
    q = m.expectOwner === null ? q.where('ownerId', 'is', null) : q.where('ownerId', '=', m.expectOwner);
    const res = await q.executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) continue;
    moved.push(m.id);
    records.push({ id: m.id, fromOwnerId: m.expectOwner, poolId });
    await recordOwnership(tx, {
      ...meta,
      object,
      recordId: m.id,
      kind,
      fromOwnerId: m.expectOwner,
      toOwnerId: toOwner,
      poolId,
    });
    await recordChange(tx, {
      orgId: meta.orgId,
      actorId: meta.actorId,
      at: meta.at,
      requestId: meta.requestId,
      object,
      recordId: m.id,
      action: kind,
      before: { ownerId: m.expectOwner, poolId: m.poolId },
      after: { ownerId: toOwner, poolId },
      payload: { ...meta.payload, ...(meta.reason ? { reason: meta.reason } : {}) },
    });
  }
  if ('ownerId' in to) await ownedNow(tx, object, meta.orgId, moved, meta.at);
  await movedNow(tx, object, {
    orgId: meta.orgId,
    records,
    kind,
    to,
    actorId: meta.actorId,
    at: meta.at,
    reason: meta.reason ?? null,
    payload: meta.payload ?? {},
  });
  return moved;
}

/** One line of a customer's or lead's ownership history (who had it, who has it now, why). */
export async function recordOwnership(
  tx: Kysely<DB>,
  o: ChangeContext & {
    object?: PoolObject;
    recordId: string;
    kind: OwnershipKind;
    fromOwnerId: string | null;
    toOwnerId: string | null;
    poolId?: string | null;
    reason?: string | null;
  },
): Promise<void> {
  await tx
    .insertInto('ownershipHistory')
    .values({
      id: newId(),
      orgId: o.orgId,
      object: o.object ?? 'customer',
      recordId: o.recordId,
      kind: o.kind,
      fromOwnerId: o.fromOwnerId,
      toOwnerId: o.toOwnerId,
      poolId: o.poolId ?? null,
      reason: o.reason ?? null,
      actorId: o.actorId,
      at: o.at,
    })
    .execute();
}
