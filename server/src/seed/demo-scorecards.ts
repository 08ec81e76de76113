import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from '../platform/ids.js';

// The demo's 考核方案: the article's 60/30/10 for every 销售代表 of 销售中心 each month — won amount against
// target and win rate (result), follow-ups and lead response time (process), new customers
// (customer) — and each team's quarter on won amount and deals created.
export async function seedDemoScorecards(
  tx: Kysely<DB>,
  orgId: string,
  o: { adminId: string; salesDepartmentId: string },
  now: number,
) {
  const card = (
    name: string,
    subject: 'rep' | 'team',
    granularity: 'month' | 'quarter',
    weights: object,
    items: object[],
  ) => ({
    id: newId(),
    orgId,
    name,
    subject,
    granularity,
    departmentId: o.salesDepartmentId,
    roleKeys: JSON.stringify(subject === 'rep' ? ['sales_rep'] : []),
    weights: JSON.stringify(weights),
    items: JSON.stringify(items),
    version: 1,
    createdAt: now,
    updatedAt: now,
    updatedBy: o.adminId,
    deletedAt: null,
  });
  await tx
    .insertInto('scorecards')
    .values([
      card('销售月度考核', 'rep', 'month', { result: 60, process: 30, customer: 10 }, [
        { metric: 'won_amount', group: 'result', weight: 70, rule: { type: 'target', cap: 120 } },
        { metric: 'win_rate', group: 'result', weight: 30, rule: { type: 'linear', zero: 0.2, full: 0.6 } },
        { metric: 'follow_ups', group: 'process', weight: 50, rule: { type: 'rank', better: 'higher' } },
        {
          metric: 'lead_response_hours',
          group: 'process',
          weight: 50,
          rule: { type: 'linear', zero: 48, full: 2 },
        },
        { metric: 'new_customers', group: 'customer', weight: 100, rule: { type: 'rank', better: 'higher' } },
      ]),
      card('团队季度考核', 'team', 'quarter', { result: 70, process: 30, customer: 0 }, [
        { metric: 'won_amount', group: 'result', weight: 100, rule: { type: 'target', cap: 150 } },
        { metric: 'deals_created', group: 'process', weight: 100, rule: { type: 'rank', better: 'higher' } },
      ]),
    ])
    .execute();
}
