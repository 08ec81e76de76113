import { type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import { isPostgres } from '../../db/dialect.js';
import type { CustomFieldDefsTable, DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import type { CustomFieldDef, FieldOptions, FieldType } from './custom-fields.schema.js';
import { type CustomObject, customObjects } from './objects.js';

export type DefRow = Selectable<CustomFieldDefsTable>;

export function present(r: DefRow): CustomFieldDef {
  return {
    id: r.id,
    object: r.object,
    key: r.key,
    labelZh: r.labelZh,
    labelEn: r.labelEn,
    type: r.type as FieldType,
    options: JSON.parse(r.options) as FieldOptions,
    required: r.required === 1,
    position: r.position,
    active: r.active === 1,
    helpZh: r.helpZh,
    helpEn: r.helpEn,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

export const selectDefs = (db: Kysely<DB>, orgId: string) =>
  db.selectFrom('customFieldDefs').selectAll().where('orgId', '=', orgId);

/**
 * The custom fields of an object in form order, archived ones included (they keep their data; check
 * `active`). For the import/export column mapping and for every create/update path.
 */
export async function customFieldDefs(
  db: Kysely<DB>,
  orgId: string,
  object: CustomObject,
): Promise<CustomFieldDef[]> {
  const rows = await selectDefs(db, orgId)
    .where('object', '=', object)
    .orderBy('position')
    .orderBy('createdAt')
    .execute();
  return rows.map(present);
}

// One load per request (each request has its own actor object; an import job its own too), so a
// request sees one consistent set of definitions and never a stale global copy.
const perActor = new WeakMap<Actor, Map<string, Promise<CustomFieldDef[]>>>();

/** customFieldDefs, loaded once per actor object — i.e. once per request or job. */
export function defsFor(db: Kysely<DB>, actor: Actor, object: CustomObject): Promise<CustomFieldDef[]> {
  let byObject = perActor.get(actor);
  if (!byObject) {
    byObject = new Map();
    perActor.set(actor, byObject);
  }
  let defs = byObject.get(object);
  if (!defs) {
    defs = customFieldDefs(db, actor.orgId, object);
    byObject.set(object, defs);
    defs.catch(() => byObject.delete(object));
  }
  return defs;
}

/** Forget the cached definitions of an actor (after the actor itself changed them). */
export function forgetDefs(actor: Actor): void {
  perActor.delete(actor);
}

/**
 * SQL reading one custom value of a row as text (`column` e.g. 'c.custom'). The key travels as a
 * bound parameter and must already match the key pattern of a definition.
 */
export function customText(db: Kysely<DB>, column: string, key: string): RawBuilder<unknown> {
  return isPostgres(db as never)
    ? sql`(${sql.ref(column)}::jsonb ->> ${key}::text)`
    : sql`json_extract(${sql.ref(column)}, ${`$.${key}`})`;
}

/** SQL reading one custom value as a number (numbers and money). */
export function customNumber(db: Kysely<DB>, column: string, key: string): RawBuilder<unknown> {
  return isPostgres(db as never)
    ? sql`(${sql.ref(column)}::jsonb ->> ${key}::text)::numeric`
    : sql`json_extract(${sql.ref(column)}, ${`$.${key}`})`;
}

/** SQL: the multi-select value of a row contains this option key. */
export function customContains(db: Kysely<DB>, column: string, key: string, option: string) {
  return isPostgres(db as never)
    ? sql`(${sql.ref(column)}::jsonb -> ${key}::text) @> ${JSON.stringify([option])}::jsonb`
    : sql`exists (select 1 from json_each(${sql.ref(column)}, ${`$.${key}`}) where value = ${option})`;
}

/** How many records of an object (deleted ones too: they come back from the bin) hold a value. */
export async function countUsing(
  db: Kysely<DB>,
  orgId: string,
  object: CustomObject,
  key: string,
  option?: { value: string; multi: boolean },
): Promise<number> {
  const table = customObjects[object].table;
  const cond = option
    ? option.multi
      ? customContains(db, 'r.custom', key, option.value)
      : sql`${customText(db, 'r.custom', key)} = ${option.value}`
    : sql`${customText(db, 'r.custom', key)} is not null`;
  const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} r
    where r.org_id = ${orgId} and ${cond}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}
