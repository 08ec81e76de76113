import type { Kysely, Selectable } from 'kysely';
import type { CustomersTable, DB } from '../../db/schema.js';

/** Live (not deleted) customers of an org with their owner's name, as the endpoints return them. */
export function selectCustomers(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom('customers as c')
    .leftJoin('users as o', 'o.id', 'c.ownerId')
    .leftJoin('pools as pl', 'pl.id', 'c.poolId')
    .selectAll('c')
    .select(['o.name as ownerName', 'pl.name as poolName'])
    .where('c.orgId', '=', orgId)
    .where('c.deletedAt', 'is', null);
}

export type CustomerRow = Selectable<CustomersTable> & { ownerName: string | null; poolName: string | null };

export function present(r: CustomerRow) {
  return {
    id: r.id,
    name: r.name,
    shortName: r.shortName,
    level: r.level,
    status: r.status,
    industry: r.industry,
    region: { province: r.province, city: r.city },
    address: r.address,
    location: r.lat !== null && r.lng !== null ? { lat: Number(r.lat), lng: Number(r.lng) } : null,
    phone: r.phone,
    email: r.email,
    website: r.website,
    source: r.source,
    tags: JSON.parse(r.tags) as string[],
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    poolId: r.poolId,
    poolName: r.poolName,
    ownedSince: r.ownedSince,
    locked: r.locked === 1,
    lastFollowUpAt: r.lastFollowUpAt,
    nextFollowUpAt: r.nextFollowUpAt,
    custom: JSON.parse(r.custom) as Record<string, unknown>,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}
