import { z } from 'zod';

/** A year, quarter or month of the org's calendar by its key: 2026, 2026-Q1, 2026-03. */
export const periodKey = z
  .string()
  .regex(/^20\d\d(-Q[1-4]|-(0[1-9]|1[0-2]))?$/)
  .describe('A year (2026), a quarter (2026-Q1) or a month (2026-03)');
const nodeType = z.enum(['department', 'user']);
/** Money in 分 (minor units), counts as they are: at most 10¹³ (a hundred billion yuan). */
const amount = z.number().int().min(0).max(10_000_000_000_000);
export const splitMethods = ['even', 'seasonal', 'weights'] as const;

/** Periods a target can be read for by name (业绩 shows the current ones), in the org's calendar. */
export const namedPeriods = [
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
] as const;

/** A period by key, or the current / previous one by name. */
export const periodParam = z.union([periodKey, z.enum(namedPeriods)]);

export const treeQuery = z.strictObject({
  metric: z.string().max(80),
  period: periodParam,
});

const sum = z.object({
  /** Sum of the parts that have a target. */
  sum: z.number(),
  /** How many parts have one, of how many. */
  set: z.number(),
  of: z.number(),
});

export const targetRow = z.object({
  key: z.string(),
  type: nodeType,
  id: z.string(),
  name: z.string(),
  parentKey: z.string().nullable(),
  active: z.boolean(),
  writable: z.boolean(),
  target: z
    .object({
      id: z.string(),
      value: z.number(),
      version: z.number(),
      updatedAt: z.number(),
      updatedByName: z.string(),
    })
    .nullable(),
  /** The metric over the period so far, as every other screen counts it. */
  actual: z.number(),
  progress: z
    .object({
      completion: z.number().nullable(),
      expected: z.number(),
      pace: z.number().nullable(),
      gap: z.number(),
      daysLeft: z.number(),
      days: z.number(),
    })
    .nullable(),
  /** The targets of the period's quarters or months, for this node (none for a month). */
  periodsSum: sum.nullable(),
  /** The targets of the nodes right under this one, for the period (none for a rep). */
  childrenSum: sum.nullable(),
});

export const treeResponse = z.object({
  metric: z.object({ id: z.string(), name: z.string(), unit: z.string() }),
  period: z.object({
    key: z.string(),
    granularity: z.enum(['year', 'quarter', 'month']),
    firstDay: z.string(),
    lastDay: z.string(),
    subPeriods: z.array(z.string()),
  }),
  rows: z.array(targetRow),
});

export const saveBody = z.strictObject({
  metric: z.string().max(80),
  /** How the values came about: typed in, or one of the split helpers. */
  method: z.enum(['manual', ...splitMethods]).default('manual'),
  /** Why: required once a period has begun (目标调整). */
  reason: z.string().trim().min(1).max(500).optional(),
  cells: z
    .array(
      z.strictObject({
        nodeType,
        nodeId: z.string().max(64),
        period: periodKey,
        value: amount,
        /** The version read, for a target that exists; none to set a new one. */
        version: z.number().int().min(1).optional(),
      }),
    )
    .min(1)
    .max(400),
});

export const splitBody = z.strictObject({
  metric: z.string().max(80),
  nodeType,
  nodeId: z.string().max(64),
  period: periodKey,
  /** Into the period's quarters or months, or into the departments and reps right under the node. */
  into: z.enum(['periods', 'children']),
  method: z.enum(splitMethods),
  /** What to split (default: the node's target for the period). */
  total: amount.optional(),
  /** By part key (a period key, or a node key such as `user:…`); parts not named weigh 0. */
  weights: z.record(z.string().max(80), z.number().min(0).max(1_000_000)).optional(),
});

export const splitResponse = z.object({
  total: z.number(),
  cells: z.array(
    z.object({
      nodeType,
      nodeId: z.string(),
      name: z.string(),
      period: z.string(),
      /** What the part weighed: 1 (even), the weight given, or last year's actual (seasonal). */
      basis: z.number(),
      value: z.number(),
      current: z.object({ value: z.number(), version: z.number() }).nullable(),
    }),
  ),
});

export const changesQuery = z.strictObject({
  metric: z.string().max(80),
  nodeType,
  nodeId: z.string().max(64),
  period: periodKey,
});

export const change = z.object({
  before: z.number().nullable(),
  after: z.number().nullable(),
  method: z.enum(['manual', ...splitMethods]),
  reason: z.string().nullable(),
  actorName: z.string(),
  at: z.number(),
});
