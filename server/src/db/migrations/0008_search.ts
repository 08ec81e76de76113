import { type Kysely, sql } from 'kysely';
import { searchTokens } from '../../modules/customers/search-tokens.js';
import { isPostgres } from '../dialect.js';

// The search index behind the customer list's `q` (A12), and indexes for the list's filters and count.
//
// search_docs: one row per searchable record with its tokens — the bigrams of its folded name and the
// 4-digit grams of its phone (see search-tokens.ts) — written with its 查重 keys (writeDedupKeys).
// SQLite indexes the tokens with FTS5 (external content, kept in step by triggers; detail=none: only
// which documents hold a token); PostgreSQL with a GIN index over the token array. Both answer "the
// records holding all these tokens", a superset the query then checks against the record itself.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  if (pg) {
    await sql`create table search_docs (
      org_id text not null, object text not null, record_id text not null, tokens text not null,
      primary key (org_id, object, record_id))`.execute(db);
    await sql`create index search_docs_tokens on search_docs using gin (string_to_array(tokens, ' '))`.execute(
      db,
    );
  } else {
    // doc_id is the FTS5 rowid (an INTEGER PRIMARY KEY keeps its value across VACUUM).
    await sql`create table search_docs (
      doc_id integer primary key, org_id text not null, object text not null, record_id text not null,
      tokens text not null)`.execute(db);
    await sql`create unique index search_docs_record on search_docs (org_id, object, record_id)`.execute(db);
    await sql`create virtual table search_fts using fts5(tokens, content='search_docs',
      content_rowid='doc_id', detail='none')`.execute(db);
    await sql`create trigger search_docs_ai after insert on search_docs begin
      insert into search_fts (rowid, tokens) values (new.doc_id, new.tokens); end`.execute(db);
    await sql`create trigger search_docs_ad after delete on search_docs begin
      insert into search_fts (search_fts, rowid, tokens) values ('delete', old.doc_id, old.tokens); end`.execute(
      db,
    );
    await sql`create trigger search_docs_au after update on search_docs begin
      insert into search_fts (search_fts, rowid, tokens) values ('delete', old.doc_id, old.tokens);
      insert into search_fts (rowid, tokens) values (new.doc_id, new.tokens); end`.execute(db);
  }

  // Prefix ranges (pinyin, initials, e-mail) need byte order on PostgreSQL whatever the database's
  // collation; SQLite compares text bytewise already (customers_org_pinyin / _initials serve it).
  if (pg) {
    await sql`create index customers_org_pinyin_c on customers (org_id, name_pinyin collate "C")`.execute(db);
    await sql`create index customers_org_initials_c on customers (org_id, name_initials collate "C")`.execute(
      db,
    );
    await sql`create index customers_org_email on customers (org_id, email collate "C")`.execute(db);
  } else {
    await sql`create index customers_org_email on customers (org_id, email)`.execute(db);
  }
  // The list's common filters, sorted by the default sort; also answers its (capped) count from the index.
  await sql`create index customers_org_level_updated on customers (org_id, level, updated_at, id)`.execute(
    db,
  );

  // Backfill: every live customer's document, in batches.
  let after = '';
  for (;;) {
    const rows = (
      await sql<{
        id: string;
        org_id: string;
        name: string;
        phone_e164: string | null;
      }>`select id, org_id, name,
        phone_e164 from customers where deleted_at is null and id > ${after} order by id limit 1000`.execute(
        db,
      )
    ).rows;
    if (!rows.length) break;
    for (const r of rows) {
      const tokens = searchTokens({ name: r.name, phoneE164: r.phone_e164 });
      await sql`insert into search_docs (org_id, object, record_id, tokens)
        values (${r.org_id}, 'customer', ${r.id}, ${tokens})`.execute(db);
    }
    after = rows[rows.length - 1]!.id;
  }
  if (!pg) await sql`analyze`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
