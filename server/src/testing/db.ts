import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../db/index.js';
import { migrateToLatest } from '../db/migrate.js';

/**
 * The databases every DB test runs on: SQLite always, PostgreSQL too when TEST_DATABASE_URL is set
 * (CI sets it). Each call makes a fresh, migrated database; PostgreSQL ones are dropped on close.
 */
/**
 * The databases each suite runs on: SQLite, and PostgreSQL when TEST_DATABASE_URL names a server —
 * only PostgreSQL with TEST_ONLY_POSTGRES=1 (CI has run the SQLite half just before).
 */
export const testDialects: ('sqlite' | 'postgres')[] = !process.env.TEST_DATABASE_URL
  ? ['sqlite']
  : process.env.TEST_ONLY_POSTGRES === '1'
    ? ['postgres']
    : ['sqlite', 'postgres'];

export async function freshDatabase(dialect: 'sqlite' | 'postgres'): Promise<Database & { url: string }> {
  if (dialect === 'sqlite') {
    const database = openDatabase(':memory:');
    await migrateToLatest(database.db);
    return { ...database, url: ':memory:' };
  }
  const { url, drop } = await createPgDatabase(await migratedTemplate());
  const database = openDatabase(url, { poolSize: 5 });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/**
 * A migrated PostgreSQL database to copy test databases from, named by the migrations' source (so a
 * changed migration makes a new one), made once however many test processes ask at the same time.
 * Copying it takes a fraction of a second; migrating each test database took 2–3 s.
 */
async function migratedTemplate(): Promise<string> {
  const dir = path.join(import.meta.dirname, '../db/migrations');
  const hash = createHash('sha256');
  for (const f of fs.readdirSync(dir).sort()) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
  const name = `cadence_tpl_${hash.digest('hex').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(7207)');
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!found.rowCount) {
      const old = await admin.query("select datname from pg_database where datname like 'cadence_tpl_%'");
      // Templates of earlier migrations are of no further use (one still being copied stays).
      for (const r of old.rows as { datname: string }[])
        await admin.query(`drop database if exists ${r.datname}`).catch(() => {});
      const building = `${name}_building`;
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${building}`;
      const database = openDatabase(url.toString(), { poolSize: 1 });
      await migrateToLatest(database.db);
      await database.close();
      // Renamed only once complete: a run stopped half-way leaves no half-migrated template.
      await admin.query(`alter database ${building} rename to ${name}`);
    }
  } finally {
    await admin.query('select pg_advisory_unlock(7207)');
    await admin.end();
  }
  return name;
}

/**
 * Creates a PostgreSQL database `cadence_test_<random>` next to TEST_DATABASE_URL's: empty, or a copy
 * of `template`.
 */
export async function createPgDatabase(
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `cadence_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
