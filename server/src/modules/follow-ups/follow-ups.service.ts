import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, assertRecordAccess } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { AppError, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { ChangeContext } from '../customers/customers.service.js';
import { stampAdvance } from './advances.js';
import type { checkIn } from './follow-ups.schema.js';
import { type FollowUpTarget, followUpTarget } from './registry.js';

export type NewFollowUp = {
  method: string;
  content: string;
  nextAt: number | null;
  durationMinutes?: number;
  needs?: string;
  nextStep?: string;
  contactIds?: string[];
  checkIn?: z.infer<typeof checkIn>;
};

/** A position taken more than this far from when the server got it is marked late (stale or replayed). */
const lateAfter = 10 * 60_000;

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
  if (b.checkIn && b.method !== 'visit')
    throw invalid([{ path: 'body.checkIn', code: 'check_in_visit_only' }]);
  if (b.contactIds?.length) await assertContacts(tx, actor.orgId, target, recordId, b.contactIds);
  const distance =
    b.checkIn?.status === 'located'
      ? await distanceToCustomer(tx, actor.orgId, target, recordId, b.checkIn)
      : undefined;
  const id = newId();
  const row = {
    id,
    orgId: actor.orgId,
    object,
    recordId,
    method: b.method,
    content: b.content,
    nextAt: b.nextAt,
    durationMinutes: b.durationMinutes ?? null,
    needs: b.needs || null,
    nextStep: b.nextStep || null,
    contactIds: b.contactIds?.length ? JSON.stringify(b.contactIds) : null,
    checkIn: b.checkIn
      ? JSON.stringify({
          ...b.checkIn,
          receivedAt: meta.at,
          late: b.checkIn.status === 'located' && Math.abs(meta.at - b.checkIn.at) > lateAfter,
          ...(distance !== undefined && { distance }),
        })
      : null,
    createdBy: actor.userId,
    createdAt: meta.at,
    deletedAt: null,
  };
  await tx.insertInto('followUps').values(row).execute();
  if (object === 'opportunity') await stampAdvance(tx, actor.orgId, id);
  await target.onFollowUp(tx, recordId, { id, ...b }, meta);
  await recordChange(tx, { ...meta, object: 'follow_up', recordId: id, action: 'create', after: row });
  return id;
}

/** Metres between two WGS-84 points (haversine on a sphere of the earth's mean radius). */
export function metresBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * How far (whole metres) a check-in was from the record's customer, when the customer's place is
 * known — measured when the follow-up is logged, so moving the customer later does not rewrite it.
 */
async function distanceToCustomer(
  tx: Kysely<DB>,
  orgId: string,
  target: FollowUpTarget,
  recordId: string,
  at: { lat: number; lng: number },
): Promise<number | undefined> {
  const customerId = await target.customerOf?.(tx, orgId, recordId);
  if (!customerId) return undefined;
  const c = await tx
    .selectFrom('customers')
    .select(['lat', 'lng'])
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (c?.lat == null || c.lng == null) return undefined;
  return Math.round(metresBetween(at, { lat: Number(c.lat), lng: Number(c.lng) }));
}

/** Contacts taking part must be of the record's customer, each once (a lead has none). */
async function assertContacts(
  tx: Kysely<DB>,
  orgId: string,
  target: FollowUpTarget,
  recordId: string,
  ids: string[],
): Promise<void> {
  const customerId = (await target.customerOf?.(tx, orgId, recordId)) ?? null;
  const found = customerId
    ? new Set(
        (
          await tx
            .selectFrom('contacts')
            .select('id')
            .where('orgId', '=', orgId)
            .where('customerId', '=', customerId)
            .where('deletedAt', 'is', null)
            .where('id', 'in', ids)
            .execute()
        ).map((c) => c.id),
      )
    : new Set<string>();
  const errors = ids.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: `body.contactIds.${i}`, code: 'not_found' }],
  );
  if (new Set(ids).size !== ids.length) errors.push({ path: 'body.contactIds', code: 'duplicate_entry' });
  if (errors.length) throw invalid(errors);
}
