import { z } from 'zod';
import type { FieldError } from '../../platform/errors.js';
import '../metrics/definitions.js';
import { type DimensionKey, dimensionKeys, dimensionsOf, metricDef } from '../metrics/registry.js';

// The widgets a dashboard is made of. Every figure a widget shows is a metric of the registry (or the
// forecast, or the insights), read through the same endpoints as every other screen, in the reader's
// scope: a widget only says which metric and how to show it.

/** Periods a dashboard can show: calendar ones, so targets and the forecast line up with them. */
export const dashboardPeriods = [
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
] as const;

const metricId = z.string().min(1).max(80);
const dimension = z.enum(dimensionKeys);
const base = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .describe('Unique within the dashboard'),
  /** A title of its own (default: the metric's or the widget's name). */
  title: z.string().trim().min(1).max(40).optional(),
  /** Quarters of a desktop row it spans; on a phone every widget takes the whole row. */
  width: z.number().int().min(1).max(4).default(2),
};

export const widget = z.discriminatedUnion('type', [
  /** One metric's total for the period (a rate with its two counts). */
  z.strictObject({ ...base, type: z.literal('kpi'), metric: metricId }),
  /** A targetable metric against the reader's target, with pace. */
  z.strictObject({ ...base, type: z.literal('gauge'), metric: metricId }),
  /** A metric over the period's days, weeks or months. */
  z.strictObject({ ...base, type: z.literal('trend'), metric: metricId }),
  /** A metric by one dimension, stacked by another. */
  z.strictObject({
    ...base,
    type: z.literal('bars'),
    metric: metricId,
    groupBy: dimension,
    stackBy: dimension.optional(),
  }),
  /** Reps ranked by won amount, with deals and win rate. */
  z.strictObject({ ...base, type: z.literal('leaderboard') }),
  /** How many deals entered each stage of the pipeline. */
  z.strictObject({ ...base, type: z.literal('funnel') }),
  /** Of the deals that left each stage, the share that moved on to a later one. */
  z.strictObject({ ...base, type: z.literal('stage_conversion') }),
  /** Leads, their conversion to deals and what was won, by source or channel. */
  z.strictObject({
    ...base,
    type: z.literal('source_table'),
    dimension: z.enum(['source', 'channel']).default('source'),
  }),
  /** This month's or quarter's forecast and won amount against the target. */
  z.strictObject({
    ...base,
    type: z.literal('forecast_target'),
    horizon: z.enum(['month', 'quarter']).default('month'),
  }),
  /** The automatic findings. */
  z.strictObject({ ...base, type: z.literal('insights') }),
  /** Active days, follow-ups per active day and data completeness per rep. */
  z.strictObject({ ...base, type: z.literal('adoption') }),
]);
export type Widget = z.infer<typeof widget>;
export const widgetTypes = widget.options.map((o) => o.shape.type.value);

/** The filters every widget of a dashboard applies. */
export const dashboardFilters = z.strictObject({
  period: z.enum(dashboardPeriods).default('this_month'),
  /** Only this department's tree (and the department breakdown under it). */
  departmentId: z.uuid().optional(),
  /** Only this pipeline's deals (metrics of deals; the funnel shows its stages). */
  pipelineId: z.uuid().optional(),
});
export type DashboardFilters = z.infer<typeof dashboardFilters>;

/** What the schema cannot say: ids unique, metrics that exist and can be shown as the widget asks. */
export function widgetErrors(widgets: Widget[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  widgets.forEach((w, i) => {
    const at = `body.widgets.${i}`;
    if (seen.has(w.id)) errors.push({ path: `${at}.id`, code: 'dashboard_widget_duplicate' });
    seen.add(w.id);
    if (!('metric' in w)) return;
    const m = metricDef(w.metric);
    if (!m) {
      errors.push({ path: `${at}.metric`, code: 'metric_unknown', params: { metric: w.metric } });
      return;
    }
    const dims = dimensionsOf(m);
    const unsupported = (path: string, d: DimensionKey) =>
      errors.push({ path, code: 'metric_dimension_unsupported', params: { dimension: d } });
    if (w.type === 'gauge' && !m.targetable)
      errors.push({ path: `${at}.metric`, code: 'target_metric_not_targetable', params: { metric: m.id } });
    if (w.type === 'trend' && !dims.includes('period')) unsupported(`${at}.metric`, 'period');
    if (w.type === 'bars') {
      if (!dims.includes(w.groupBy)) unsupported(`${at}.groupBy`, w.groupBy);
      if (w.stackBy && !dims.includes(w.stackBy)) unsupported(`${at}.stackBy`, w.stackBy);
      if (w.stackBy === w.groupBy) errors.push({ path: `${at}.stackBy`, code: 'dashboard_stack_same' });
    }
  });
  return errors;
}
