import { type Kysely, PostgresAdapter } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export function isPostgres(db: Kysely<unknown> | Kysely<never>): boolean {
  return (db as Kysely<unknown>).getExecutor().adapter instanceof PostgresAdapter;
}

export function dialectOf(db: Kysely<unknown> | Kysely<never>): DialectName {
  return isPostgres(db) ? 'postgres' : 'sqlite';
}
