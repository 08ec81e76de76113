import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { AppError } from '../../platform/errors.js';
import { bucketsOf } from './periods.js';
import { assertQueryable, frameOf, type MetricQuery, measureOf } from './query.js';
import {
  type AggregateMetric,
  type DimensionKey,
  isRatio,
  partsOf,
  type RecordKind,
  valueSql,
} from './registry.js';

// 下钻: the records behind a number. They are the rows the metric's own query counts or sums
// (query.ts `frameOf`), narrowed to the cell that was clicked, so their count and sum are the number.

export type DrillQuery = MetricQuery & {
  /** The clicked cell: a value of each dimension of its row (`null`: none, e.g. no rep). */
  keys: Partial<Record<DimensionKey, string | null>>;
  /** Which part of a ratio (its numerator or denominator); an aggregate has only one. */
  part: 'numerator' | 'denominator';
  limit: number;
  offset: number;
};

export type DrillRecord = {
  /** The row counted (a deal, or one of its stage stays; a follow-up …). */
  id: string;
  kind: RecordKind;
  name: string;
  detail: string | null;
  /** Where the record opens: itself, or a follow-up's lead, customer or deal. */
  link: { object: string; id: string };
  ownerId: string | null;
  ownerName: string | null;
  /** The instant that placed the record in the period (or its creation, for a snapshot). */
  at: number;
  /** What the record adds to a sum (amount, hours, days); null for a count (or a count of distinct days). */
  value: number | null;
};

export type DrillResult = {
  metricId: string;
  /** How the records make the number: counted, summed, or their distinct days (or values) counted. */
  aggregate: AggregateMetric['aggregate'];
  kind: RecordKind;
  totalCount: number;
  /** The part's value over every record of the cell (the count, the sum, or the distinct count). */
  value: number;
  data: DrillRecord[];
};

const invalid = (path: string, code: string, params: Record<string, unknown> = {}) =>
  new AppError(400, 'validation_failed', {}, { errors: [{ path, code, params }] });

export async function drillRecords(db: Kysely<DB>, actor: Actor, q: DrillQuery): Promise<DrillResult> {
  const dims = Object.keys(q.keys) as DimensionKey[];
  assertQueryable(q.metric, dims, q.filters);
  const parts = partsOf(q.metric);
  if (q.part === 'denominator' && !isRatio(q.metric))
    throw invalid('body.part', 'metric_not_ratio', { metric: q.metric.id });
  const m = parts[q.part === 'denominator' ? 1 : 0]!;
  const frame = frameOf(actor, m, q, null);

  for (const d of dims) {
    const v = q.keys[d] ?? null;
    if (d === 'period') {
      // The bucket the cell stands for, within the period asked (its key as the query reported it).
      const bucket = m.time ? bucketsOf(q.range, q.granularity, q.timeZone).find((b) => b.key === v) : null;
      if (!bucket) throw invalid('body.keys.period', 'metric_bucket_unknown', { bucket: v });
      frame.where.push(sql`${sql.raw(m.time!)} >= ${bucket.from} and ${sql.raw(m.time!)} < ${bucket.to}`);
    } else {
      const expr = frame.dimension(d);
      frame.where.push(v === null ? sql`${expr} is null` : sql`${expr} = ${v}`);
    }
  }

  const r = m.source.record;
  const value =
    m.aggregate === 'sum'
      ? sql.raw(`coalesce(${valueSql(m, { from: q.range.from, to: q.range.to, now: q.now })}, 0)`)
      : sql`null`;
  const where = sql.join(frame.where, sql` and `);
  const from = frame.from();
  const [totals, rows] = await Promise.all([
    sql<{ n: number | string; v?: number | string | null }>`select count(*) as n${
      m.aggregate === 'count' ? sql`` : sql`, ${measureOf(m, q)} as v`
    } from ${from} where ${where}`.execute(db),
    sql<Record<string, unknown>>`select ${sql.raw(r.id)} as id, ${sql.raw(r.name)} as name,
        ${sql.raw(r.detail ?? 'null')} as detail,
        ${sql.raw(r.linkObject ?? `'${r.kind}'`)} as link_object, ${sql.raw(r.linkId ?? r.id)} as link_id,
        ${sql.raw(m.source.owner)} as owner_id, du.name as owner_name,
        ${sql.raw(m.time ?? 't.created_at')} as at, ${value} as value
      from ${from} left join users du on du.id = ${sql.raw(m.source.owner)}
      where ${where}
      order by ${sql.raw(m.time ?? 't.created_at')} desc, t.id
      limit ${q.limit} offset ${q.offset}`.execute(db),
  ]);
  const total = totals.rows[0];
  return {
    metricId: m.id,
    aggregate: m.aggregate,
    kind: r.kind,
    totalCount: Number(total?.n ?? 0),
    value: m.aggregate === 'count' ? Number(total?.n ?? 0) : Number(total?.v ?? 0),
    data: rows.rows.map((row) => ({
      id: String(row.id),
      kind: r.kind,
      name: String(row.name ?? ''),
      detail: row.detail == null ? null : String(row.detail),
      link: { object: String(row.linkObject), id: String(row.linkId) },
      ownerId: row.ownerId == null ? null : String(row.ownerId),
      ownerName: row.ownerName == null ? null : String(row.ownerName),
      at: Number(row.at),
      value: m.aggregate === 'sum' ? Number(row.value ?? 0) : null,
    })),
  };
}
