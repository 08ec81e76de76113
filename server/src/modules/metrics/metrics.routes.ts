import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, can } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { minuteIn } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { localeOf } from '../../platform/http/problem.js';
import { changeMeta, commonErrors } from '../../platform/http/schemas.js';
import { newId } from '../../platform/ids.js';
import { sendRows } from '../imports/sheet-download.js';
import './definitions.js';
import { drillRecords } from './drill.js';
import { labelsOf } from './labels.js';
import { runMetric } from './query.js';
import {
  allMetrics,
  dimensionKeys,
  dimensionsOf,
  exportObjectsOf,
  isRatio,
  metricDef,
  partsOf,
  recordKinds,
  units,
} from './registry.js';
import { drillBody, metricResolver, queryBody } from './request.js';
import { registerTableExport } from './table-export.js';

const drillRecord = z.object({
  id: z.string(),
  kind: z.enum(recordKinds),
  name: z.string(),
  detail: z.string().nullable(),
  link: z.object({ object: z.string(), id: z.string() }),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  at: z.number(),
  value: z.number().nullable(),
});

/** The most records one drill-down export writes. */
const MAX_DRILL_EXPORT = 10_000;

const row = z.object({
  keys: z.record(z.string(), z.string().nullable()),
  /** Names of the keys that are records (departments, reps, pipelines, stages). */
  labels: z.record(z.string(), z.string()),
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
});

const definition = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  unit: z.enum(units),
  targetable: z.boolean(),
  dimensions: z.array(z.enum(dimensionKeys)),
  /** A ratio's two metrics. */
  ratio: z.object({ numerator: z.string(), denominator: z.string() }).nullable(),
  /** Counted as the records stand now (the period does not apply). */
  snapshot: z.boolean(),
});

