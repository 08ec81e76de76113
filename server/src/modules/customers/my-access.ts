import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, canOnRecord } from '../../platform/access/index.js';
import { type PoolObject, poolables } from '../pools/poolable.js';
import { membership } from '../pools/pools.repo.js';

/** What the caller may do with one customer (or lead), so the UI offers exactly the actions that will work. */
export const myAccess = z.object({
  update: z.boolean(),
  delete: z.boolean(),
  /** Take it out of its pool (领取). */
  claim: z.boolean(),
  /** Put it back into a pool (退回公海) or hand it to someone else (转移). */
  release: z.boolean(),
  /** Change its collaborators (customers only). */
  share: z.boolean(),
});

export async function accessTo(
  db: Kysely<DB>,
  actor: Actor,
  c: { id: string; ownerId: string | null; poolId: string | null; status?: string },
  object: PoolObject = 'customer',
): Promise<z.infer<typeof myAccess>> {
  const [update, del] = await Promise.all([
    canOnRecord(db, actor, object, 'update', c.id),
    canOnRecord(db, actor, object, 'delete', c.id),
  ]);
  const member = c.ownerId === null && c.poolId ? (await membership(db, actor, c.poolId)).isMember : false;
  return {
    update,
    delete: del,
    claim: c.ownerId === null && (member || actor.isAdmin),
    // A converted or disqualified lead is history: it stays where it is.
    release:
      update &&
      c.ownerId !== null &&
      !(object === 'lead' && (poolables.lead.settled as readonly string[]).includes(c.status ?? '')),
    share: update && object === 'customer',
  };
}
