import type { DrillBody, MetricDefinition, MetricQueryBody } from './metrics.api';

// What every widget of a dashboard is filtered by (the period, a department's tree, a pipeline), and
// how that becomes a metric query: a filter applies to the metrics that have its dimension.

/** The calendar periods a dashboard shows (targets and the forecast line up with them). */
export const dashboardPeriods = [
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
] as const;
export type DashboardPeriod = (typeof dashboardPeriods)[number];

export type Scope = {
  period: DashboardPeriod;
  departmentId?: string;
  pipelineId?: string;
  /** Where a breakdown by department starts (default: under the department filter, else the top). */
  breakdownUnder?: string;
};

/**
 * Where a breakdown by department starts: right under the filter's department, else under the first
 * level of the org chart that splits (a company with one 销售中心 is broken down by its regions).
 */
export function breakdownRoot(departments: { id: string; parentId: string | null }[], departmentId?: string) {
  let at = departmentId ?? departments.find((d) => d.parentId === null)?.id;
  for (;;) {
    const children = departments.filter((d) => d.parentId === at);
    if (children.length !== 1) return at;
    at = children[0]!.id;
  }
}

/** A trend's buckets: days of a month, weeks of a quarter, months of a year. */
export const granularityOf = (period: DashboardPeriod): 'day' | 'week' | 'month' =>
  period.endsWith('month') ? 'day' : period.endsWith('quarter') ? 'week' : 'month';

/** The query of a metric under the dashboard's filters (a department breakdown goes under the department). */
export function queryOf(def: MetricDefinition, scope: Scope): MetricQueryBody {
  const filters: NonNullable<MetricQueryBody['filters']> = {};
  if (scope.departmentId) filters.department = [scope.departmentId];
  if (scope.pipelineId && def.dimensions.includes('pipeline')) filters.pipeline = [scope.pipelineId];
  return {
    metric: def.id,
    period: scope.period,
    ...(scope.breakdownUnder || scope.departmentId
      ? { departmentsUnder: scope.breakdownUnder ?? scope.departmentId }
      : {}),
    filters,
  };
}

/** The drill-down of one cell of a metric's query under the dashboard's filters. */
export const drillOf = (
  def: MetricDefinition,
  scope: Scope,
  keys: DrillBody['keys'],
  granularity?: MetricQueryBody['granularity'],
): Omit<DrillBody, 'part'> => ({
  ...queryOf(def, scope),
  ...(granularity ? { granularity } : {}),
  keys,
});

/** Whether the pipeline filter leaves a metric as it is (it has no pipeline: leads, follow-ups). */
export const ignoresPipeline = (def: MetricDefinition, scope: Scope) =>
  !!scope.pipelineId && !def.dimensions.includes('pipeline');