// 指标: the registry of every metric (one definition each) and the query every screen reads them through.
export function registerMetricRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;
  const resolve = metricResolver(db, clock);
  registerTableExport(app, ctx);

  api.get(
    '/metrics',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['metrics'],
        summary: 'Every metric: name and description in the request’s language, unit, dimensions',
        response: { 200: z.object({ data: z.array(definition) }), ...commonErrors },
      },
    },
    async (req) => {
      const locale = localeOf(req);
      return {
        data: allMetrics().map((m) => ({
          id: m.id,
          name: m.name[locale],
          description: m.description[locale],
          unit: m.unit,
          targetable: m.targetable ?? false,
          dimensions: dimensionsOf(m),
          ratio: isRatio(m) ? { numerator: m.ratio.numerator, denominator: m.ratio.denominator } : null,
          snapshot: !dimensionsOf(m).includes('period'),
        })),
      };
    },
  );

  api.post(
    '/metrics/query',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['metrics'],
        summary: 'One metric over a period, broken down by up to two dimensions, in the caller’s data scope',
        description:
          'Counts only records the caller may read (their data scope on the metric’s object). `groupBy: ["period"]` buckets by `granularity` in the org’s time zone (at most 400 buckets); `department` groups by the departments right under `departmentsUnder` (default: the top level), each with its subtree. A ratio reports its `numerator` and `denominator` beside the value (`null` when the denominator is 0). Unknown metric, dimension or filter: 400.',
        body: queryBody,
        response: {
          200: z.object({
            metric: z.object({ id: z.string(), name: z.string(), unit: z.enum(units) }),
            period: z.object({ from: z.number(), to: z.number(), firstDay: z.string(), lastDay: z.string() }),
            /** The period buckets of a breakdown by period, in order (empty ones have no row). */
            buckets: z.array(z.object({ key: z.string(), from: z.number(), to: z.number() })).nullable(),
            rows: z.array(row),
            total: row,
          }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const q = await resolve(actor, req.body);
      const { metric, range } = q;
      const result = await runMetric(db, actor, q);
      const labels = await labelsOf(db, actor.orgId, result.rows);
      const locale = localeOf(req);
      const [y, m, d] = range.toDay.split('-').map(Number) as [number, number, number];
      return {
        metric: { id: metric.id, name: metric.name[locale], unit: metric.unit },
        period: {
          from: range.from,
          to: range.to,
          firstDay: range.fromDay,
          lastDay: new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10),
        },
        buckets: result.buckets,
        rows: result.rows.map((r) => ({ ...r, labels: labels(r.keys) })),
        total: { ...result.total, labels: {} },
      };
    },
  );

  api.post(
    '/metrics/records',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['metrics'],
        summary: 'The records behind a number of a metric query (drill-down), in the caller’s data scope',
        description:
          'The same body as `/metrics/query` plus `keys`, the clicked row’s value of each dimension (a period bucket by its key; `null` for none). Lists the records the metric counts or sums for that cell, newest first; `totalCount` and `value` are the cell’s number. A ratio lists its `numerator` or its `denominator` (`part`). Unknown metric, dimension or bucket: 400.',
        body: drillBody,
        response: {
          200: z.object({
            metric: z.object({ id: z.string(), name: z.string(), unit: z.enum(units) }),
            /** How the records make the number: counted, summed, or their distinct days counted. */
            aggregate: z.enum(['count', 'sum', 'distinct']),
            kind: z.enum(recordKinds),
            /** The caller may export these records (\`/metrics/records/export\`). */
            exportable: z.boolean(),
            totalCount: z.number(),
            value: z.number(),
            data: z.array(drillRecord),
          }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const b = req.body;
      const q = await resolve(actor, b);
      const result = await drillRecords(db, actor, {
        ...q,
        keys: b.keys,
        part: b.part,
        limit: b.limit,
        offset: b.offset,
      });
      const part = metricDef(result.metricId)!;
      const locale = localeOf(req);
      return {
        metric: { id: part.id, name: part.name[locale], unit: part.unit },
        aggregate: result.aggregate,
        kind: result.kind,
        exportable: exportObjectsOf(part).every((o) => can(actor, o, 'export')),
        totalCount: result.totalCount,
        value: result.value,
        data: result.data,
      };
    },
  );

  api.post(
    '/metrics/records/export',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['metrics'],
        summary: 'The records behind a number as a spreadsheet (.xlsx or .csv)',
        description: `The same body as \`/metrics/records\` (without paging) plus \`format\`: every record of the cell, newest first, at most ${MAX_DRILL_EXPORT.toLocaleString('en')} (more: 422 \`export_too_large\`). Needs the \`export\` right on what the records are (a follow-up: on leads, customers and deals); the export is audited.`,
        body: drillBody
          .omit({ limit: true, offset: true })
          .extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
        ...commonErrors,
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const b = req.body;
      const q = await resolve(actor, b);
      // The export right on what the records are (a follow-up belongs to a lead, a customer or a deal).
      const parts = partsOf(q.metric);
      const shown = parts[b.part === 'denominator' ? 1 : 0] ?? parts[0]!;
      if (!exportObjectsOf(shown).every((o) => can(actor, o, 'export'))) throw forbidden();
      const drill = { ...q, keys: b.keys, part: b.part, offset: 0 };
      const first = await drillRecords(db, actor, { ...drill, limit: MAX_DRILL_EXPORT });
      if (first.totalCount > MAX_DRILL_EXPORT)
        throw new AppError(422, 'export_too_large', { count: first.totalCount, max: MAX_DRILL_EXPORT });
      const locale = localeOf(req);
      const part = metricDef(first.metricId)!;
      const now = clock.now();
      await db.transaction().execute((tx) =>
        recordChange(tx, {
          ...changeMeta(req, now),
          object: first.kind === 'follow_up' ? 'follow_up' : first.kind,
          recordId: newId(),
          action: 'export',
          after: {
            metric: part.id,
            period: b.period,
            keys: b.keys,
            format: b.format,
            rows: first.totalCount,
          },
        }),
      );
      const zh = locale === 'zh-CN';
      const tz = q.timeZone;
      const money = part.unit === 'money';
      return sendRows(req, reply, {
        format: b.format,
        fileName: { local: `${part.name[locale]}-${zh ? '明细' : 'records'}`, ascii: `${part.id}-records` },
        sheetName: part.name[locale].slice(0, 31),
        headers: [
          zh ? '名称' : 'Name',
          zh ? '说明' : 'Detail',
          zh ? '负责人' : 'Owner',
          zh ? '时间' : 'Time',
          ...(first.data.some((r) => r.value !== null)
            ? [`${part.name[locale]}${money ? (zh ? '（元）' : ' (CNY)') : ''}`]
            : []),
        ],
        rows: first.data.map((r) => [
          r.name,
          r.detail,
          r.ownerName,
          minuteIn(r.at, tz),
          ...(r.value === null ? [] : [money ? r.value / 100 : r.value]),
        ]),
      });
    },
  );
}
