// One dashboard as the browser loads it: every request its widgets send (the web app's
// features/dashboards: a metric query per figure, the target tree, the forecast, the insights), six at a
// time as a browser does over HTTP/1.1. The figure is the wall time until the last answer is in.

type Widget = {
  type: string;
  metric?: string;
  groupBy?: string;
  stackBy?: string;
  dimension?: 'source' | 'channel';
  horizon?: 'month' | 'quarter';
};
export type Dashboard = { id: string; name: string; builtinKey: string | null; widgets: Widget[] };
export type Call = { method: 'GET' | 'POST'; path: string; body?: unknown };

const sourceMetrics = {
  source: ['new_leads', 'leads_to_deal', 'lead_to_deal_rate', 'won_deals', 'won_amount'],
  channel: ['new_leads', 'leads_to_deal', 'lead_to_deal_rate'],
};
const adoptionMetrics = ['active_days', 'follow_ups', 'follow_ups_per_active_day', 'data_completeness'];

/** The requests a dashboard's widgets send for a period (the funnel's on the default pipeline). */
export function dashboardCalls(d: Dashboard, period: string, defaultPipeline: string): Call[] {
  const granularity = period.endsWith('month') ? 'day' : period.endsWith('quarter') ? 'week' : 'month';
  const query = (metric: string, extra: Record<string, unknown> = {}): Call => ({
    method: 'POST',
    path: '/api/v1/metrics/query',
    body: { metric, period, filters: {}, ...extra },
  });
  const calls: Call[] = [];
  for (const w of d.widgets) {
    switch (w.type) {
      case 'kpi':
        calls.push(query(w.metric!));
        break;
      case 'gauge':
        calls.push({ method: 'GET', path: `/api/v1/targets?metric=${w.metric}&period=${period}` });
        break;
      case 'trend':
        calls.push(query(w.metric!, { groupBy: ['period'], granularity }));
        break;
      case 'bars':
        calls.push(
          query(w.metric!, { groupBy: [w.groupBy, ...(w.stackBy ? [w.stackBy] : [])], granularity }),
        );
        break;
      case 'leaderboard':
        calls.push(query('won_amount', { groupBy: ['rep'] }), query('win_rate', { groupBy: ['rep'] }));
        break;
      case 'adoption':
        calls.push(...adoptionMetrics.map((m) => query(m, { groupBy: ['rep'] })));
        break;
      case 'funnel':
      case 'stage_conversion':
        calls.push(
          query(w.type === 'funnel' ? 'stage_entries' : 'stage_conversion_rate', {
            groupBy: ['stage'],
            filters: { pipeline: [defaultPipeline] },
          }),
        );
        break;
      case 'source_table':
        calls.push(
          ...sourceMetrics[w.dimension ?? 'source'].map((m) =>
            query(m, { groupBy: [w.dimension ?? 'source'] }),
          ),
        );
        break;
      case 'forecast_target':
        calls.push({ method: 'GET', path: `/api/v1/forecast?horizon=${w.horizon ?? 'month'}` });
        break;
      case 'insights':
        calls.push({ method: 'GET', path: '/api/v1/insights' });
        break;
    }
  }
  return calls;
}

/** Sends the calls six at a time; throws on any answer but 200. */
export async function loadAll(
  calls: Call[],
  send: (c: Call) => Promise<number>,
  parallel = 6,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const c = calls[next++]!;
      const status = await send(c);
      if (status !== 200) throw new Error(`dashboard load: ${c.method} ${c.path}: ${status}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, calls.length) }, worker));
}
