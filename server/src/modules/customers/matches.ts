import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, scopeFilter } from '../../platform/access/index.js';
import type { Hit } from './dedup.js';

type Found = {
  id: string;
  name: string;
  company?: string | null;
  ownerId: string | null;
  ownerName: string | null;
  customerId: string;
  customerName: string;
  visible: number | string;
};

/** 1 when the actor may read the row: the access layer's own filter, evaluated per row. */
const readable = (actor: Actor, object: string, column: string) =>
  sql<number>`case when ${scopeFilter(actor, object, column)} then 1 else 0 end`;

/**
 * Presents duplicate hits to the asker under the access policy: a record they may read shows its id
 * and name (and, for a contact, its customer); one they may not shows only that it exists, what
 * matched, and whom to ask (the owner), or that it sits in the pool. One query per kind of record
 * (customers, contacts, leads), whatever the number of hits; visibility is the access layer's
 * scope filter evaluated on each row.
 */
export async function presentMatches(db: Kysely<DB>, actor: Actor, hits: Hit[]) {
  const shown = hits.slice(0, 20);
  const ids = (object: string) => shown.filter((h) => h.object === object).map((h) => h.recordId);
  const customerIds = ids('customer');
  const contactIds = ids('contact');
  const found = new Map<string, Found>();
  if (customerIds.length) {
    const rows = await db
      .selectFrom('customers as c')
      .leftJoin('users as u', 'u.id', 'c.ownerId')
      .select([
        'c.id',
        'c.name',
        'c.ownerId',
        'u.name as ownerName',
        'c.id as customerId',
        'c.name as customerName',
        readable(actor, 'customer', 'c.owner_id').as('visible'),
      ])
      .where('c.orgId', '=', actor.orgId)
      .where('c.id', 'in', customerIds)
      .where('c.deletedAt', 'is', null)
      .execute();
    for (const r of rows) found.set(`customer:${r.id}`, r);
  }
  if (contactIds.length) {
    const rows = await db
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
        readable(actor, 'contact', 'k.customer_id').as('visible'),
      ])
      .where('k.orgId', '=', actor.orgId)
      .where('k.id', 'in', contactIds)
      .where('k.deletedAt', 'is', null)
      .where('c.deletedAt', 'is', null)
      .execute();
    for (const r of rows) found.set(`contact:${r.id}`, r);
  }
  const leadIds = ids('lead');
  if (leadIds.length) {
    const rows = await db
      .selectFrom('leads as l')
      .leftJoin('users as u', 'u.id', 'l.ownerId')
      .select([
        'l.id',
        'l.name',
        'l.company',
        'l.ownerId',
        'u.name as ownerName',
        readable(actor, 'lead', 'l.owner_id').as('visible'),
      ])
      .where('l.orgId', '=', actor.orgId)
      .where('l.id', 'in', leadIds)
      .where('l.deletedAt', 'is', null)
      .execute();
    for (const r of rows) found.set(`lead:${r.id}`, { ...r, customerId: '', customerName: '' });
  }
  const out = [];
  for (const hit of shown) {
    const f = found.get(`${hit.object}:${hit.recordId}`);
    if (!f) continue;
    const visible = Number(f.visible) === 1;
    out.push({
      object: hit.object,
      ...(visible ? { id: f.id, name: f.name } : {}),
      ...(visible && hit.object === 'contact'
        ? { customer: { id: f.customerId, name: f.customerName } }
        : {}),
      ...(visible && f.company ? { company: f.company } : {}),
      matchedOn: hit.matchedOn,
      exact: hit.exact,
      ...(hit.similarity !== undefined ? { similarity: Math.round(hit.similarity * 100) / 100 } : {}),
      visible,
      inPool: f.ownerId === null,
      owner: f.ownerId && f.ownerName ? { id: f.ownerId, name: f.ownerName } : null,
    });
  }
  return out;
}
