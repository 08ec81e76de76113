import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import {
  countUsing,
  customFieldDefs,
  defsFor,
  forgetDefs,
  present,
  selectDefs,
} from './custom-fields.repo.js';
import {
  type createBody,
  type FieldOptions,
  type FieldType,
  MAX_FIELDS_PER_OBJECT,
  type updateBody,
} from './custom-fields.schema.js';
import type { CustomObject } from './objects.js';
import { type CustomValues, type UserLookup, validateCustom } from './validate.js';

type Meta = { orgId: string; actorId: string; at: number; requestId?: string | null };

/** Users of the org by id, with whether each is active (for `user` fields). */
export const orgUsers =
  (db: Kysely<DB>, orgId: string): UserLookup =>
  async (ids) => {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'active'])
      .where('orgId', '=', orgId)
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.active === 1]));
  };

/**
 * The `custom` JSON to store for a record of `object`: the stored values (`before`, JSON text) with the
 * input applied and validated. On create (`partial: false`) required fields must be filled.
 */
export async function customValues(
  db: Kysely<DB>,
  actor: Actor,
  object: CustomObject,
  input: CustomValues | undefined,
  o: { partial: boolean; before?: string },
): Promise<string> {
  const before = o.before ? (JSON.parse(o.before) as CustomValues) : {};
  if (input === undefined && o.partial) return JSON.stringify(before);
  const defs = await defsFor(db, actor, object);
  const values = await validateCustom(defs, input, {
    partial: o.partial,
    before,
    users: orgUsers(db, actor.orgId),
  });
  return JSON.stringify(values);
}

/** Options that fit the type: choices for selects, bounds for numbers, nothing for the rest. */
function optionsFor(type: FieldType, options: FieldOptions | undefined): FieldOptions {
  const o = options ?? {};
  const errors = [];
  if (type === 'select' || type === 'multi_select') {
    const choices = o.choices ?? [];
    if (!choices.length) errors.push({ path: 'body.options.choices', code: 'custom_field_choices_required' });
    if (new Set(choices.map((c) => c.key)).size !== choices.length)
      errors.push({ path: 'body.options.choices', code: 'custom_field_option_repeated' });
    if (errors.length) throw invalid(errors);
    return { choices };
  }
  if (type === 'number' || type === 'money') {
    const out: FieldOptions = {};
    if (o.min !== undefined && o.min !== null) out.min = o.min;
    if (o.max !== undefined && o.max !== null) out.max = o.max;
    if (type === 'number' && o.precision !== undefined && o.precision !== null) out.precision = o.precision;
    if (type === 'money') {
      for (const k of ['min', 'max'] as const)
        if (out[k] !== undefined && !Number.isSafeInteger(out[k]))
          errors.push({ path: `body.options.${k}`, code: 'custom_field_money' });
    }
    if (out.min != null && out.max != null && out.min > out.max)
      errors.push({ path: 'body.options.min', code: 'custom_field_min_above_max' });
    if (errors.length) throw invalid(errors);
    return out;
  }
  return {};
}

export async function createDef(
  tx: Kysely<DB>,
  actor: Actor,
  b: z.infer<typeof createBody>,
  meta: Meta,
): Promise<string> {
  const existing = await customFieldDefs(tx, actor.orgId, b.object);
  if (existing.some((d) => d.key === b.key))
    throw new AppError(409, 'duplicate_custom_field_key', { key: b.key });
  if (existing.length >= MAX_FIELDS_PER_OBJECT)
    throw new AppError(409, 'custom_field_limit', { max: MAX_FIELDS_PER_OBJECT });
  const id = newId();
  const row = {
    id,
    orgId: actor.orgId,
    object: b.object,
    key: b.key,
    labelZh: b.labelZh,
    labelEn: b.labelEn,
    type: b.type,
    options: JSON.stringify(optionsFor(b.type, b.options)),
    required: b.required ? 1 : 0,
    position: Math.max(-1, ...existing.map((d) => d.position)) + 1,
    active: 1,
    helpZh: b.helpZh || null,
    helpEn: b.helpEn || null,
    createdBy: actor.userId,
    createdAt: meta.at,
    updatedAt: meta.at,
  };
  await tx.insertInto('customFieldDefs').values(row).execute();
  await recordChange(tx, { ...meta, object: 'custom_field', recordId: id, action: 'create', after: row });
  forgetDefs(actor);
  return id;
}

