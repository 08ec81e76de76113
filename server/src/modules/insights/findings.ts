import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, orgChartScope } from '../../platform/access/index.js';
import type { Locale } from '../../platform/i18n.js';
import '../metrics/definitions.js';
import {
  type CalendarPeriod,
  calendarPeriodOf,
  calendarRange,
  namedRange,
  type Range,
} from '../metrics/periods.js';
import { runMetric } from '../metrics/query.js';
import { metricDef } from '../metrics/registry.js';
import { metricByNode, type NodeValue, nodeKey, orgChartOf, targetValues } from '../targets/nodes.js';
import { progressOf } from '../targets/plan.js';
import { proportionBelow } from './stats.js';
import { type FindingKind, textOf } from './texts.js';

// 洞察: findings the numbers of the metric registry bear out, in the reader's scope, each with the
// numbers behind it, the test that makes it more than chance, and what to do about it.

/** Below this one-sided p-value a lower rate is reported. */
export const SIGNIFICANCE = 0.05;
/** The first-follow-up deadline share a rep should meet. */
export const SLA_GOAL = 0.8;
/** Behind when the month's won amount is below this share of what an even spread asks by today… */
export const PACE_FLOOR = 0.85;
/** …once this share of the month has run (the first days say little). */
const MIN_ELAPSED = 0.25;

export type Finding = {
  kind: FindingKind;
  severity: 'high' | 'medium';
  subject: { type: 'user' | 'department'; id: string; name: string };
  metric: string;
  /** The subject's value and what it is compared with (a rate, an amount, a count). */
  value: number | null;
  benchmark: number | null;
  /** The counts and test statistics behind it. */
  numbers: Record<string, number>;
  text: string;
  action: string;
  /** Where to look at the records behind it. */
  link: string;
};

type Node = { type: 'user' | 'department'; id: string; name: string; parent: string | null };

