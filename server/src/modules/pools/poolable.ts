import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

// The objects that live in pools: owned by a rep (owner_id), or waiting in a pool (owner_id null,
// pool_id) — customers in 公海, leads in 线索池. Both tables have the same ownership columns (owner_id,
// pool_id, owned_since, status, version, deleted_at), so one claim, release, transfer and recycle
// serves both.
export const poolables = {
  customer: {
    table: 'customers',
    defaultPoolName: '公海',
    /** Statuses that no longer count against a rep's ownership cap (won customers). */
    settled: ['customer'],
  },
  lead: { table: 'leads', defaultPoolName: '线索池', settled: ['converted', 'disqualified'] },
} as const;

export type PoolObject = keyof typeof poolables;
export const poolObjects = Object.keys(poolables) as [PoolObject, ...PoolObject[]];

/** The table of a pooled object, typed as the customers table (the columns that matter are the same). */
export const pooledTable = (object: PoolObject) => poolables[object].table as 'customers';

/** Work an object does when its records get an owner (a lead's first-follow-up clock starts). */
export type OwnedHook = (tx: Kysely<DB>, orgId: string, ids: string[], at: number) => Promise<void>;
const ownedHooks = new Map<PoolObject, OwnedHook>();

export function onOwned(object: PoolObject, hook: OwnedHook): void {
  ownedHooks.set(object, hook);
}

/** Runs the object's hook for records that just got an owner (in the caller's transaction). */
export async function ownedNow(tx: Kysely<DB>, object: PoolObject, orgId: string, ids: string[], at: number) {
  if (ids.length) await ownedHooks.get(object)?.(tx, orgId, ids, at);
}
