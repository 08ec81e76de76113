import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../ids.js';

export type DomainEvent = {
  orgId: string;
  type: string;
  object: string;
  recordId: string;
  actorId: string | null;
  at: number;
  payload: Record<string, unknown>;
};

/** Writes a domain event to the outbox, in the caller's transaction. */
export async function emitEvent(tx: Kysely<DB>, e: DomainEvent): Promise<string> {
  const id = newId();
  await tx
    .insertInto('events')
    .values({
      id,
      orgId: e.orgId,
      type: e.type,
      object: e.object,
      recordId: e.recordId,
      actorId: e.actorId,
      payload: JSON.stringify(e.payload),
      occurredAt: e.at,
      dispatchedAt: null,
    })
    .execute();
  return id;
}
