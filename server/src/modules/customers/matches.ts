import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, canOnRecord } from '../../platform/access/index.js';
import type { Hit } from './dedup.js';

/**
 * Presents duplicate hits to the asker under the access policy: a record they may read shows its id
 * and name; one they may not shows only that it exists, what matched, and whom to ask (its owner), or
 * that it sits in the pool.
 */
export async function presentMatches(db: Kysely<DB>, actor: Actor, hits: Hit[]) {
  const out = [];
  for (const hit of hits.slice(0, 20)) {
    if (hit.object !== 'customer') continue; // contacts and leads join with their modules
    const c = await db
      .selectFrom('customers as c')
      .leftJoin('users as u', 'u.id', 'c.ownerId')
      .select(['c.id', 'c.name', 'c.ownerId', 'u.name as ownerName'])
      .where('c.orgId', '=', actor.orgId)
      .where('c.id', '=', hit.recordId)
      .where('c.deletedAt', 'is', null)
      .executeTakeFirst();
    if (!c) continue;
    const visible = await canOnRecord(db, actor, 'customer', 'read', c.id);
    out.push({
      object: 'customer',
      ...(visible ? { id: c.id, name: c.name } : {}),
      matchedOn: hit.matchedOn,
      exact: hit.exact,
      ...(hit.similarity !== undefined ? { similarity: Math.round(hit.similarity * 100) / 100 } : {}),
      visible,
      inPool: c.ownerId === null,
      owner: c.ownerId && c.ownerName ? { id: c.ownerId, name: c.ownerName } : null,
    });
  }
  return out;
}
