import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, can, orgChartScope, scopeFilter, scopeOf } from '../../platform/access/index.js';
import type { Granularity, Range } from '../metrics/periods.js';
import { combine, runMetric } from '../metrics/query.js';
import { isRatio, type MetricDef } from '../metrics/registry.js';

export type NodeType = 'department' | 'user';
export const nodeKey = (type: NodeType, id: string) => `${type}:${id}`;

/** A department or a rep the reader reaches, placed under the nearest department they also reach. */
export type TargetNode = {
  key: string;
  type: NodeType;
  id: string;
  name: string;
  parentKey: string | null;
  active: boolean;
  /** May the reader set this node's targets? */
  writable: boolean;
};

/**
 * The org chart as far as the reader's data scope on targets reaches: departments in their order,
 * each followed by its reps. Reps who left appear only when `keepUsers` names them (they hold a
 * target). Nobody sets their own target, nor (below the whole company) their own department's.
 */
export async function nodesInReach(
  db: Kysely<DB>,
  actor: Actor,
  keepUsers: string[] = [],
): Promise<TargetNode[]> {
  const reach = orgChartScope(actor, 'target');
  const [departments, users] = await Promise.all([
    db
      .selectFrom('departments as d')
      .select(['d.id', 'd.parentId', 'd.name'])
      .where('d.orgId', '=', actor.orgId)
      .where(reach.departments('d.id'))
      .orderBy('d.sortOrder')
      .orderBy('d.name')
      .execute(),
    db
      .selectFrom('users as u')
      .select(['u.id', 'u.name', 'u.departmentId', 'u.active'])
      .where('u.orgId', '=', actor.orgId)
      .where(reach.users('u.id'))
      .where((eb) =>
        keepUsers.length
          ? eb.or([eb('u.active', '=', 1), eb('u.id', 'in', keepUsers)])
          : eb('u.active', '=', 1),
      )
      .orderBy('u.name')
      .execute(),
  ]);
  const writer = can(actor, 'target', 'update');
  const everyone = scopeOf(actor, 'target') === 'all';
  const reached = new Set(departments.map((d) => d.id));
  const under = (id: string | null) => (id && reached.has(id) ? nodeKey('department', id) : null);
  return [
    ...departments.map((d) => ({
      key: nodeKey('department', d.id),
      type: 'department' as const,
      id: d.id,
      name: d.name,
      parentKey: under(d.parentId),
      active: true,
      writable: writer && (everyone || d.id !== actor.departmentId),
    })),
    ...users.map((u) => ({
      key: nodeKey('user', u.id),
      type: 'user' as const,
      id: u.id,
      name: u.name,
      parentKey: under(u.departmentId),
      active: u.active === 1,
      writable: writer && u.id !== actor.userId,
    })),
  ];
}

/** Who sits in which department, each department's ancestors (itself included), and the top one. */
export type OrgChart = { departmentOf: Map<string, string>; ancestors: Map<string, string[]>; top: string };

export async function orgChartOf(db: Kysely<DB>, orgId: string): Promise<OrgChart> {
  const [users, closure, top] = await Promise.all([
    db.selectFrom('users').select(['id', 'departmentId']).where('orgId', '=', orgId).execute(),
    db
      .selectFrom('departmentClosure')
      .select(['ancestorId', 'descendantId'])
      .where('orgId', '=', orgId)
      .execute(),
    db
      .selectFrom('departments')
      .select('id')
      .where('orgId', '=', orgId)
      .where('parentId', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  const ancestors = new Map<string, string[]>();
  for (const c of closure)
    ancestors.set(c.descendantId, [...(ancestors.get(c.descendantId) ?? []), c.ancestorId]);
  return { departmentOf: new Map(users.map((u) => [u.id, u.departmentId])), ancestors, top: top.id };
}

/** A node's value of a metric: a ratio with its two parts, as the registry reports it. */
export type NodeValue = { value: number | null; numerator?: number; denominator?: number };

/**
 * A metric per node of the org chart within the range (and per `granularity` bucket, when given; `''`
 * otherwise): each rep's, and each department's over the reps in its subtree (a ratio: the sums of its
 * two parts, divided), counting what the reader may see — the same query as every other screen
 * (`runMetric`), by rep. Records without an owner count for the top department only.
 */
export async function metricByNode(
  db: Kysely<DB>,
  actor: Actor,
  metric: MetricDef,
  range: Range,
  timeZone: string,
  now: number,
  granularity: Granularity | null = null,
  /** The org chart, when the caller reads several metrics (see orgChartOf). */
  chart?: OrgChart,
): Promise<Map<string, Map<string, NodeValue>>> {
  const result = await runMetric(db, actor, {
    metric,
    range,
    groupBy: granularity ? ['rep', 'period'] : ['rep'],
    granularity: granularity ?? 'month',
    departmentsUnder: '',
    filters: {},
    now,
    timeZone,
  });
  const { departmentOf, ancestors, top } = chart ?? (await orgChartOf(db, actor.orgId));
  // Sums of the value (or of a ratio's two parts) per node and bucket.
  const sums = new Map<string, Map<string, [number, number]>>();
  const add = (key: string, bucket: string, a: number, b: number) => {
    const m = sums.get(key) ?? new Map<string, [number, number]>();
    const [x, y] = m.get(bucket) ?? [0, 0];
    m.set(bucket, [x + a, y + b]);
    sums.set(key, m);
  };
  const ratio = isRatio(metric);
  for (const r of result.rows) {
    const [a, b] = ratio ? [r.numerator ?? 0, r.denominator ?? 0] : [r.value ?? 0, 0];
    const bucket = r.keys.period ?? '';
    const rep = r.keys.rep;
    const department = rep ? departmentOf.get(rep) : undefined;
    if (rep) add(nodeKey('user', rep), bucket, a, b);
    for (const d of department ? (ancestors.get(department) ?? []) : [top])
      add(nodeKey('department', d), bucket, a, b);
  }
  return new Map(
    [...sums].map(([key, m]) => [
      key,
      new Map([...m].map(([bucket, [a, b]]) => [bucket, combine(metric, [{ value: a }, { value: b }])])),
    ]),
  );
}

/** An additive metric (a count or a sum, such as a target's) per node: `metricByNode`'s values. */
export async function actualsByNode(
  ...args: Parameters<typeof metricByNode>
): Promise<Map<string, Map<string, number>>> {
  const values = await metricByNode(...args);
  return new Map(
    [...values].map(([key, m]) => [key, new Map([...m].map(([bucket, v]) => [bucket, v.value ?? 0]))]),
  );
}

/** The targets of a metric and period the reader may read, by node key. */
export async function targetValues(
  db: Kysely<DB>,
  actor: Actor,
  metric: string,
  period: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('targets as t')
    .select(['t.nodeType', 't.nodeId', 't.value'])
    .where('t.orgId', '=', actor.orgId)
    .where('t.metric', '=', metric)
    .where('t.period', '=', period)
    .where(scopeFilter(actor, 'target', 't.node_id'))
    .execute();
  return new Map(rows.map((r) => [nodeKey(r.nodeType, r.nodeId), Number(r.value)]));
}
