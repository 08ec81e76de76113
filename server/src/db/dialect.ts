import { type Kysely, PostgresAdapter } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export function isPostgres<T>(db: Kysely<T>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function dialectOf<T>(db: Kysely<T>): DialectName {
  return isPostgres(db) ? 'postgres' : 'sqlite';
}
