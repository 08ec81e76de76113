import type { Kysely } from 'kysely';

// Imports (导入): an uploaded .xlsx/.csv file, its column mapping, the dry run's findings per row, and
// the run's checkpoint. One engine serves every object with an import target (customers first).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    // The user's file name, for display only; the file itself is stored under a generated key.
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_key', 'text')
    .addColumn('file_size', 'bigint', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull()) // xlsx | csv
    .addColumn('encoding', 'text') // csv: utf-8 | gb18030
    .addColumn('header_row', 'integer', (c) => c.notNull())
    .addColumn('headers', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('sample', 'text', (c) => c.notNull()) // JSON string[][]
    .addColumn('merges', 'text', (c) => c.notNull().defaultTo('[]')) // JSON merged ranges of the sheet
    .addColumn('mapping', 'text') // JSON { [column index]: field key }
    .addColumn('policy', 'text') // skip | merge | create
    .addColumn('import_similar', 'integer', (c) => c.notNull().defaultTo(0))
    // uploaded → checking → checked → running → done | cancelled | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('checked_rows', 'integer', (c) => c.notNull().defaultTo(0))
    // The run's checkpoint: the last file row whose outcome is committed.
    .addColumn('done_row', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text') // JSON: the dry run's counts
    .addColumn('result', 'text', (c) => c.notNull().defaultTo('{}')) // JSON: the run's counts
    .addColumn('error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('imports_org_creator')
    .on('imports')
    .columns(['org_id', 'created_by', 'id'])
    .execute();

  // What the dry run (phase check) and the run (phase run) found on a row: an error, a duplicate in
  // the file or in the database, a similar name; with the row's cells for the error report.
  await db.schema
    .createTable('import_issues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id'))
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // error | file_duplicate | db_duplicate | similar | skipped
    .addColumn('field', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull()) // JSON
    .addColumn('cells', 'text', (c) => c.notNull()) // JSON string[]
    .execute();
  await db.schema
    .createIndex('import_issues_row')
    .on('import_issues')
    .columns(['org_id', 'import_id', 'phase', 'row_no', 'id'])
    .execute();

  // The dedup keys seen so far in one file (dry run), so a duplicate inside the file is found with
  // an indexed lookup and memory stays flat however long the file is.
  await db.schema
    .createTable('import_keys')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_keys_pk', ['org_id', 'import_id', 'kind', 'key'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
