import { z } from 'zod';
import { customObjectKeys } from './objects.js';

// Request and response shapes of /api/v1/custom-fields.

/** text ≤ 500 · long_text ≤ 10,000 · number · money (integer 分) · date · select · multi_select · user · phone · email */
export const fieldTypes = [
  'text',
  'long_text',
  'number',
  'money',
  'date',
  'select',
  'multi_select',
  'user',
  'phone',
  'email',
] as const;
export type FieldType = (typeof fieldTypes)[number];

export const MAX_FIELDS_PER_OBJECT = 100;
export const keyPattern = /^[a-z][a-z0-9_]{0,39}$/;

const label = z.string().trim().min(1).max(50);
const help = z.string().trim().max(200).nullable().optional();
const bound = z.number().finite().min(-1e15).max(1e15);

export const choice = z.strictObject({
  /** Stable option key stored in the records; labels may change, the key never does. */
  key: z.string().regex(keyPattern),
  labelZh: label,
  labelEn: label,
});

export const fieldOptions = z.strictObject({
  /** select / multi_select */
  choices: z.array(choice).max(200).optional(),
  /** number / money (money in 分, minor units) */
  min: bound.nullable().optional(),
  max: bound.nullable().optional(),
  /** number: decimal places allowed (0–6) */
  precision: z.number().int().min(0).max(6).nullable().optional(),
});
export type FieldOptions = z.infer<typeof fieldOptions>;

export const objectParam = z.enum(customObjectKeys);

export const createBody = z.strictObject({
  object: objectParam,
  key: z.string().regex(keyPattern),
  labelZh: label,
  labelEn: label,
  type: z.enum(fieldTypes),
  options: fieldOptions.optional(),
  required: z.boolean().optional(),
  helpZh: help,
  helpEn: help,
});

export const updateBody = z
  .strictObject({
    labelZh: label,
    labelEn: label,
    type: z.enum(fieldTypes),
    options: fieldOptions,
    required: z.boolean(),
    helpZh: help,
    helpEn: help,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');

export const reorderBody = z.strictObject({
  object: objectParam,
  /** Every field of the object, in the wanted order. */
  ids: z.array(z.uuid()).min(1).max(500),
});

export const listQuery = z.strictObject({ object: objectParam });

export const customFieldDef = z.object({
  id: z.string(),
  object: z.string(),
  key: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  type: z.enum(fieldTypes),
  options: z.object({
    choices: z.array(z.object({ key: z.string(), labelZh: z.string(), labelEn: z.string() })).optional(),
    min: z.number().nullable().optional(),
    max: z.number().nullable().optional(),
    precision: z.number().nullable().optional(),
  }),
  required: z.boolean(),
  position: z.number(),
  /** Archived fields (false) keep their data but are hidden from forms; values sent for them are ignored. */
  active: z.boolean(),
  helpZh: z.string().nullable(),
  helpEn: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number(),
});
export type CustomFieldDef = z.infer<typeof customFieldDef>;

/** Custom values of a record in requests: `{ "<key>": value }`; null clears a value on update. */
export const customInput = z
  .record(z.string().max(64), z.unknown())
  .describe('Custom field values by key; discover keys and types with GET /api/v1/custom-fields?object=…');
/** Custom values of a record in responses. */
export const customOutput = z
  .record(z.string(), z.unknown())
  .describe(
    'Custom field values by key (select: option key; multi_select: keys; money: integer 分; date: YYYY-MM-DD)',
  );
