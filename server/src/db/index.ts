import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CamelCasePlugin,
  Kysely,
  type LogConfig,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
} from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect.js';
import type { DB } from './schema.js';

// int8 (bigint) columns hold epoch milliseconds and counts: read them back as numbers, as SQLite does.
pg.types.setTypeParser(20, (v) => Number(v));

export type Database = {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The SQLite file, when the database is SQLite. */
  sqliteFile?: string;
  /** The underlying better-sqlite3 handle (for online backup), when SQLite. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
};

/**
 * Settings of every PostgreSQL session the app opens. JIT compilation is off: the metric queries are
 * large enough for the planner to compile them, which cost ~0.3 s each and gained nothing (a year's
 * stage conversion over 50,000 deals: 650 ms with JIT, 310 ms without).
 */
export const pgSessionOptions = '-c jit=off';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function openDatabase(
  url: string,
  opts: {
    poolSize?: number /** Kysely's query log (the bench captures a request's SQL with it). */;
    log?: LogConfig;
  } = {},
): Database {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, options: pgSessionOptions });
    // An idle connection the server closes (restart, failover, a dropped database) errors on the pool;
    // unhandled, that would end the process. The pool discards it and the next query connects anew.
    pool.on('error', (err) => {
      if ((err as { code?: string }).code !== '57P01')
        console.warn(`database connection lost: ${err.message}`);
    });
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new CamelCasePlugin()],
      log: opts.log,
    });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = url.replace(/^file:/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Table statistics for the query planner (SQLite gathers none by itself): analyze what needs it now,
  // with a bounded effort; the hourly housekeeping job runs PRAGMA optimize again as data grows.
  sqlite.pragma('optimize = 0x10002');
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new CamelCasePlugin()],
    log: opts.log,
  });
  return { db, dialect: 'sqlite', sqliteFile: file, sqlite, close: () => db.destroy() };
}

/**
 * Kysely asks better-sqlite3 to prepare every statement on every query; preparing costs more than
 * running most of our queries. Keep the most recently used prepared statements by SQL text
 * (parameters are bound per call, so one statement serves every request of the same shape).
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt) {
        cache.delete(sqlText); // move to the most recent end
      } else {
        stmt = sqlite.prepare(sqlText);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
  };
}