async function loadForChange(tx: Kysely<DB>, actor: Actor, id: string, version: number) {
  const row = await selectDefs(tx, actor.orgId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  assertVersion(row, version, present);
  return row;
}

async function save(
  tx: Kysely<DB>,
  actor: Actor,
  before: Awaited<ReturnType<typeof loadForChange>>,
  set: Record<string, unknown>,
  meta: Meta,
  action: string,
) {
  const res = await tx
    .updateTable('customFieldDefs')
    .set({ ...set, updatedAt: meta.at, version: before.version + 1 })
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
  await recordChange(tx, {
    ...meta,
    object: 'custom_field',
    recordId: before.id,
    action,
    before,
    after: { ...before, ...set },
  });
  forgetDefs(actor);
}

/**
 * Changes a definition. The key never changes (it is the API contract); the type changes only while
 * no record holds a value; an option may be removed only while no record uses it.
 */
export async function updateDef(
  tx: Kysely<DB>,
  actor: Actor,
  id: string,
  b: z.infer<typeof updateBody>,
  meta: Meta & { version: number },
): Promise<void> {
  const before = await loadForChange(tx, actor, id, meta.version);
  const def = present(before);
  const object = def.object as CustomObject;
  const type = b.type ?? def.type;
  if (type !== def.type && (await countUsing(tx, actor.orgId, object, def.key)) > 0)
    throw conflict('custom_field_in_use');
  const set: Record<string, unknown> = {};
  if (b.options !== undefined || type !== def.type) {
    const options = optionsFor(type, b.options ?? def.options);
    if (type === def.type && (type === 'select' || type === 'multi_select')) {
      const kept = new Set((options.choices ?? []).map((c) => c.key));
      for (const gone of (def.options.choices ?? []).filter((c) => !kept.has(c.key))) {
        const used = await countUsing(tx, actor.orgId, object, def.key, {
          value: gone.key,
          multi: type === 'multi_select',
        });
        if (used > 0) throw new AppError(409, 'custom_field_option_in_use', { option: gone.labelZh });
      }
    }
    set.options = JSON.stringify(options);
  }
  if (b.type !== undefined) set.type = b.type;
  if (b.labelZh !== undefined) set.labelZh = b.labelZh;
  if (b.labelEn !== undefined) set.labelEn = b.labelEn;
  if (b.required !== undefined) set.required = b.required ? 1 : 0;
  if (b.helpZh !== undefined) set.helpZh = b.helpZh || null;
  if (b.helpEn !== undefined) set.helpEn = b.helpEn || null;
  await save(tx, actor, before, set, meta, 'update');
}

/** 归档 / 恢复: an archived field keeps its values but leaves forms, lists and input. */
export async function setActive(
  tx: Kysely<DB>,
  actor: Actor,
  id: string,
  active: boolean,
  meta: Meta & { version: number },
): Promise<void> {
  const before = await loadForChange(tx, actor, id, meta.version);
  if ((before.active === 1) === active) return;
  await save(tx, actor, before, { active: active ? 1 : 0 }, meta, active ? 'restore' : 'archive');
}

/** Puts the fields of an object in the given order (every field exactly once). */
export async function reorder(
  tx: Kysely<DB>,
  actor: Actor,
  object: CustomObject,
  ids: string[],
  meta: Meta,
): Promise<void> {
  const defs = await customFieldDefs(tx, actor.orgId, object);
  const known = new Set(defs.map((d) => d.id));
  if (ids.length !== defs.length || new Set(ids).size !== ids.length || ids.some((i) => !known.has(i)))
    throw invalid([{ path: 'body.ids', code: 'custom_field_reorder_mismatch' }]);
  const before = Object.fromEntries(defs.map((d) => [d.key, d.position]));
  const byId = new Map(defs.map((d) => [d.id, d]));
  for (const [position, id] of ids.entries()) {
    if (byId.get(id)!.position === position) continue;
    await tx
      .updateTable('customFieldDefs')
      .set({ position, updatedAt: meta.at })
      .where('id', '=', id)
      .where('orgId', '=', actor.orgId)
      .execute();
  }
  const after = Object.fromEntries(ids.map((id, i) => [byId.get(id)!.key, i]));
  await recordChange(tx, {
    ...meta,
    object: 'custom_field',
    recordId: object,
    action: 'reorder',
    before,
    after,
  });
  forgetDefs(actor);
}
