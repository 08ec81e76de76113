import type { Kysely } from 'kysely';

// Counts and sums over many records read index entries only, never the rows (500,000 deals, 100,000
// leads and customers in the bench; the access layer's owner check reads the same entries):
// - a kanban's column totals and the stalled deals (stage, status, time in stage, owner, amount);
// - 待办's follow-ups due of deals, leads and customers, and the leads awaiting a first contact.
// Each carries what the access layer's check reads besides the owner: the id (records shared with the
// reader) and the pool (leads and customers without an owner, seen by the pool's members).
export async function up(db: Kysely<unknown>): Promise<void> {
  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();
  await index('opportunities_summary', 'opportunities', [
    'org_id',
    'pipeline_id',
    'stage_id',
    'deleted_at',
    'status',
    'stage_entered_at',
    'owner_id',
    'amount',
    'id',
  ]);
  await index('opportunities_due', 'opportunities', [
    'org_id',
    'status',
    'deleted_at',
    'next_follow_up_at',
    'owner_id',
    'id',
  ]);
  await index('leads_due', 'leads', [
    'org_id',
    'deleted_at',
    'next_follow_up_at',
    'status',
    'owner_id',
    'pool_id',
  ]);
  await index('leads_first_contact', 'leads', [
    'org_id',
    'deleted_at',
    'first_follow_up_at',
    'sla_due_at',
    'status',
    'owner_id',
    'pool_id',
  ]);
  await index('customers_due', 'customers', [
    'org_id',
    'deleted_at',
    'next_follow_up_at',
    'owner_id',
    'pool_id',
    'id',
  ]);
}
