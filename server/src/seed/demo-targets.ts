import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { bucketKey, namedRange } from '../modules/metrics/periods.js';
import { metricDef } from '../modules/metrics/registry.js';
import { orgTimeZone } from '../modules/pools/pools.repo.js';
import { actualsByNode, nodesInReach, type TargetNode } from '../modules/targets/nodes.js';
import { loadActor } from '../platform/auth/actor-loader.js';
import { newId } from '../platform/ids.js';
import '../modules/metrics/definitions.js';

const day = 86_400_000;
/** Targets are round: ¥10,000 steps (in 分). */
const round = (minor: number) => Math.max(Math.ceil(minor / 1_000_000), 5) * 1_000_000;

// The demo's 业绩目标 on won amount: each rep's month a little above what they have been winning, their
// quarter three months of it, each team the sum of its people, the company's year four such quarters —
// the year's from what the company is winning — set at the start of the year by the administrator, raised once since (with the reason), and one
// team whose reps' targets add up to less than the team's own, so the split check has a flag to show.
export async function seedDemoTargets(tx: Kysely<DB>, orgId: string, adminId: string, now: number) {
  const admin = (await loadActor(tx, adminId, 'session'))!;
  const won = metricDef('won_amount')!;
  const tz = await orgTimeZone(tx, orgId);
  const recent = await actualsByNode(tx, admin, won, namedRange('last_90_days', now, tz), tz, now);
  const nodes = await nodesInReach(tx, admin);
  const month = bucketKey(namedRange('this_month', now, tz).fromDay, 'month');
  const quarter = bucketKey(namedRange('this_quarter', now, tz).fromDay, 'quarter');
  const year = bucketKey(namedRange('this_year', now, tz).fromDay, 'year');

  const monthly = new Map<string, number>();
  const childrenOf = (n: TargetNode) => nodes.filter((c) => c.parentKey === n.key);
  /** A rep's month from their last three months; a department's, the sum of what is under it. */
  const monthOf = (n: TargetNode): number => {
    const known = monthly.get(n.key);
    if (known !== undefined) return known;
    const value =
      n.type === 'user'
        ? (recent.get(n.key)?.get('') ?? 0) > 0
          ? round(((recent.get(n.key)!.get('') ?? 0) / 3) * 1.2)
          : 0
        : childrenOf(n).reduce((a, c) => a + monthOf(c), 0);
    monthly.set(n.key, value);
    return value;
  };
  const top = nodes.find((n) => n.parentKey === null)!;
  monthOf(top);
  const cells: { node: TargetNode; period: string; value: number }[] = [];
  for (const n of nodes) {
    const m = monthly.get(n.key) ?? 0;
    if (!m) continue;
    cells.push({ node: n, period: month, value: m }, { node: n, period: quarter, value: m * 3 });
  }
  // One team asks more of itself than its reps were given: the split check flags the difference.
  const cell = cells.find(
    (c) =>
      c.period === month &&
      c.node.type === 'department' &&
      c.node !== top &&
      !childrenOf(c.node).some((x) => x.type === 'department'),
  );
  if (cell) cell.value += 2_000_000;
  // The year: what the company has won so far, run on to the year's end, and a little more.
  const thisYear = namedRange('this_year', now, tz);
  const sofar = (await actualsByNode(tx, admin, won, thisYear, tz, now)).get(top.key)?.get('') ?? 0;
  const yearValue =
    round(((sofar / ((now - thisYear.from) / (thisYear.to - thisYear.from))) * 1.05) / 10) * 10;
  const startOfYear = thisYear.from + 3 * day;
  const yearId = newId();
  const raised = Math.round((yearValue * 1.1) / 1_000_000) * 1_000_000;
  await tx
    .insertInto('targets')
    .values({
      id: yearId,
      orgId,
      metric: won.id,
      period: year,
      nodeType: 'department',
      nodeId: top.id,
      value: raised,
      version: 2,
      createdAt: startOfYear,
      updatedAt: now - 20 * day,
      updatedBy: adminId,
    })
    .execute();
  const change = (targetId: string, before: number | null, after: number, reason: string, at: number) => ({
    id: newId(),
    orgId,
    targetId,
    before,
    after,
    method: 'manual' as const,
    reason,
    actorId: adminId,
    at,
  });
  await tx
    .insertInto('targetChanges')
    .values([
      change(yearId, null, yearValue, '年初预算会议确定', startOfYear),
      change(yearId, yearValue, raised, '华北大区新开两个重点行业，全年目标上调 10%', now - 20 * day),
    ])
    .execute();
  const setAt = Math.max(namedRange('this_month', now, tz).from, now - 25 * day);
  for (const c of cells) {
    const id = newId();
    await tx
      .insertInto('targets')
      .values({
        id,
        orgId,
        metric: won.id,
        period: c.period,
        nodeType: c.node.type,
        nodeId: c.node.id,
        value: c.value,
        version: 1,
        createdAt: setAt,
        updatedAt: setAt,
        updatedBy: adminId,
      })
      .execute();
    await tx
      .insertInto('targetChanges')
      .values(change(id, null, c.value, c.period === month ? '月度目标' : '季度目标', setAt))
      .execute();
  }
}
