import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, can } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { localeOf } from '../../platform/http/problem.js';
import { changeMeta, commonErrors } from '../../platform/http/schemas.js';
import { t } from '../../platform/i18n.js';
import { newId } from '../../platform/ids.js';
import { sendRows } from '../imports/sheet-download.js';
import { labelsOf } from './labels.js';
import { runMetric } from './query.js';
import {
  type DimensionKey,
  dimensionsOf,
  exportObjectsOf,
  isRatio,
  metricDef,
  type Unit,
} from './registry.js';
import { badQuery, metricResolver, queryBody } from './request.js';

const tableBody = queryBody.omit({ metric: true }).extend({
  /** The sheet's name and the file's. */
  title: z.string().trim().min(1).max(60),
  /** The columns: each metric's value for every row (at least one, at most ten). */
  metrics: z.array(z.string().max(80)).min(1).max(10),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

/** A value as a sheet shows it: yuan for money, a percentage for a ratio. */
const cellOf = (value: number | null, unit: Unit) =>
  value === null
    ? null
    : unit === 'money'
      ? value / 100
      : unit === 'ratio'
        ? Math.round(value * 10_000) / 100
        : value;

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// 导出 of a dashboard widget: the figures it shows — one or more metrics broken down the same way — as
// a sheet, computed by the same query in the caller's scope, so the file says what the screen says.
export function registerTableExport(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;
  const resolve = metricResolver(db, clock);

  api.post(
    '/metrics/table/export',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['metrics'],
        summary: 'Metrics broken down the same way, as a spreadsheet (a dashboard widget’s figures)',
        description:
          'The body of `/metrics/query` with `metrics` (1–10) instead of `metric`, plus `title` and `format`. A row per value of the `groupBy` dimensions (a period bucket per bucket), a column per metric: money in yuan, a ratio in percent. Every metric must allow the `groupBy` dimensions; a filter applies to the metrics that have its dimension and must fit at least one (400 otherwise), and the caller needs the `export` right on what each metric counts; the export is audited.',
        body: tableBody,
        ...commonErrors,
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const b = req.body;
      const locale = localeOf(req);
      if (new Set(b.metrics).size !== b.metrics.length)
        throw badQuery([{ path: 'body.metrics', code: 'metric_duplicate' }]);
      // A filter narrows the metrics that have its dimension (leads have no pipeline), and must fit one.
      const known = b.metrics.map(metricDef).filter((m) => m !== undefined);
      const filtersOf = (metric: string) => {
        const m = metricDef(metric);
        if (!m) return b.filters;
        const dims: string[] = dimensionsOf(m);
        return Object.fromEntries(Object.entries(b.filters).filter(([d]) => dims.includes(d)));
      };
      const unfit = Object.keys(b.filters).filter(
        (d) => known.length && !known.some((m) => (dimensionsOf(m) as string[]).includes(d)),
      );
      if (unfit.length)
        throw badQuery(
          unfit.map((d) => ({
            path: `body.filters.${d}`,
            code: 'metric_filter_unsupported',
            params: { dimension: d },
          })),
        );
      const queries = await Promise.all(
        b.metrics.map((metric, i) =>
          resolve(actor, { ...b, metric, filters: filtersOf(metric) }).catch((e) => {
            // Say which column is wrong.
            const errors = (e as { extra?: { errors?: { path: string }[] } }).extra?.errors;
            if (errors)
              for (const err of errors) err.path = err.path.replace('body.metric', `body.metrics.${i}`);
            throw e;
          }),
        ),
      );
      if (!queries.every((q) => exportObjectsOf(q.metric).every((o) => can(actor, o, 'export'))))
        throw forbidden();
      const results = await Promise.all(queries.map((q) => runMetric(db, actor, q)));

      // Rows by their keys, in the order of the buckets (a trend) or of the first metric's value. A row a
      // count or sum has nothing in is 0 for it (as its total would be); a ratio there has no denominator.
      const groupBy = b.groupBy as DimensionKey[];
      const nothing = queries.map((q) => (isRatio(q.metric) ? null : 0));
      const keyOf = (keys: Record<string, string | null>) =>
        JSON.stringify(groupBy.map((d) => keys[d] ?? null));
      const rows = new Map<string, { keys: Record<string, string | null>; values: (number | null)[] }>();
      results.forEach((r, i) => {
        for (const row of groupBy.length ? r.rows : [r.total]) {
          const k = keyOf(row.keys);
          const entry = rows.get(k) ?? { keys: row.keys, values: [...nothing] };
          entry.values[i] = row.value;
          rows.set(k, entry);
        }
      });
      const buckets = results[0]?.buckets?.map((x) => x.key);
      // Largest first, rows without a value (a ratio without a denominator) last.
      const byValue = (x: number | null, y: number | null) =>
        x === y ? 0 : y === null ? -1 : x === null ? 1 : y - x;
      const ordered = [...rows.values()].sort((x, y) =>
        buckets && groupBy[0] === 'period'
          ? buckets.indexOf(x.keys.period ?? '') - buckets.indexOf(y.keys.period ?? '')
          : byValue(x.values[0] ?? null, y.values[0] ?? null),
      );
      const labels = await labelsOf(
        db,
        actor.orgId,
        ordered.map((r) => ({ keys: r.keys, value: null })),
      );
      const none = locale === 'zh-CN' ? '（无）' : '(none)';
      const keyCell = (d: DimensionKey, v: string | null) => {
        if (v === null) return none;
        const named = labels({ [d]: v } as never)[d];
        if (named) return named;
        return d === 'method' ? t(locale, `method.${v}` as never) : v;
      };
      const unitSuffix = (u: Unit) =>
        u === 'money' ? (locale === 'zh-CN' ? '（元）' : ' (CNY)') : u === 'ratio' ? ' (%)' : '';

      const now = clock.now();
      await db.transaction().execute((tx) =>
        recordChange(tx, {
          ...changeMeta(req, now),
          object: 'dashboard',
          recordId: newId(),
          action: 'export',
          after: {
            title: b.title,
            metrics: b.metrics,
            groupBy,
            period: b.period,
            filters: b.filters,
            format: b.format,
          },
        }),
      );
      return sendRows(req, reply, {
        format: b.format,
        fileName: { local: b.title, ascii: 'dashboard-widget' },
        sheetName: b.title.slice(0, 31),
        headers: [
          ...groupBy.map((d) => capitalized(t(locale, `dimension.${d}` as never))),
          ...queries.map((q) => `${q.metric.name[locale]}${unitSuffix(q.metric.unit)}`),
        ],
        rows: ordered.map((r) => [
          ...groupBy.map((d) => keyCell(d, r.keys[d] ?? null)),
          ...r.values.map((v, i) => cellOf(v, queries[i]!.metric.unit)),
        ]),
      });
    },
  );
}
