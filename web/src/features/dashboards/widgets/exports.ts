import { adoptionMetrics } from '../../performance/AdoptionTable';
import type { MetricDefinition, MetricQueryBody } from '../../performance/metrics.api';
import { granularityOf, type Scope } from '../../performance/scope';
import type { Widget } from '../dashboards.api';
import { sourceMetrics } from './SourceTable';

type Dimension = NonNullable<MetricQueryBody['groupBy']>[number];

/** What a widget's 导出 writes: its metrics broken down as the widget shows them (none: nothing to tabulate). */
function tableOf(w: Widget): { metrics: readonly string[]; groupBy: Dimension[] } | null {
  switch (w.type) {
    case 'trend':
      return { metrics: [w.metric], groupBy: ['period'] };
    case 'bars':
      return { metrics: [w.metric], groupBy: w.stackBy ? [w.groupBy, w.stackBy] : [w.groupBy] };
    case 'leaderboard':
      return { metrics: ['won_amount', 'won_deals', 'win_rate'], groupBy: ['rep'] };
    case 'adoption':
      return { metrics: adoptionMetrics, groupBy: ['rep'] };
    case 'funnel':
      return { metrics: ['stage_entries'], groupBy: ['stage'] };
    case 'stage_conversion':
      return { metrics: ['stage_exits', 'stage_advances', 'stage_conversion_rate'], groupBy: ['stage'] };
    case 'source_table':
      return { metrics: sourceMetrics[w.dimension ?? 'source'], groupBy: [w.dimension ?? 'source'] };
    default:
      return null;
  }
}

/**
 * The body of `/metrics/table/export` for a widget under the dashboard's filters (a filter goes to the
 * metrics that have its dimension), or null when the widget has no table to export.
 */
export function exportBody(w: Widget, title: string, scope: Scope, defs: Map<string, MetricDefinition>) {
  const table = tableOf(w);
  if (!table) return null;
  const takesPipeline = table.metrics.some((id) => defs.get(id)?.dimensions.includes('pipeline'));
  return {
    title,
    metrics: [...table.metrics],
    groupBy: table.groupBy,
    granularity: granularityOf(scope.period),
    period: scope.period,
    ...(scope.breakdownUnder || scope.departmentId
      ? { departmentsUnder: scope.breakdownUnder ?? scope.departmentId }
      : {}),
    filters: {
      ...(scope.departmentId ? { department: [scope.departmentId] } : {}),
      ...(scope.pipelineId && takesPipeline ? { pipeline: [scope.pipelineId] } : {}),
    },
    format: 'xlsx' as const,
  };
}
