import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { AppError } from '../../platform/errors.js';
import { type Bucket, bucketIndex, bucketsOf, type Granularity, MAX_BUCKETS, type Range } from './periods.js';
import {
  type AggregateMetric,
  type DimensionKey,
  dimensionsOf,
  isRatio,
  type MetricDef,
  partsOf,
  valueSql,
} from './registry.js';

// The one way a metric is computed: SQL aggregates over the rows the reader may see (the access
// layer's condition of the metric's source), broken down by the dimensions asked, within the period.

export type MetricFilters = Partial<Record<Exclude<DimensionKey, 'period'>, string[]>>;

export type MetricQuery = {
  metric: MetricDef;
  /** The period (ignored by snapshot metrics such as the pipeline now). */
  range: Range;
  groupBy: DimensionKey[];
  /** The buckets of the `period` dimension. */
  granularity: Granularity;
  /** The `department` dimension groups by the departments right under this one (each with its subtree). */
  departmentsUnder: string;
  /** `department` filters keep each listed department with its subtree. */
  filters: MetricFilters;
  now: number;
  timeZone: string;
};

export type MetricRow = {
  /** The row's value of each dimension asked (`null`: none, e.g. a customer in the pool has no rep). */
  keys: Partial<Record<DimensionKey, string | null>>;
  value: number | null;
  /** A ratio's two parts. */
  numerator?: number;
  denominator?: number;
};

export type MetricResult = { rows: MetricRow[]; total: MetricRow; buckets: Bucket[] | null };

/** Refuses a breakdown or filter the metric does not have (400), before anything is read. */
export function assertQueryable(m: MetricDef, groupBy: DimensionKey[], filters: MetricFilters) {
  const allowed = new Set(dimensionsOf(m));
  const errors = [
    ...groupBy
      .filter((d) => !allowed.has(d))
      .map((d) => ({ path: 'body.groupBy', code: 'metric_dimension_unsupported', params: { dimension: d } })),
    ...Object.keys(filters)
      .filter((d) => !allowed.has(d as DimensionKey))
      .map((d) => ({
        path: `body.filters.${d}`,
        code: 'metric_filter_unsupported',
        params: { dimension: d },
      })),
  ];
  if (errors.length) throw new AppError(400, 'validation_failed', {}, { errors });
}

export async function runMetric(db: Kysely<DB>, actor: Actor, q: MetricQuery): Promise<MetricResult> {
  assertQueryable(q.metric, q.groupBy, q.filters);
  const parts = partsOf(q.metric);
  const timed = parts.some((p) => p.time !== null);
  const buckets =
    timed && q.groupBy.includes('period') ? bucketsOf(q.range, q.granularity, q.timeZone) : null;
  if (buckets && buckets.length > MAX_BUCKETS)
    throw new AppError(
      400,
      'validation_failed',
      {},
      {
        errors: [{ path: 'body.granularity', code: 'metric_too_many_buckets', params: { max: MAX_BUCKETS } }],
      },
    );
  const grouped = await aggregateParts(db, actor, parts, q, buckets, q.groupBy);
  // The rows of a breakdown partition the total's (each row has one value of each dimension), so a count
  // or a sum totals its rows; distinct values may repeat across rows and are counted again.
  const totals = !q.groupBy.length
    ? grouped
    : parts.some((p) => p.aggregate === 'distinct')
      ? await aggregateParts(db, actor, parts, q, buckets, [])
      : grouped.map(totalOf);
  const total = combine(
    q.metric,
    totals.map((t) => t.get('') ?? null),
  );
  const keys = new Map<string, MetricRow['keys']>();
  for (const g of grouped) for (const [k, r] of g) if (!keys.has(k)) keys.set(k, r.keys);
  const rows = [...keys].map(([k, dims]) => ({
    ...combine(
      q.metric,
      grouped.map((g) => g.get(k) ?? null),
    ),
    keys: dims,
  }));
  return { rows, total: { ...total, keys: {} }, buckets };
}

