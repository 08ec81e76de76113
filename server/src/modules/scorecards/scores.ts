import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, orgActor, orgChartScope } from '../../platform/access/index.js';
import { type CalendarPeriod, calendarRange } from '../metrics/periods.js';
import { isRatio, metricDef } from '../metrics/registry.js';
import { metricByNode, nodeKey, orgChartOf } from '../targets/nodes.js';
import { type Figure, type Item, type Score, scoreAll, type Weights } from './scoring.js';

export type Scorecard = {
  subject: 'rep' | 'team';
  departmentId: string;
  roleKeys: string[];
  weights: Weights;
  items: Item[];
};

export type Subject = {
  key: string;
  type: 'department' | 'user';
  id: string;
  name: string;
  departmentName: string | null;
};

/**
 * Everyone a scorecard scores in a period, scored together — ranks and rank points compare them all,
 * so a score is the same whoever reads it — and the rows the reader may see (their data scope on
 * scorecards: a rep their own, a manager their department tree).
 */
export async function scoresOf(
  db: Kysely<DB>,
  actor: Actor,
  card: Scorecard,
  period: CalendarPeriod,
  tz: string,
  now: number,
): Promise<{ scored: number; rows: (Subject & Score & { figures: Figure[] })[] }> {
  const population = await populationOf(db, actor.orgId, card);
  const org = orgActor({ orgId: actor.orgId, departmentId: card.departmentId, name: 'scorecard' });
  const range = calendarRange(period, tz);
  const metrics = [...new Set(card.items.map((i) => i.metric))];
  const chart = await orgChartOf(db, actor.orgId);
  const values = new Map(
    await Promise.all(
      metrics.map(
        async (m) => [m, await metricByNode(db, org, metricDef(m)!, range, tz, now, null, chart)] as const,
      ),
    ),
  );
  const targeted = card.items.filter((i) => i.rule.type === 'target').map((i) => i.metric);
  const targets = targeted.length
    ? await db
        .selectFrom('targets')
        .select(['metric', 'nodeType', 'nodeId', 'value'])
        .where('orgId', '=', actor.orgId)
        .where('period', '=', period.key)
        .where('metric', 'in', targeted)
        .execute()
    : [];
  const targetOf = new Map(targets.map((t) => [`${t.metric}@${nodeKey(t.nodeType, t.nodeId)}`, t.value]));
  const figures: Figure[][] = population.map((s) =>
    card.items.map((i) => ({
      value: values.get(i.metric)?.get(s.key)?.get('')?.value ?? (isRatio(metricDef(i.metric)!) ? null : 0),
      target: targetOf.get(`${i.metric}@${s.key}`) ?? null,
    })),
  );
  const scores = scoreAll(card.items, card.weights, figures);
  const visible = await reachable(db, actor, population);
  const rows = population
    .map((s, i) => ({ ...s, ...scores[i]!, figures: figures[i]! }))
    .filter((r) => visible.has(r.key))
    .sort(
      (a, b) =>
        (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );
  return { scored: population.length, rows };
}

/** The active reps in the department's tree (holding one of the roles, if any), or its teams (the departments in it without sub-departments). */
async function populationOf(db: Kysely<DB>, orgId: string, card: Scorecard): Promise<Subject[]> {
  const inTree = db
    .selectFrom('departmentClosure')
    .select('descendantId')
    .where('orgId', '=', orgId)
    .where('ancestorId', '=', card.departmentId);
  if (card.subject === 'rep') {
    const users = await db
      .selectFrom('users as u')
      .innerJoin('departments as d', 'd.id', 'u.departmentId')
      .select(['u.id', 'u.name', 'd.name as departmentName'])
      .where('u.orgId', '=', orgId)
      .where('u.active', '=', 1)
      .where('u.departmentId', 'in', inTree)
      .$if(card.roleKeys.length > 0, (q) =>
        q.where('u.id', 'in', (eb) =>
          eb
            .selectFrom('userRoles as ur')
            .innerJoin('roles as r', 'r.id', 'ur.roleId')
            .select('ur.userId')
            .where('r.orgId', '=', orgId)
            .where('r.key', 'in', card.roleKeys),
        ),
      )
      .orderBy('u.name')
      .execute();
    return users.map((u) => ({
      key: nodeKey('user', u.id),
      type: 'user',
      id: u.id,
      name: u.name,
      departmentName: u.departmentName,
    }));
  }
  const teams = await db
    .selectFrom('departments as d')
    .select(['d.id', 'd.name'])
    .where('d.orgId', '=', orgId)
    .where('d.id', 'in', inTree)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('departments as c').select('c.id').whereRef('c.parentId', '=', 'd.id'))),
    )
    .orderBy('d.sortOrder')
    .execute();
  return teams.map((d) => ({
    key: nodeKey('department', d.id),
    type: 'department',
    id: d.id,
    name: d.name,
    departmentName: null,
  }));
}

/** The subjects within the reader's data scope on scorecards. */
async function reachable(db: Kysely<DB>, actor: Actor, population: Subject[]): Promise<Set<string>> {
  const reach = orgChartScope(actor, 'scorecard');
  const users = population.filter((s) => s.type === 'user').map((s) => s.id);
  const departments = population.filter((s) => s.type === 'department').map((s) => s.id);
  const [u, d] = await Promise.all([
    users.length
      ? db
          .selectFrom('users as u')
          .select('u.id')
          .where('u.id', 'in', users)
          .where(reach.users('u.id'))
          .execute()
      : [],
    departments.length
      ? db
          .selectFrom('departments as d')
          .select('d.id')
          .where('d.id', 'in', departments)
          .where(reach.departments('d.id'))
          .execute()
      : [],
  ]);
  return new Set([...u.map((x) => nodeKey('user', x.id)), ...d.map((x) => nodeKey('department', x.id))]);
}
