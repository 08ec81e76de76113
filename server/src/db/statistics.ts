import { type Kysely, sql } from 'kysely';
import { isPostgres } from './dialect.js';

/**
 * Fresh planner statistics for tables that just grew a lot (a bulk import): without them the planner
 * keeps plans made for a small table — a scan of a whole key table per looked-up row once it is not
 * small any more. PostgreSQL: ANALYZE of the named tables (a bounded sample, whether or not autovacuum
 * runs); SQLite: PRAGMA optimize, which analyzes the tables whose size changed (bounded effort).
 */
export async function refreshStatistics<T>(db: Kysely<T>, tables: string[]): Promise<void> {
  if (isPostgres(db)) {
    if (tables.length) await sql`analyze ${sql.join(tables.map((t) => sql.id(t)))}`.execute(db);
  } else await sql`pragma optimize = 0x10002`.execute(db);
}
