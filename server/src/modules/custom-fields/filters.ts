import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { customContains, customNumber, customText } from './custom-fields.repo.js';
import type { CustomFieldDef } from './custom-fields.schema.js';

// List filters on custom fields: `cf.<key>=value` (equals; for a multi-select: contains) and
// `cf.<key>.from` / `cf.<key>.to` (inclusive range; numbers, money in 分, dates YYYY-MM-DD).

const param = /^cf\.([a-z][a-z0-9_]{0,39})(?:\.(from|to))?$/;
const rangeTypes = new Set(['number', 'money', 'date']);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Lets a strict list-query schema accept `cf.*` parameters (as strings); any other unknown parameter
 * is still refused with `unrecognized_keys`. Which keys exist is checked against the definitions when
 * the query is built (customFilterConditions).
 */
export function acceptingCustomFilters<T extends z.ZodObject>(schema: T): T {
  const known = new Set(Object.keys(schema.shape));
  // Typed as the plain schema: handlers read the `cf.*` entries with customFilterParams.
  return schema
    .loose()
    .describe(
      'Custom-field filters: cf.<key>=value (equals; a multi-select contains it) and cf.<key>.from / cf.<key>.to (inclusive ranges of numbers, money in 分 and dates).',
    )
    .superRefine((v, ctx) => {
      for (const [k, value] of Object.entries(v as Record<string, unknown>)) {
        if (known.has(k)) continue;
        if (!param.test(k))
          ctx.addIssue({
            code: 'unrecognized_keys',
            keys: [k],
            input: v,
            message: 'unrecognized key',
          } as never);
        else if (typeof value !== 'string' || value.length > 200)
          ctx.addIssue({
            code: 'invalid_type',
            expected: 'string',
            path: [k],
            input: value,
            message: 'string',
          });
      }
    }) as unknown as T;
}

/** The `cf.*` entries of a parsed query. */
export function customFilterParams(query: Record<string, unknown>): [string, string][] {
  return Object.entries(query).filter(
    (e): e is [string, string] => e[0].startsWith('cf.') && typeof e[1] === 'string',
  );
}

/**
 * SQL conditions for the `cf.*` parameters of a list query on rows whose custom JSON is `column`.
 * Every key must be a defined field of the object (else 400 naming the parameter); values go to the
 * database only as bound parameters.
 */
export function customFilterConditions(
  db: Kysely<DB>,
  column: string,
  defs: CustomFieldDef[],
  query: Record<string, unknown>,
): Expression<SqlBool>[] {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const errors: FieldError[] = [];
  const conditions: Expression<SqlBool>[] = [];
  for (const [name, raw] of customFilterParams(query)) {
    const m = param.exec(name);
    const def = m ? byKey.get(m[1]!) : undefined;
    const path = `query.${name}`;
    if (!m || !def) {
      errors.push({ path, code: 'custom_field_unknown' });
      continue;
    }
    const bound = m[2] as 'from' | 'to' | undefined;
    const value = raw.trim();
    if (!value) continue;
    if (bound && !rangeTypes.has(def.type)) {
      errors.push({ path, code: 'custom_field_invalid_type' });
      continue;
    }
    const op = sql.raw(bound === 'from' ? '>=' : bound === 'to' ? '<=' : '=');
    if (def.type === 'number' || def.type === 'money') {
      const n = Number(value);
      if (!/^-?\d+(\.\d+)?$/.test(value) || !Number.isFinite(n)) {
        errors.push({ path, code: 'custom_field_invalid_type' });
        continue;
      }
      conditions.push(sql<SqlBool>`${customNumber(db, column, def.key)} ${op} ${n}`);
    } else if (def.type === 'date') {
      if (!isoDate.test(value)) {
        errors.push({ path, code: 'custom_field_date' });
        continue;
      }
      conditions.push(sql<SqlBool>`${customText(db, column, def.key)} ${op} ${value}`);
    } else if (def.type === 'multi_select') {
      conditions.push(sql<SqlBool>`${customContains(db, column, def.key, value)}`);
    } else {
      conditions.push(sql<SqlBool>`${customText(db, column, def.key)} = ${value}`);
    }
  }
  if (errors.length) throw new AppError(400, 'validation_failed', {}, { errors });
  return conditions;
}
