import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, type FieldError, notFound } from '../../platform/errors.js';
import { orgTimeZone } from '../pools/pools.repo.js';
import { dayRange, granularities, namedRange, periodNames } from './periods.js';
import type { MetricFilters, MetricQuery } from './query.js';
import { dimensionKeys, metricDef } from './registry.js';

// What a metric request says (the query, the drill-down, the exports), and how it becomes a query the
// registry answers: the metric, the period in the org's calendar, the department the breakdown is under.

const day = z.iso.date();
/** A query the registry cannot answer as asked: 400, like any other malformed body. */
export const badQuery = (errors: FieldError[]) => new AppError(400, 'validation_failed', {}, { errors });
const filterKeys = dimensionKeys.filter((d) => d !== 'period');

export const queryBody = z.strictObject({
  metric: z.string().max(80),
  /** A named period of the org's calendar, or days (both included). */
  period: z.union([z.enum(periodNames), z.strictObject({ from: day, to: day })]).default('this_month'),
  groupBy: z.array(z.enum(dimensionKeys)).max(2).default([]),
  granularity: z.enum(granularities).default('month'),
  departmentsUnder: z.uuid().optional(),
  filters: z
    .partialRecord(z.enum(filterKeys as [string, ...string[]]), z.array(z.string().max(100)).min(1).max(200))
    .default({}),
});
type QueryBody = z.infer<typeof queryBody>;

export const drillBody = queryBody.omit({ groupBy: true }).extend({
  keys: z.partialRecord(z.enum(dimensionKeys), z.string().max(100).nullable()).default({}),
  part: z.enum(['numerator', 'denominator']).default('numerator'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

/** Turns a request into the registry's query: its metric, period and department root, checked against the org. */
export function metricResolver(db: Kysely<DB>, clock: Clock) {
  return async (
    actor: Actor,
    b: Omit<QueryBody, 'groupBy'> & { groupBy?: QueryBody['groupBy'] },
  ): Promise<MetricQuery> => {
    const metric = metricDef(b.metric);
    if (!metric)
      throw badQuery([{ path: 'body.metric', code: 'metric_unknown', params: { metric: b.metric } }]);
    const tz = await orgTimeZone(db, actor.orgId);
    const now = clock.now();
    const range =
      typeof b.period === 'string'
        ? namedRange(b.period, now, tz)
        : customRange(b.period.from, b.period.to, tz);
    const root = await db
      .selectFrom('departments')
      .select('id')
      .where('orgId', '=', actor.orgId)
      .where(
        b.departmentsUnder ? (eb) => eb('id', '=', b.departmentsUnder!) : (eb) => eb('parentId', 'is', null),
      )
      .executeTakeFirst();
    if (!root) throw notFound();
    return {
      metric,
      range,
      groupBy: b.groupBy ?? [],
      granularity: b.granularity,
      departmentsUnder: root.id,
      filters: b.filters as MetricFilters,
      now,
      timeZone: tz,
    };
  };
}

/** Custom days: at most three years, the first not after the last. */
function customRange(from: string, to: string, tz: string) {
  if (from > to) throw badQuery([{ path: 'body.period.to', code: 'metric_period_order' }]);
  if (Date.parse(to) - Date.parse(from) > 3 * 366 * 86_400_000)
    throw badQuery([{ path: 'body.period', code: 'metric_period_too_long', params: { years: 3 } }]);
  return dayRange(from, to, tz);
}
