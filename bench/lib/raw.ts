import { performance } from 'node:perf_hooks';
import type SQLite from 'better-sqlite3';
import pg from 'pg';
import type { CapturedQuery } from './capture.js';

export type RawResult = {
  /** Complete replays of the request's queries per second. */
  requestsPerSec: number;
  queriesPerSec: number;
  iterations: number;
};

/**
 * Replays a request's queries on better-sqlite3 itself for `durationMs`, one after another, as the
 * app's driver runs them (reader statements with all(), others with run()). With `cached`, each
 * statement is prepared once; without, it is prepared on every run, as Kysely's SQLite driver does.
 */
export function rawSqlite(
  sqlite: SQLite.Database,
  queries: CapturedQuery[],
  durationMs: number,
  o: { cached: boolean },
): RawResult {
  const prepared = queries.map((q) => ({ q, stmt: sqlite.prepare(q.sql) }));
  const runOnce = () => {
    for (const { q, stmt: cachedStmt } of prepared) {
      const stmt = o.cached ? cachedStmt : sqlite.prepare(q.sql);
      if (stmt.reader) stmt.all(q.parameters);
      else stmt.run(q.parameters);
    }
  };
  const start = performance.now();
  const until = start + durationMs;
  let iterations = 0;
  while (performance.now() < until) {
    for (let i = 0; i < 100; i++) runOnce();
    iterations += 100;
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    requestsPerSec: iterations / seconds,
    queriesPerSec: (iterations * queries.length) / seconds,
    iterations,
  };
}

/**
 * Replays a request's queries on node-postgres itself for `durationMs`: `concurrency` loops (one per
 * pooled connection, like the server's pool under load), each running the queries one after another
 * with pool.query (unnamed statements, as Kysely's PostgreSQL driver sends them).
 */
export async function rawPostgres(
  url: string,
  queries: CapturedQuery[],
  durationMs: number,
  concurrency: number,
): Promise<RawResult> {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  try {
    // Warm the pool and the server's plan caches.
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (const q of queries) await pool.query(q.sql, q.parameters as unknown[]);
      }),
    );
    const start = performance.now();
    const until = start + durationMs;
    let iterations = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          for (const q of queries) await pool.query(q.sql, q.parameters as unknown[]);
          iterations++;
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    return {
      requestsPerSec: iterations / seconds,
      queriesPerSec: (iterations * queries.length) / seconds,
      iterations,
    };
  } finally {
    await pool.end();
  }
}
