import { randomBytes } from 'node:crypto';
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
  const { url, drop } = await createPgDatabase();
  const database = openDatabase(url, { poolSize: 5 });
  await migrateToLatest(database.db);
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/** Creates an empty PostgreSQL database `cadence_test_<random>` next to TEST_DATABASE_URL's. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `cadence_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
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
