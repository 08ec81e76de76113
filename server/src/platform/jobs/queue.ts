import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../ids.js';

export type EnqueueOptions = {
  type: string;
  payload?: Record<string, unknown>;
  runAt: number;
  orgId?: string | null;
  /** A job with the same unique key is created once, however many instances schedule it. */
  uniqueKey?: string;
  maxAttempts?: number;
  now: number;
};

/** Adds a durable job (in the caller's transaction when given one). Returns false if it already existed. */
export async function enqueue(db: Kysely<DB>, o: EnqueueOptions): Promise<boolean> {
  const result = await db
    .insertInto('jobs')
    .values({
      id: newId(),
      orgId: o.orgId ?? null,
      type: o.type,
      payload: JSON.stringify(o.payload ?? {}),
      runAt: o.runAt,
      status: 'queued',
      maxAttempts: o.maxAttempts ?? 8,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      uniqueKey: o.uniqueKey ?? null,
      createdAt: o.now,
      finishedAt: null,
    })
    .onConflict((oc) => oc.column('uniqueKey').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Exponential backoff with jitter: 10 s, 20 s, 40 s … capped at one hour. */
export function backoffMs(attempts: number, random = Math.random()): number {
  const base = Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random));
}
