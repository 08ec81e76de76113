import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, canOnRecord } from '../../platform/access/index.js';
import type { Hit } from './dedup.js';

/**
 * Presents duplicate hits to the asker under the access policy: a record they may read shows its id
 * and name (and, for a contact, its customer); one they may not shows only that it exists, what
 * matched, and whom to ask (the customer's owner), or that it sits in the pool.
 */
export async function presentMatches(db: Kysely<DB>, actor: Actor, hits: Hit[]) {
  const out = [];
  for (const hit of hits.slice(0, 20)) {
    const found =
      hit.object === 'customer'
        ? await db
            .selectFrom('customers as c')
            .leftJoin('users as u', 'u.id', 'c.ownerId')
            .select([
              'c.id',
              'c.name',
              'c.ownerId',
              'u.name as ownerName',
              'c.id as customerId',
              'c.name as customerName',
            ])
            .where('c.orgId', '=', actor.orgId)
            .where('c.id', '=', hit.recordId)
            .where('c.deletedAt', 'is', null)
            .executeTakeFirst()
        : hit.object === 'contact'
          ? await db
              .selectFrom('contacts as k')
              .innerJoin('customers as c', 'c.id', 'k.customerId')
              .leftJoin('users as u', 'u.id', 'c.ownerId')
              .select([
                'k.id',
                'k.name',
                'c.ownerId',
                'u.name as ownerName',
                'c.id as customerId',
                'c.name as customerName',
              ])
              .where('k.orgId', '=', actor.orgId)
              .where('k.id', '=', hit.recordId)
              .where('k.deletedAt', 'is', null)
              .where('c.deletedAt', 'is', null)
              .executeTakeFirst()
          : undefined;
    if (!found) continue;
    const visible = await canOnRecord(db, actor, hit.object, 'read', found.id);
    out.push({
      object: hit.object,
      ...(visible ? { id: found.id, name: found.name } : {}),
      ...(visible && hit.object !== 'customer'
        ? { customer: { id: found.customerId, name: found.customerName } }
        : {}),
      matchedOn: hit.matchedOn,
      exact: hit.exact,
      ...(hit.similarity !== undefined ? { similarity: Math.round(hit.similarity * 100) / 100 } : {}),
      visible,
      inPool: found.ownerId === null,
      owner: found.ownerId && found.ownerName ? { id: found.ownerId, name: found.ownerName } : null,
    });
  }
  return out;
}
