import type { Kysely, Selectable } from 'kysely';
import type { DB, LeadScoreRulesTable } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';

// 线索评分: an admin's ordered rules, each giving points when a condition on one lead field holds. The
// score is the sum, kept within 0–100, with the rules that fired as its explanation — computed when a
// lead is created or changed, and for every open lead when the rules change.

/** The lead fields a rule may look at (custom fields as `custom.<key>`). */
export const scoreFields = [
  'source',
  'channel',
  'industry',
  'province',
  'city',
  'title',
  'company',
  'inquiry',
  'phone',
  'email',
  'wechat',
] as const;
export const scoreOps = ['present', 'in', 'contains_any', 'gte', 'lte'] as const;
export type ScoreOp = (typeof scoreOps)[number];

export type ScoreRule = {
  id: string;
  label: string;
  field: string;
  op: ScoreOp;
  values: (string | number)[];
  points: number;
  active: boolean;
};

export type ScoreLine = { ruleId: string; label: string; points: number };
export type Score = { score: number; explanation: ScoreLine[] };

/** What a rule reads of a lead: its columns by field name and its custom values. */
export type ScoredLead = Partial<Record<(typeof scoreFields)[number], string | null>> & {
  custom?: Record<string, unknown>;
};

const fieldValue = (lead: ScoredLead, field: string): unknown =>
  field.startsWith('custom.') ? lead.custom?.[field.slice(7)] : lead[field as keyof ScoredLead];

const present = (v: unknown) =>
  v !== null &&
  v !== undefined &&
  !(typeof v === 'string' && v.trim() === '') &&
  !(Array.isArray(v) && !v.length);

/** Text of a value for comparisons: case-insensitive, full text of arrays (multi-selects). */
const textOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.map((x) => String(x).toLowerCase()) : present(v) ? [String(v).toLowerCase()] : [];

export function ruleHolds(rule: ScoreRule, lead: ScoredLead): boolean {
  const v = fieldValue(lead, rule.field);
  const wanted = rule.values.map((x) => String(x).toLowerCase());
  switch (rule.op) {
    case 'present':
      return present(v);
    case 'in':
      return textOf(v).some((t) => wanted.includes(t));
    case 'contains_any':
      return textOf(v).some((t) => wanted.some((w) => w && t.includes(w)));
    case 'gte':
    case 'lte': {
      const n = typeof v === 'number' ? v : Number(v);
      const bound = Number(rule.values[0]);
      if (!present(v) || !Number.isFinite(n) || !Number.isFinite(bound)) return false;
      return rule.op === 'gte' ? n >= bound : n <= bound;
    }
  }
}

/** The score of a lead under the rules (in their order), kept within 0–100, with its explanation. */
export function scoreOf(rules: ScoreRule[], lead: ScoredLead): Score {
  const explanation = rules
    .filter((r) => r.active && ruleHolds(r, lead))
    .map((r) => ({ ruleId: r.id, label: r.label, points: r.points }));
  const sum = explanation.reduce((n, l) => n + l.points, 0);
  return { score: Math.max(0, Math.min(100, sum)), explanation };
}

/** A stored rule as the scoring, the API and the editor read it. */
export function scoreRuleOf(
  r: Selectable<LeadScoreRulesTable>,
): ScoreRule & { position: number; version: number } {
  return {
    id: r.id,
    position: r.position,
    label: r.label,
    field: r.field,
    op: r.op as ScoreOp,
    values: JSON.parse(r.values) as (string | number)[],
    points: r.points,
    active: r.active === 1,
    version: r.version,
  };
}

/** The org's rules in their order. */
export async function scoreRules(db: Kysely<DB>, orgId: string): Promise<ScoreRule[]> {
  const rows = await db
    .selectFrom('leadScoreRules')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('position')
    .orderBy('createdAt')
    .execute();
  return rows.map(scoreRuleOf);
}

/** A stored lead row as the rules read it. */
export function scoredLead(row: {
  source: string | null;
  channel: string;
  industry: string | null;
  province: string | null;
  city: string | null;
  title: string | null;
  company: string | null;
  inquiry: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
  custom: string;
}): ScoredLead {
  const { custom, ...fields } = row;
  return { ...fields, custom: JSON.parse(custom) as Record<string, unknown> };
}

/** The columns that store a score. */
export const scoreColumns = (s: Score) => ({ score: s.score, scoreDetail: JSON.stringify(s.explanation) });

/**
 * The shipped rules of a new org (the article's defaults: by source and by what the enquiry asks),
 * always editable.
 */
export const defaultScoreRules: Omit<ScoreRule, 'id' | 'active'>[] = [
  { label: '来源：转介绍', field: 'source', op: 'in', values: ['转介绍', 'referral'], points: 25 },
  { label: '来源：官网或网页表单', field: 'channel', op: 'in', values: ['web_form'], points: 20 },
  { label: '来源：展会', field: 'source', op: 'in', values: ['展会', 'exhibition'], points: 15 },
  {
    label: '询盘提到报价、采购或预算',
    field: 'inquiry',
    op: 'contains_any',
    values: ['报价', '采购', '预算', '招标', '价格', 'quote', 'budget', 'purchase'],
    points: 25,
  },
  { label: '留了电话', field: 'phone', op: 'present', values: [], points: 15 },
  { label: '留了公司名称', field: 'company', op: 'present', values: [], points: 10 },
  {
    label: '决策层职务',
    field: 'title',
    op: 'contains_any',
    values: ['总经理', '总监', '经理', '采购', '老板', 'ceo', 'director', 'manager'],
    points: 10,
  },
];

/** Gives an org the shipped rules (at its creation). */
export async function seedScoreRules(tx: Kysely<DB>, orgId: string, now: number): Promise<void> {
  await tx
    .insertInto('leadScoreRules')
    .values(
      defaultScoreRules.map((r, i) => ({
        id: newId(),
        orgId,
        position: i + 1,
        label: r.label,
        field: r.field,
        op: r.op,
        values: JSON.stringify(r.values),
        points: r.points,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .execute();
}
