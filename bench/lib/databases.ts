import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const defaultPgUrl = 'postgres://postgres@127.0.0.1:5432/test';

export type ThrowAwayDatabase = { url: string; drop(): Promise<void> };

/** An empty SQLite file in a temporary folder (a file, not :memory:, so WAL and fsync are real). */
export function throwAwaySqlite(): ThrowAwayDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-bench-'));
  return {
    url: `file:${path.join(dir, 'bench.sqlite')}`,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Whether a PostgreSQL server answers at `url`. */
export async function pgReachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Creates `cadence_bench_<random>` on the server of `baseUrl`; `drop()` removes it. */
export async function throwAwayPostgres(baseUrl: string): Promise<ThrowAwayDatabase> {
  const name = `cadence_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
