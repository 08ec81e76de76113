import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

// 学习评分 (C3, off by default): a naive Bayes model over field values of the org's own closed leads —
// converted (1) against disqualified (0) — as Odoo's predictive lead scoring does. Measured first by
// cross-validation (every closed lead scored by a model that did not learn from it, AUC over all);
// then trained on all of it. Each lead's probability comes with the field values that pushed it up
// or down the most.

/** The facts of a lead the model weighs: its categorical fields, what it filled in, what it asked. */
export type LeadFacts = {
  source: string | null;
  channel: string;
  industry: string | null;
  province: string | null;
  title: string | null;
  company: string | null;
  phone: string | null;
  email: string | null;
  inquiry: string | null;
};

const askWords = ['报价', '价格', '采购', '预算', '招标', '合同', '样品', 'quote', 'price', 'budget'];
const seniorWords = ['总', '经理', '总监', '老板', '厂长', '主任', 'ceo', 'director', 'manager'];

/** A lead's features, as "field=value" strings (one per field; presence flags; enquiry words). */
export function featuresOf(l: LeadFacts): string[] {
  const has = (v: string | null) => (v?.trim() ? 'yes' : 'no');
  const inquiry = (l.inquiry ?? '').toLowerCase();
  const title = (l.title ?? '').toLowerCase();
  return [
    `source=${l.source ?? ''}`,
    `channel=${l.channel}`,
    `industry=${l.industry ?? ''}`,
    `province=${l.province ?? ''}`,
    `company=${has(l.company)}`,
    `phone=${has(l.phone)}`,
    `email=${has(l.email)}`,
    `asks_price=${askWords.some((w) => inquiry.includes(w)) ? 'yes' : 'no'}`,
    `senior_title=${seniorWords.some((w) => title.includes(w)) ? 'yes' : 'no'}`,
  ];
}

export type Model = {
  /** log P(converted) − log P(disqualified) before any feature. */
  prior: number;
  /** Per feature: log P(f | converted) − log P(f | disqualified), Laplace-smoothed. */
  weights: Record<string, number>;
  /** Per field: the weight of a value never seen in training (smoothed counts of zero). */
  unseen: Record<string, number>;
};

export type Example = { features: string[]; converted: boolean };

/** Trains a (categorical) naive Bayes model; every field has one value per lead. */
export function train(examples: Example[]): Model {
  const pos = examples.filter((e) => e.converted);
  const neg = examples.filter((e) => !e.converted);
  const count = (set: Example[]) => {
    const m = new Map<string, number>();
    for (const e of set) for (const f of e.features) m.set(f, (m.get(f) ?? 0) + 1);
    return m;
  };
  const cp = count(pos);
  const cn = count(neg);
  const values = new Map<string, Set<string>>();
  for (const e of examples)
    for (const f of e.features) {
      const field = f.slice(0, f.indexOf('='));
      values.set(field, (values.get(field) ?? new Set()).add(f));
    }
  const weights: Record<string, number> = {};
  const unseen: Record<string, number> = {};
  for (const [field, fs] of values) {
    const k = fs.size + 1; // the values seen, and one for "unseen"
    for (const f of fs)
      weights[f] =
        Math.log(((cp.get(f) ?? 0) + 1) / (pos.length + k)) -
        Math.log(((cn.get(f) ?? 0) + 1) / (neg.length + k));
    unseen[field] = Math.log(1 / (pos.length + k)) - Math.log(1 / (neg.length + k));
  }
  return { prior: Math.log((pos.length + 1) / (neg.length + 1)), weights, unseen };
}

export type Prediction = { probability: number; factors: { feature: string; weight: number }[] };

export function predict(model: Model, features: string[]): Prediction {
  const factors = features.map((f) => ({
    feature: f,
    weight: model.weights[f] ?? model.unseen[f.slice(0, f.indexOf('='))] ?? 0,
  }));
  const logit = model.prior + factors.reduce((n, x) => n + x.weight, 0);
  const top = [...factors].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, 4);
  return {
    probability: 1 / (1 + Math.exp(-logit)),
    factors: top.map((x) => ({ ...x, weight: Math.round(x.weight * 100) / 100 })),
  };
}

/** Area under the ROC curve: the chance a converted lead scores above a disqualified one (ties half). */
export function auc(scored: { p: number; converted: boolean }[]): number | null {
  const pos = scored.filter((s) => s.converted).map((s) => s.p);
  const neg = scored.filter((s) => !s.converted).map((s) => s.p);
  if (!pos.length || !neg.length) return null;
  let wins = 0;
  for (const a of pos) for (const b of neg) wins += a > b ? 1 : a === b ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/** Fewer closed leads than this, or none of one kind, and no model is trained. */
export const MIN_EXAMPLES = 30;

export type Trained = { model: Model; samples: number; converted: number; auc: number | null };

/** Folds of the cross-validation that measures the model. */
const FOLDS = 4;

/**
 * Trains on the org's closed leads. Measured first by cross-validation over that history in the order
 * it closed: each quarter is scored by a model trained on the other three, so every closed lead gets
 * a score from a model that never saw it, and the AUC is taken over all of them (a single held-back
 * quarter of a small history may hold one converted lead, and its AUC says nothing). Then the model
 * is trained on all of it. Null when there is too little history.
 */
export async function trainOrg(db: Kysely<DB>, orgId: string): Promise<Trained | null> {
  const rows = await db
    .selectFrom('leads')
    .select([
      'source',
      'channel',
      'industry',
      'province',
      'title',
      'company',
      'phone',
      'email',
      'inquiry',
      'status',
      'updatedAt',
      'id',
    ])
    .where('orgId', '=', orgId)
    .where('deletedAt', 'is', null)
    .where('status', 'in', ['converted', 'disqualified'])
    .orderBy('updatedAt')
    .orderBy('id')
    .limit(50_000)
    .execute();
  const examples = rows.map((r) => ({ features: featuresOf(r), converted: r.status === 'converted' }));
  const converted = examples.filter((e) => e.converted).length;
  if (examples.length < MIN_EXAMPLES || !converted || converted === examples.length) return null;
  return { model: train(examples), samples: examples.length, converted, auc: crossValidatedAuc(examples) };
}

/** The AUC of scores each example got from a model trained without its fold (contiguous folds). */
export function crossValidatedAuc(examples: Example[], folds = FOLDS): number | null {
  const size = Math.ceil(examples.length / folds);
  const scored: { p: number; converted: boolean }[] = [];
  for (let f = 0; f < folds; f++) {
    const held = examples.slice(f * size, (f + 1) * size);
    if (!held.length) continue;
    const model = train([...examples.slice(0, f * size), ...examples.slice((f + 1) * size)]);
    for (const e of held) scored.push({ p: predict(model, e.features).probability, converted: e.converted });
  }
  return auc(scored);
}

/** The org's model when switched on (null otherwise). */
export async function activeModel(db: Kysely<DB>, orgId: string): Promise<Model | null> {
  const row = await db
    .selectFrom('leadModels')
    .select('model')
    .where('orgId', '=', orgId)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  return row ? (JSON.parse(row.model) as Model) : null;
}

/** The columns that store a lead's learned score (null when no model is on). */
export function learnedColumns(model: Model | null, facts: LeadFacts) {
  if (!model) return { learnedScore: null, learnedDetail: null };
  const p = predict(model, featuresOf(facts));
  return { learnedScore: Math.round(p.probability * 100), learnedDetail: JSON.stringify(p.factors) };
}
