import { z } from 'zod';
import { periodParam } from '../targets/targets.schema.js';
import { groups } from './scoring.js';

const group = z.enum(groups);
const rule = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('target'), cap: z.number().min(100).max(200).default(120) }),
  z.strictObject({ type: z.literal('linear'), zero: z.number().finite(), full: z.number().finite() }),
  z.strictObject({ type: z.literal('rank'), better: z.enum(['higher', 'lower']).default('higher') }),
]);
const weight = z.number().int().min(0).max(100);

export const scorecardBody = z.strictObject({
  name: z.string().trim().min(1).max(60),
  /** Who is scored: each rep, or each team (the departments without sub-departments). */
  subject: z.enum(['rep', 'team']),
  granularity: z.enum(['month', 'quarter', 'year']),
  /** Whose people or teams are scored: this department and everything below it. */
  departmentId: z.uuid(),
  /** Reps only: those holding one of these roles (by key); none: every active user in the scope. */
  roleKeys: z.array(z.string().min(1).max(40)).max(20).default([]),
  weights: z.strictObject({ result: weight, process: weight, customer: weight }),
  items: z
    .array(z.strictObject({ metric: z.string().max(80), group, weight: weight.min(1), rule }))
    .min(1)
    .max(20),
});

export const scorecard = scorecardBody.extend({
  id: z.string(),
  departmentName: z.string(),
  /** Each item's metric as the registry names it, in the request's language. */
  metrics: z.record(z.string(), z.object({ name: z.string(), unit: z.string() })),
  updatedAt: z.number(),
  updatedByName: z.string(),
  version: z.number(),
});

export const scoresQuery = z.strictObject({
  period: periodParam,
});

export const scoreRow = z.object({
  key: z.string(),
  type: z.enum(['department', 'user']),
  id: z.string(),
  name: z.string(),
  /** A rep's department. */
  departmentName: z.string().nullable(),
  rank: z.number().nullable(),
  total: z.number().nullable(),
  groups: z.object({
    result: z.number().nullable(),
    process: z.number().nullable(),
    customer: z.number().nullable(),
  }),
  items: z.array(
    z.object({
      metric: z.string(),
      value: z.number().nullable(),
      target: z.number().nullable(),
      score: z.number().nullable(),
      unscored: z.enum(['no_target', 'no_value']).nullable(),
      points: z.number().nullable(),
    }),
  ),
});

export const scoresResponse = z.object({
  scorecard,
  period: z.object({ key: z.string(), firstDay: z.string(), lastDay: z.string() }),
  /** How many are scored (ranks are among all of them), of whom `rows` are those the caller may see. */
  scored: z.number(),
  rows: z.array(scoreRow),
});

export const historyQuery = scoresQuery.extend({
  /** How many periods, ending with `period` (default 6). */
  count: z.coerce.number().int().min(2).max(12).default(6),
});

export const historyResponse = z.object({
  scorecard,
  periods: z.array(z.object({ key: z.string(), firstDay: z.string(), lastDay: z.string() })),
  rows: z.array(
    z.object({
      key: z.string(),
      type: z.enum(['department', 'user']),
      id: z.string(),
      name: z.string(),
      departmentName: z.string().nullable(),
      /** Per period, oldest first; null when not scored then. */
      scores: z.array(z.object({ total: z.number().nullable(), rank: z.number().nullable() }).nullable()),
    }),
  ),
});
