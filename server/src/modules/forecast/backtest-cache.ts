import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { dayIn } from '../../platform/clock.js';
import { backtest } from './backtest.js';
import type { ForecastFilters } from './history.js';

// The back-test replays a year of history (seconds on a large org) to answer questions about the past:
// it is kept per reader, filters and day, and computed again as soon as anything it reads may have
// changed — a record changed through the app (the audit log), a deal or a stage move written otherwise.

type Result = Awaited<ReturnType<typeof backtest>>;

const MAX_ENTRIES = 200;
const cache = new Map<string, Promise<Result>>();

/** The newest row of what the back-test reads: a change makes a new key (each an index-only lookup). */
async function dataVersion(db: Kysely<DB>, orgId: string): Promise<string> {
  const { rows } = await sql<{ a: string | null; o: string | null; h: string | null }>`select
      (select max(id) from audit_log where org_id = ${orgId}) as a,
      (select max(id) from opportunities) as o,
      (select max(id) from opportunity_stage_history) as h`.execute(db);
  const r = rows[0];
  return `${r?.a ?? ''}|${r?.o ?? ''}|${r?.h ?? ''}`;
}

export async function cachedBacktest(
  db: Kysely<DB>,
  actor: Actor,
  filters: ForecastFilters,
  tz: string,
  now: number,
): Promise<Result> {
  const key = JSON.stringify([
    actor.orgId,
    actor.userId,
    actor.departmentId,
    actor.isAdmin,
    actor.permissions,
    filters,
    dayIn(now, tz),
    await dataVersion(db, actor.orgId),
  ]);
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last: the oldest entry is the one to drop.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const computed = backtest(db, actor, filters, tz, now);
  cache.set(key, computed);
  computed.catch(() => cache.delete(key)); // a failure is not kept
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return computed;
}