type Partial1 = { keys: MetricRow['keys']; value: number };

function totalOf(rows: Map<string, Partial1>): Map<string, Partial1> {
  let value = 0;
  for (const r of rows.values()) value += r.value;
  return new Map([['', { keys: {}, value }]]);
}

/** A row of the metric from its parts' values (a ratio: numerator ÷ denominator, null when 0). */
export function combine(m: MetricDef, parts: (Pick<Partial1, 'value'> | null)[]): Omit<MetricRow, 'keys'> {
  if (!isRatio(m)) return { value: parts[0]?.value ?? 0 };
  const numerator = parts[0]?.value ?? 0;
  const denominator = parts[1]?.value ?? 0;
  return { value: denominator ? numerator / denominator : null, numerator, denominator };
}

/**
 * The rows an aggregate metric counts or sums, as SQL: `from` and `where` over the source's table `t`
 * (its own condition, the period, the reader's data scope, the filters), and each dimension's value
 * of a row. The aggregate and the drill-down to the records behind a number both start from it, so
 * they always agree.
 */
export function frameOf(actor: Actor, m: AggregateMetric, q: MetricQuery, buckets: Bucket[] | null) {
  const s = m.source;
  const joins = new Set(m.joins ?? []);
  let ownerJoin = false;
  let departmentJoin = false;
  const dimension = (d: DimensionKey): RawBuilder<unknown> => {
    if (d === 'rep') return sql.raw(s.owner);
    if (d === 'department') {
      ownerJoin = true;
      departmentJoin = true;
      return sql`coalesce(dg.ancestor_id, ou.department_id)`;
    }
    if (d === 'period') return bucketIndex(sql.raw(m.time ?? 't.created_at'), buckets ?? []);
    const def = s.dimensions[d]!;
    if (def.join) joins.add(def.join);
    return sql.raw(def.column);
  };

  const where: Expression<SqlBool | unknown>[] = [
    sql`t.org_id = ${actor.orgId}`,
    ...s.where.map((w) => sql.raw(w)),
  ];
  if (m.where) where.push(sql.raw(whereOf(m, q)));
  if (m.time) where.push(sql`${sql.raw(m.time)} >= ${q.range.from} and ${sql.raw(m.time)} < ${q.range.to}`);
  where.push(s.scope(actor));
  for (const [d, values] of Object.entries(q.filters) as [DimensionKey, string[]][]) {
    if (!values.length) continue;
    if (d === 'department') {
      ownerJoin = true;
      where.push(sql`ou.department_id in (select descendant_id from department_closure
        where org_id = ${actor.orgId} and ancestor_id in (${sql.join(values)}))`);
    } else where.push(sql`${dimension(d)} in (${sql.join(values)})`);
  }

  /** The tables, with the joins the dimensions and filters used so far (call it last). */
  const from = () =>
    sql.join(
      [
        sql.raw(`${s.table} t`),
        ...(s.always ?? []).map((j) => sql.raw(j)),
        ...[...joins].map((j) => sql.raw(s.joins?.[j] ?? '')),
        ...(ownerJoin ? [sql.raw(`left join users ou on ou.id = ${s.owner}`)] : []),
        // The department right under `departmentsUnder` that holds the owner's (none: the owner's own).
        ...(departmentJoin
          ? [
              sql`left join department_closure dg on dg.org_id = t.org_id and dg.descendant_id = ou.department_id
            and dg.ancestor_id in (select id from departments where org_id = ${actor.orgId} and parent_id = ${q.departmentsUnder})`,
            ]
          : []),
      ],
      sql` `,
    );
  return { where, dimension, from };
}

/**
 * Each part's rows (`aggregate`). A ratio's two parts over the same source and instant are read in one
 * pass — the rows either keeps, each part counting those its own condition keeps — instead of two.
 */