export async function findingsOf(
  db: Kysely<DB>,
  actor: Actor,
  now: number,
  tz: string,
  locale: Locale,
): Promise<Finding[]> {
  const reach = orgChartScope(actor, 'insight');
  const [chart, departments, users] = await Promise.all([
    orgChartOf(db, actor.orgId),
    db
      .selectFrom('departments as d')
      .select(['d.id', 'd.name', 'd.parentId'])
      .where('d.orgId', '=', actor.orgId)
      .where(reach.departments('d.id'))
      .execute(),
    db
      .selectFrom('users as u')
      .select(['u.id', 'u.name', 'u.departmentId'])
      .where('u.orgId', '=', actor.orgId)
      .where('u.active', '=', 1)
      .where(reach.users('u.id'))
      .execute(),
  ]);
  const reached = new Set(departments.map((d) => d.id));
  const nodes = new Map<string, Node>([
    ...departments.map((d): [string, Node] => [
      nodeKey('department', d.id),
      {
        type: 'department',
        id: d.id,
        name: d.name,
        parent: d.parentId && reached.has(d.parentId) ? nodeKey('department', d.parentId) : null,
      },
    ]),
    ...users.map((u): [string, Node] => [
      nodeKey('user', u.id),
      {
        type: 'user',
        id: u.id,
        name: u.name,
        parent: reached.has(u.departmentId) ? nodeKey('department', u.departmentId) : null,
      },
    ]),
  ]);
  const last90 = namedRange('last_90_days', now, tz);
  const last30 = namedRange('last_30_days', now, tz);
  const month = calendarPeriodOf('this_month', now, tz) as CalendarPeriod;
  const monthRange = calendarRange(month, tz);
  const by = (id: string, range: typeof last90) =>
    metricByNode(db, actor, metricDef(id)!, range, tz, now, null, chart).then(
      (m) => new Map([...m].map(([k, v]) => [k, v.get('') ?? { value: null }])),
    );
  const [winRate, leadRate, sla, stalled, won, targets] = await Promise.all([
    by('win_rate', last90),
    by('lead_to_deal_rate', last90),
    by('lead_sla_rate', last30),
    by('stalled_deals', last90),
    by('won_amount', monthRange),
    targetValues(db, actor, 'won_amount', month.key),
  ]);
  const say = textOf(locale);
  const out: Finding[] = [];

  // A rate well below the rest of the subject's team (a rep) or of its parent (a team).
  const compare = (metric: string, values: Map<string, NodeValue>, link: string) => {
    for (const [key, node] of nodes) {
      if (!node.parent) continue;
      const own = values.get(key);
      const whole = values.get(node.parent);
      if (!own || !whole) continue;
      const x1 = own.numerator ?? 0;
      const n1 = own.denominator ?? 0;
      const x2 = (whole.numerator ?? 0) - x1;
      const n2 = (whole.denominator ?? 0) - n1;
      const test = proportionBelow(x1, n1, x2, n2);
      if (!test || test.p >= SIGNIFICANCE) continue;
      const parent = nodes.get(node.parent)!;
      out.push({
        kind: 'conversion_below',
        severity: test.p < 0.01 ? 'high' : 'medium',
        subject: { type: node.type, id: node.id, name: node.name },
        metric,
        value: x1 / n1,
        benchmark: x2 / n2,
        numbers: { x1, n1, x2, n2, z: test.z, p: test.p },
        ...say.conversionBelow({
          metric,
          name: node.name,
          rep: node.type === 'user',
          parent: parent.name,
          x1,
          n1,
          x2,
          n2,
          p: test.p,
        }),
        link,
      });
    }
  };
  compare('win_rate', winRate, '/performance');
  compare('lead_to_deal_rate', leadRate, '/leads');

  // Behind the month's won-amount target, against an even spread over its days.
  const elapsed = (now - monthRange.from) / (monthRange.to - monthRange.from);
  if (elapsed >= MIN_ELAPSED)
    for (const [key, target] of targets) {
      const node = nodes.get(key);
      if (!node || target <= 0) continue;
      const actual = won.get(key)?.value ?? 0;
      const p = progressOf(target, actual, monthRange, now);
      if (p.pace === null || p.pace >= PACE_FLOOR) continue;
      out.push({
        kind: 'behind_pace',
        severity: p.pace < 0.6 ? 'high' : 'medium',
        subject: { type: node.type, id: node.id, name: node.name },
        metric: 'won_amount',
        value: actual,
        benchmark: p.expected,
        numbers: { target, actual, expected: p.expected, gap: p.gap, daysLeft: p.daysLeft, pace: p.pace },
        ...say.behindPace({
          name: node.name,
          target,
          actual,
          expected: p.expected,
          gap: p.gap,
          daysLeft: p.daysLeft,
        }),
        link: '/performance/targets',
      });
    }

  // Reps' deals longer in their stage than it allows; reps missing the first-follow-up deadline.
  for (const [key, node] of nodes) {
    if (node.type !== 'user') continue;
    const count = stalled.get(key)?.value ?? 0;
    if (count > 0)
      out.push({
        kind: 'stalled_deals',
        severity: count >= 5 ? 'high' : 'medium',
        subject: { type: 'user', id: node.id, name: node.name },
        metric: 'stalled_deals',
        value: count,
        benchmark: 0,
        numbers: { count },
        ...say.stalledDeals({ name: node.name, count }),
        link: '/todo?view=team',
      });
    const s = sla.get(key);
    const n = s?.denominator ?? 0;
    const met = s?.numerator ?? 0;
    // At least 5 leads with a deadline: fewer say little about a habit.
    if (n >= 5 && met / n < SLA_GOAL)
      out.push({
        kind: 'lead_sla',
        severity: met / n < 0.5 ? 'high' : 'medium',
        subject: { type: 'user', id: node.id, name: node.name },
        metric: 'lead_sla_rate',
        value: met / n,
        benchmark: SLA_GOAL,
        numbers: { met, n },
        ...say.leadSla({ name: node.name, met, n, goal: SLA_GOAL }),
        link: '/leads',
      });
  }
  out.push(...(await methodMix(db, actor, nodes, last90, now, tz, say)));
  const rank = { high: 0, medium: 1 };
  const order: FindingKind[] = ['behind_pace', 'conversion_below', 'method_mix', 'lead_sla', 'stalled_deals'];
  return out.sort(
    (a, b) =>
      rank[a.severity] - rank[b.severity] ||
      order.indexOf(a.kind) - order.indexOf(b.kind) ||
      a.subject.name.localeCompare(b.subject.name),
  );
}

