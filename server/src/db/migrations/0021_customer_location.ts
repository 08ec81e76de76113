import type { Kysely } from 'kysely';

// Where a customer is (WGS-84, as browsers report it): a visit's check-in then says how far from the
// customer it was made. Set by hand or from a check-in on site; unknown until then.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customers').addColumn('lat', 'double precision').execute();
  await db.schema.alterTable('customers').addColumn('lng', 'double precision').execute();
}
