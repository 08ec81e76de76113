import type { Kysely } from 'kysely';

// 跟进记录 in full (D4): how long it took, what the customer needs, the next step, the contacts
// involved, and — for a visit — the check-in as the browser reported it (or why there is none).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('follow_ups').addColumn('duration_minutes', 'integer').execute();
  await db.schema.alterTable('follow_ups').addColumn('needs', 'text').execute();
  await db.schema.alterTable('follow_ups').addColumn('next_step', 'text').execute();
  // JSON string[]: contacts of the record's customer who took part.
  await db.schema.alterTable('follow_ups').addColumn('contact_ids', 'text').execute();
  // JSON { status: located | denied | unavailable, lat?, lng?, accuracy?, at?, receivedAt, late? }
  await db.schema.alterTable('follow_ups').addColumn('check_in', 'text').execute();
  // 下次跟进 of a customer, set by its follow-ups (the to-do centre lists those due).
  await db.schema.alterTable('customers').addColumn('next_follow_up_at', 'bigint').execute();
}
