import { z } from 'zod';

export const horizons = ['30d', '90d', 'month', 'quarter'] as const;

const filters = {
  pipelineId: z.string().max(40).optional(),
  departmentId: z.string().max(40).optional(),
};

export const forecastQuery = z.strictObject({ horizon: z.enum(horizons).default('month'), ...filters });
export const backtestQuery = z.strictObject(filters);

const money = z.number().describe('Money in 分 (minor units)');
const categories = z.object({
  commit: money.describe('Deals in a 承诺 (commit) stage closing in the window, by their close date'),
  bestCase: money.describe('Commit and 最佳 (best case) deals closing in the window'),
  pipeline: money.describe('Every open deal closing in the window'),
});
const adjustment = z.object({
  id: z.string(),
  amount: money.nullable().describe('The manager’s number for the rep’s period; null: withdrawn'),
  note: z.string(),
  byName: z.string(),
  at: z.number(),
});
const sums = {
  forecast: money.describe('The system’s forecast of what is won in the rest of the window'),
  fromPipeline: money.describe('Part of it from deals open now'),
  fromNewDeals: money.describe('Part of it from deals not created yet (the run rate of new deals)'),
  baseline: money.describe('Plain weighted pipeline: deals closing in the window × stage probability'),
  categories,
  openDeals: z.number(),
  noCloseDate: z.number().describe('Open deals without an expected close date'),
  wonSoFar: money.describe('Won since the period began (month and quarter)'),
  outlook: money.describe('wonSoFar + forecast'),
  target: money.nullable(),
  gap: money.nullable().describe('target − outlook (negative: above target)'),
};

export const forecastResponse = z.object({
  horizon: z.enum(horizons),
  asOf: z.number(),
  window: z.object({ from: z.number(), to: z.number(), firstDay: z.string(), lastDay: z.string() }),
  period: z.string().nullable().describe('The month or quarter (adjustments and targets are per period)'),
  total: z.object({
    ...sums,
    adjusted: money.nullable().describe('Σ per rep of the adjustment, else the outlook'),
  }),
  reps: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      departmentName: z.string().nullable(),
      ...sums,
      trackRecord: z.number().describe('The rep’s win rate over the org’s (1: the same)'),
      adjustment: adjustment.nullable(),
      adjustable: z.boolean(),
    }),
  ),
  deals: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      ownerId: z.string(),
      ownerName: z.string(),
      stageId: z.string(),
      stageName: z.string(),
      category: z.string(),
      amount: money,
      expectedCloseDate: z.string().nullable(),
      winChance: z.number(),
      timingChance: z.number(),
      expected: money,
      timingBasis: z.enum(['close_date', 'stage_time', 'both', 'close_date_only']),
      closeDateInWindow: z.boolean(),
    }),
  ),
});

export const backtestResponse = z.object({
  points: z.array(
    z.object({
      asOf: z.number(),
      horizonDays: z.number(),
      forecast: money,
      baseline: money,
      actual: money,
      error: z.number().nullable(),
      baselineError: z.number().nullable(),
    }),
  ),
  summary: z.array(
    z.object({
      horizonDays: z.number(),
      points: z.number(),
      mape: z.number().nullable(),
      baselineMape: z.number().nullable(),
    }),
  ),
});

export const adjustBody = z.strictObject({
  userId: z.string().max(40),
  period: z
    .string()
    .regex(/^20\d\d-(Q[1-4]|0[1-9]|1[0-2])$/)
    .describe('A month (2026-11) or a quarter (2026-Q4)'),
  amount: z.number().int().min(0).max(10_000_000_000_000).nullable().describe('分; null withdraws it'),
  note: z.string().trim().min(1).max(500),
  basedOn: z
    .string()
    .max(40)
    .nullable()
    .describe('The id of the adjustment in force that was read (null: none); 412 when it changed'),
});

export const adjustmentsQuery = z.strictObject({
  userId: z.string().max(40),
  period: adjustBody.shape.period,
});
export const adjustmentList = z.object({ data: z.array(adjustment) });
export { adjustment };
