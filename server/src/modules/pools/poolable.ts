import type { Kysely } from 'kysely';
import type { DB, OwnershipHistoryTable } from '../../db/schema.js';

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

/** One change of hands as the object's hook sees it: which records moved, how, by whom, where to, why. */
export type Moved = {
  orgId: string;
  /** The records that moved, with their owner before (null: it was in a pool) and their pool now. */
  records: { id: string; fromOwnerId: string | null; poolId: string | null }[];
  kind: OwnershipHistoryTable['kind'];
  to: { ownerId: string } | { poolId: string };
  actorId: string | null;
  at: number;
  reason: string | null;
  payload: Record<string, unknown>;
};
/** Work an object does after every change of hands (a lead records why it has its owner now). */
export type MovedHook = (tx: Kysely<DB>, m: Moved) => Promise<void>;
const movedHooks = new Map<PoolObject, MovedHook>();

export function onMoved(object: PoolObject, hook: MovedHook): void {
  movedHooks.set(object, hook);
}

/** Runs the object's hook for records that just changed hands (in the caller's transaction). */
export async function movedNow(tx: Kysely<DB>, object: PoolObject, m: Moved) {
  if (m.records.length) await movedHooks.get(object)?.(tx, m);
}