async function aggregateParts(
  db: Kysely<DB>,
  actor: Actor,
  parts: AggregateMetric[],
  q: MetricQuery,
  buckets: Bucket[] | null,
  groupBy: DimensionKey[],
): Promise<Map<string, Partial1>[]> {
  const [a, b] = parts;
  if (!a || !b || a.source !== b.source || a.time !== b.time)
    return (
      await Promise.all(parts.map((p) => aggregate(db, actor, p, [measureOf(p, q)], q, buckets, groupBy)))
    ).map(([rows]) => rows!);
  const condition = (p: AggregateMetric) => whereOf(p, q);
  const both: AggregateMetric = {
    ...a,
    joins: [...new Set([...(a.joins ?? []), ...(b.joins ?? [])])],
    where: `((${condition(a)}) or (${condition(b)}))`,
  };
  const measures = parts.map((p) => measureOf(p, q, sql.raw(condition(p))));
  return aggregate(db, actor, both, measures, q, buckets, groupBy);
}

/** An aggregate metric's rows (of each measure), keyed by their dimension values (`''` for the total). */
async function aggregate(
  db: Kysely<DB>,
  actor: Actor,
  m: AggregateMetric,
  measures: RawBuilder<unknown>[],
  q: MetricQuery,
  buckets: Bucket[] | null,
  groupBy: DimensionKey[],
): Promise<Map<string, Partial1>[]> {
  const frame = frameOf(actor, m, q, buckets);
  const exprs: { key: DimensionKey; expr: RawBuilder<unknown> }[] = [];
  for (const d of groupBy)
    if (d !== 'period' || (m.time && buckets)) exprs.push({ key: d, expr: frame.dimension(d) });

  const values = sql.join(
    measures.map((measure, i) => sql`${measure} as ${sql.ref(`v${i}`)}`),
    sql`, `,
  );
  const select = exprs.length
    ? sql`${sql.join(
        exprs.map((e, i) => sql`${e.expr} as ${sql.ref(`d${i}`)}`),
        sql`, `,
      )}, ${values}`
    : values;
  const groupClause = exprs.length
    ? sql` group by ${sql.join(
        exprs.map((_, i) => sql.ref(`d${i}`)),
        sql`, `,
      )}`
    : sql``;
  const { rows } = await sql<Record<string, unknown>>`select ${select} from ${frame.from()}
    where ${sql.join(frame.where, sql` and `)}${groupClause}`.execute(db);
  const out = measures.map(() => new Map<string, Partial1>());
  for (const r of rows) {
    const keys: MetricRow['keys'] = {};
    exprs.forEach((e, i) => {
      const v = r[`d${i}`];
      keys[e.key] =
        e.key === 'period'
          ? (buckets?.[Number(v)]?.key ?? null)
          : v === null || v === undefined
            ? null
            : String(v);
    });
    const key = keyOf(keys, groupBy);
    for (const [i, o] of out.entries()) o.set(key, { keys, value: Number(r[`v${i}`] ?? 0) });
  }
  return out;
}

/** An aggregate's condition on its rows for a query. */
const whereOf = (m: AggregateMetric, q: MetricQuery) =>
  typeof m.where === 'string'
    ? m.where
    : (m.where?.({ from: q.range.from, to: q.range.to, now: q.now }) ?? '1 = 1');

/** What an aggregate computes over its rows, in SQL (over the rows `only` keeps, when given). */
export function measureOf(
  m: AggregateMetric,
  q: MetricQuery,
  only?: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const value = sql.raw(valueSql(m, { from: q.range.from, to: q.range.to, now: q.now }));
  if (m.aggregate === 'count') return only ? sql`sum(case when ${only} then 1 else 0 end)` : sql`count(*)`;
  if (m.aggregate === 'distinct')
    return only ? sql`count(distinct case when ${only} then ${value} end)` : sql`count(distinct ${value})`;
  return only ? sql`sum(case when ${only} then ${value} else 0 end)` : sql`sum(${value})`;
}

const keyOf = (keys: MetricRow['keys'], groupBy: DimensionKey[]) =>
  groupBy.map((d) => keys[d] ?? '\u0000').join('\u0001');