/** A method's deal follow-ups before it is a benchmark, and a rep's before their mix says anything. */
const MIN_METHOD_SAMPLE = 20;
const MIN_REP_SAMPLE = 10;

/**
 * Follow-up method mix: the method after which deals progress most often (across what the reader sees);
 * a rep who uses it less than the team does, and whose follow-ups progress significantly less often than
 * the rest of the team's with that method.
 */
async function methodMix(
  db: Kysely<DB>,
  actor: Actor,
  nodes: Map<string, Node>,
  range: Range,
  now: number,
  tz: string,
  say: ReturnType<typeof textOf>,
): Promise<Finding[]> {
  // By rep and method, once: the counts add up, so each method's team figures are the sums of its rows.
  const byRepMethod = await runMetric(db, actor, {
    metric: metricDef('follow_up_advance_rate')!,
    range,
    groupBy: ['rep', 'method'],
    granularity: 'month',
    departmentsUnder: '',
    filters: {},
    now,
    timeZone: tz,
  });
  const methods = new Map<string, { numerator: number; denominator: number }>();
  for (const r of byRepMethod.rows) {
    const m = methods.get(r.keys.method ?? '') ?? { numerator: 0, denominator: 0 };
    m.numerator += r.numerator ?? 0;
    m.denominator += r.denominator ?? 0;
    methods.set(r.keys.method ?? '', m);
  }
  const team = [...methods.values()].reduce((n, m) => n + m.denominator, 0);
  const best = [...methods]
    .map(([key, m]) => ({ key, ...m, value: m.denominator ? m.numerator / m.denominator : null }))
    .filter((m) => m.key && m.denominator >= MIN_METHOD_SAMPLE && m.value !== null)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
  if (!best || !team) return [];
  const method = best.key;
  const reps = new Map<string, { x: number; n: number; xBest: number; nBest: number }>();
  for (const r of byRepMethod.rows) {
    if (!r.keys.rep) continue;
    const c = reps.get(r.keys.rep) ?? { x: 0, n: 0, xBest: 0, nBest: 0 };
    c.x += r.numerator ?? 0;
    c.n += r.denominator ?? 0;
    if (r.keys.method === method) {
      c.xBest += r.numerator ?? 0;
      c.nBest += r.denominator ?? 0;
    }
    reps.set(r.keys.rep, c);
  }
  const teamShare = best.denominator / team;
  const out: Finding[] = [];
  for (const [rep, c] of reps) {
    const node = nodes.get(nodeKey('user', rep));
    if (!node || c.n < MIN_REP_SAMPLE || c.nBest / c.n >= teamShare) continue;
    // The rest of the team's follow-ups with the best method (the rep's own taken out).
    const x2 = best.numerator - c.xBest;
    const n2 = best.denominator - c.nBest;
    const test = proportionBelow(c.x, c.n, x2, n2);
    if (!test || test.p >= SIGNIFICANCE) continue;
    out.push({
      kind: 'method_mix',
      severity: 'medium',
      subject: { type: 'user', id: node.id, name: node.name },
      metric: 'follow_up_advance_rate',
      value: c.x / c.n,
      benchmark: x2 / n2,
      numbers: { x1: c.x, n1: c.n, x2, n2, share: c.nBest / c.n, teamShare, z: test.z, p: test.p },
      ...say.methodMix({
        name: node.name,
        best: method,
        share: c.nBest / c.n,
        teamShare,
        x1: c.x,
        n1: c.n,
        x2,
        n2,
        p: test.p,
      }),
      link: '/follow-ups',
    });
  }
  return out;
}
