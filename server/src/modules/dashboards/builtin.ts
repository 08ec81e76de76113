import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { widget } from './widgets.js';

// The dashboards every org starts with, one per kind of reader: the company's results for executives,
// the team's for managers, a rep's own. 业绩 opens the one of the reader's role; administrators may
// change them like any other, and add more.

/** A widget as written (width and options may be left to their defaults). */
type Seed = z.input<typeof widget>;
const kpis = (...metrics: string[]): Seed[] =>
  metrics.map((metric) => ({ id: `kpi-${metric}`, type: 'kpi', metric, width: 1 }));

export const builtinDashboards: Record<
  string,
  { name: { 'zh-CN': string; en: string }; defaultFor: string[]; widgets: Seed[] }
> = {
  executive: {
    name: { 'zh-CN': '公司业绩', en: 'Company performance' },
    defaultFor: ['admin', 'finance', 'marketing', 'after_sales'],
    widgets: [
      ...kpis('won_amount', 'won_deals', 'win_rate', 'avg_deal_size'),
      { id: 'gauge', type: 'gauge', metric: 'won_amount', width: 1 },
      { id: 'trend', type: 'trend', metric: 'won_amount', width: 2 },
      { id: 'forecast', type: 'forecast_target', horizon: 'quarter', width: 1 },
      { id: 'by-department', type: 'bars', metric: 'won_amount', groupBy: 'department', stackBy: 'pipeline' },
      { id: 'funnel', type: 'funnel' },
      { id: 'stages', type: 'stage_conversion' },
      { id: 'leaderboard', type: 'leaderboard' },
      { id: 'sources', type: 'source_table', dimension: 'source', width: 4 },
      { id: 'insights', type: 'insights', width: 4 },
    ],
  },
  manager: {
    name: { 'zh-CN': '团队业绩', en: 'Team performance' },
    defaultFor: ['sales_manager'],
    widgets: [
      ...kpis('won_amount', 'won_deals', 'win_rate', 'weighted_pipeline'),
      { id: 'gauge', type: 'gauge', metric: 'won_amount', width: 1 },
      { id: 'trend', type: 'trend', metric: 'won_amount', width: 2 },
      { id: 'forecast', type: 'forecast_target', horizon: 'month', width: 1 },
      { id: 'leaderboard', type: 'leaderboard' },
      { id: 'stages', type: 'stage_conversion' },
      { id: 'adoption', type: 'adoption', width: 4 },
      { id: 'insights', type: 'insights', width: 4 },
    ],
  },
  rep: {
    name: { 'zh-CN': '我的业绩', en: 'My performance' },
    defaultFor: ['sales_rep'],
    widgets: [
      ...kpis('won_amount', 'won_deals', 'win_rate', 'follow_ups'),
      { id: 'gauge', type: 'gauge', metric: 'won_amount', width: 1 },
      { id: 'trend', type: 'trend', metric: 'won_amount', width: 3 },
      { id: 'funnel', type: 'funnel' },
      { id: 'stages', type: 'stage_conversion' },
      { id: 'insights', type: 'insights', width: 4 },
    ],
  },
};

/** Creates the starting dashboards of an org (a new org, or one from before dashboards existed). */
export async function seedDashboards(db: Kysely<DB>, orgId: string, now: number): Promise<void> {
  await db
    .insertInto('dashboards')
    .values(
      Object.entries(builtinDashboards).map(([key, d]) => ({
        id: newId(),
        orgId,
        ownerId: null,
        builtinKey: key,
        name: null,
        widgets: JSON.stringify(d.widgets.map((w) => widget.parse(w))),
        filters: JSON.stringify({ period: 'this_month' }),
        sharedRoles: JSON.stringify([]),
        defaultFor: JSON.stringify(d.defaultFor),
        createdAt: now,
        updatedAt: now,
        updatedBy: null,
        version: 1,
        deletedAt: null,
      })),
    )
    .execute();
}
