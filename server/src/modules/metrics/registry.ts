import type { Expression, SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/index.js';

// 指标口径: every number a dashboard, target, scorecard, insight or export shows is one of these
// definitions, computed by one query builder (query.ts). A screen never computes a metric itself.

type Text = { 'zh-CN': string; en: string };

/** Ways a metric can be broken down (and filtered). */
export const dimensionKeys = [
  'period',
  'department',
  'rep',
  'pipeline',
  'stage',
  'source',
  'channel',
  'industry',
  'region',
  'customerLevel',
  'method',
] as const;
export type DimensionKey = (typeof dimensionKeys)[number];

export const units = ['count', 'money', 'ratio', 'hours', 'minutes', 'days'] as const;
export type Unit = (typeof units)[number];

/** What a query is evaluated at: the period's bounds and the moment it is asked. */
export type QueryContext = { from: number; to: number; now: number };

/** What the records behind a number are (drill-down). */
export const recordKinds = ['lead', 'customer', 'opportunity', 'follow_up'] as const;
export type RecordKind = (typeof recordKinds)[number];

/**
 * Rows a metric counts or sums: a table (alias `t`) with the columns dimensions read, the access
 * object whose data scope applies, and the record's owner (rep; their department).
 */
export type Source = {
  key: string;
  table: string;
  /** Joins every row needs (e.g. a stage stay's deal, for its owner and data scope). */
  always?: string[];
  /** Live rows only (and whatever else every metric of the source assumes). */
  where: string[];
  /** The rep a row belongs to (rep and department dimensions, the `rep` / `departmentId` filters). */
  owner: string;
  /** Which rows the actor may count: the access layer's condition on `t` (their data scope). */
  scope: (actor: Actor) => Expression<SqlBool>;
  /** Joins a dimension may need, by name; added only when used. */
  joins?: Record<string, string>;
  /** The dimensions besides period, department and rep: a column of `t` or of a join. */
  dimensions: Partial<Record<DimensionKey, { column: string; join?: string }>>;
  /**
   * A row as a record to list (drill-down), in SQL over `t` and `always`: its id, name and a detail;
   * where it opens (default: itself, as `kind`).
   */
  record: {
    kind: RecordKind;
    id: string;
    name: string;
    detail?: string;
    linkObject?: string;
    linkId?: string;
  };
};

type Base = {
  id: string;
  name: Text;
  description: Text;
  unit: Unit;
  /** May carry targets (业绩目标). */
  targetable?: boolean;
};

/** A count or a sum of a source's rows within the period, or how many distinct values they have. */
export type AggregateMetric = Base & {
  source: Source;
  aggregate: 'count' | 'sum' | 'distinct';
  /**
   * Summed (sum), or whose distinct values are counted (distinct), in SQL over `t` and the source's
   * joins (and the query's context: a day of the period is `(instant - from) / 86400000`).
   */
  value?: string | ((c: QueryContext) => string);
  /** Extra joins the value needs. */
  joins?: string[];
  /** Which rows count, in SQL over `t` (and the query's context for snapshots). */
  where?: string | ((c: QueryContext) => string);
  /** The instant that places a row in a period; `null`: a snapshot as of now (period ignored). */
  time: string | null;
};

/** numerator ÷ denominator of two aggregates broken down the same way (both are reported beside it). */
export type RatioMetric = Base & { ratio: { numerator: string; denominator: string; scale?: number } };

export type MetricDef = AggregateMetric | RatioMetric;

const metrics = new Map<string, MetricDef>();

export function registerMetric(m: MetricDef): void {
  if (metrics.has(m.id)) throw new Error(`metric ${m.id} is defined twice`);
  metrics.set(m.id, m);
}

export const metricDef = (id: string) => metrics.get(id);
export const allMetrics = () => [...metrics.values()];
export const isRatio = (m: MetricDef): m is RatioMetric => 'ratio' in m;

/** An aggregate's value expression for a query (`0` when it has none). */
export const valueSql = (m: AggregateMetric, c: QueryContext): string =>
  typeof m.value === 'function' ? m.value(c) : (m.value ?? '0');

/** The aggregates a metric is computed from (itself, or a ratio's two parts). */
export function partsOf(m: MetricDef): AggregateMetric[] {
  if (!isRatio(m)) return [m];
  const part = (id: string) => {
    const p = metrics.get(id);
    if (!p || isRatio(p)) throw new Error(`metric ${m.id}: ${id} is not an aggregate metric`);
    return p;
  };
  return [part(m.ratio.numerator), part(m.ratio.denominator)];
}

/** The dimensions a metric may be broken down and filtered by. */
export function dimensionsOf(m: MetricDef): DimensionKey[] {
  const [first, ...rest] = partsOf(m);
  const own = (a: AggregateMetric) => [
    ...(a.time ? (['period'] as const) : []),
    'department' as const,
    'rep' as const,
    ...(Object.keys(a.source.dimensions) as DimensionKey[]),
  ];
  return own(first!).filter((d) => rest.every((r) => own(r).includes(d)));
}

/**
 * The objects whose export right writing out a metric's records or figures needs: what its rows are
 * (a follow-up's: the leads, customers and deals it is logged on).
 */
export function exportObjectsOf(m: MetricDef): string[] {
  const kinds = partsOf(m).map((p) => p.source.record.kind);
  return [...new Set(kinds.flatMap((k) => (k === 'follow_up' ? ['lead', 'customer', 'opportunity'] : [k])))];
}
