import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { dayStart } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, type FieldError, invalid } from '../../platform/errors.js';
import { localeOf } from '../../platform/http/problem.js';
import { changeMeta, commonErrors } from '../../platform/http/schemas.js';
import { newId } from '../../platform/ids.js';
import '../metrics/definitions.js';
import {
  type CalendarPeriod,
  calendarPeriod,
  calendarPeriodOf,
  calendarRange,
  subPeriods,
  yearBefore,
} from '../metrics/periods.js';
import { metricDef } from '../metrics/registry.js';
import { orgTimeZone } from '../pools/pools.repo.js';
import { actualsByNode, type NodeType, nodeKey, nodesInReach, type TargetNode } from './nodes.js';
import { progressOf, splitByWeights } from './plan.js';
import {
  change,
  changesQuery,
  saveBody,
  splitBody,
  splitResponse,
  treeQuery,
  treeResponse,
} from './targets.schema.js';

type TargetRow = DB['targets'] & { updatedByName: string };

// 业绩目标: targets per year → quarter → month and company → department → rep, set by hand or split
// from the level above, with their progress against the registry's actuals and every change kept.
export function registerTargetRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  /** A target-able metric, or 422. */
  const targetMetric = (id: string) => {
    const m = metricDef(id);
    if (!m?.targetable)
      throw invalid([{ path: 'metric', code: 'target_metric_not_targetable', params: { metric: id } }]);
    return m;
  };
  const periodOf = (key: string) => calendarPeriod(key) as CalendarPeriod; // the schema checked the key
  const targetsOf = (q: Kysely<DB>, orgId: string, metric: string, periods: string[]) =>
    q
      .selectFrom('targets as t')
      .innerJoin('users as u', 'u.id', 't.updatedBy')
      .selectAll('t')
      .select('u.name as updatedByName')
      .where('t.orgId', '=', orgId)
      .where('t.metric', '=', metric)
      .where('t.period', 'in', periods)
      .execute() as Promise<TargetRow[]>;
  const cellKey = (node: string, period: string) => `${node}@${period}`;
  const byCell = (rows: TargetRow[]) =>
    new Map(rows.map((r) => [cellKey(nodeKey(r.nodeType, r.nodeId), r.period), r]));
  /** The reader's nodes, with reps who left but hold a target of these periods. */
  const nodesFor = (actor: Actor, rows: TargetRow[]) =>
    nodesInReach(
      db,
      actor,
      rows.filter((r) => r.nodeType === 'user').map((r) => r.nodeId),
    );

  api.get(
    '/targets',
    {
      config: { access: { object: 'target', action: 'read' } },
      schema: {
        tags: ['targets'],
        summary: 'The targets of one period for every department and rep the caller reaches, with progress',
        description:
          'Rows are the org chart within the caller’s data scope on targets (a rep: themself; a manager: their department tree), departments before their reps. Each has its target (if set), the actual so far (the metric registry, counting what the caller may see), progress (completion, pace against an even spread over the period, gap, days left), and the sums of the targets below it: of its quarters or months (`periodsSum`) and of the nodes right under it (`childrenSum`). Differences are reported, never adjusted.',
        querystring: treeQuery,
        response: { 200: treeResponse, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const metric = targetMetric(req.query.metric);
      const tz = await orgTimeZone(db, actor.orgId);
      const now = clock.now();
      const period = calendarPeriodOf(req.query.period, now, tz) as CalendarPeriod; // the schema checked it
      const subs = subPeriods(period).map((p) => p.key);
      const range = calendarRange(period, tz);
      const rows = await targetsOf(db, actor.orgId, metric.id, [period.key, ...subs]);
      const [nodes, actuals] = await Promise.all([
        nodesFor(actor, rows),
        actualsByNode(db, actor, metric, range, tz, now),
      ]);
      const cells = byCell(rows);
      const childrenOf = new Map<string, TargetNode[]>();
      for (const n of nodes)
        if (n.parentKey) childrenOf.set(n.parentKey, [...(childrenOf.get(n.parentKey) ?? []), n]);
      const sumOf = (cellKeys: string[]) => {
        const set = cellKeys.map((k) => cells.get(k)).filter((c) => !!c);
        return { sum: set.reduce((a, c) => a + c.value, 0), set: set.length, of: cellKeys.length };
      };
      const locale = localeOf(req);
      const last = new Date(Date.parse(period.toDay) - 86_400_000).toISOString().slice(0, 10);
      return {
        metric: { id: metric.id, name: metric.name[locale], unit: metric.unit },
        period: {
          key: period.key,
          granularity: period.granularity,
          firstDay: period.fromDay,
          lastDay: last,
          subPeriods: subs,
        },
        rows: nodes.map((n) => {
          const t = cells.get(cellKey(n.key, period.key));
          const actual = actuals.get(n.key)?.get('') ?? 0;
          const children = childrenOf.get(n.key) ?? [];
          return {
            ...n,
            target: t
              ? {
                  id: t.id,
                  value: t.value,
                  version: t.version,
                  updatedAt: t.updatedAt,
                  updatedByName: t.updatedByName,
                }
              : null,
            actual,
            progress: t ? progressOf(t.value, actual, range, now) : null,
            periodsSum: subs.length ? sumOf(subs.map((p) => cellKey(n.key, p))) : null,
            childrenSum:
              n.type === 'department' ? sumOf(children.map((c) => cellKey(c.key, period.key))) : null,
          };
        }),
      };
    },
  );

  api.put(
    '/targets',
    {
      config: { access: { object: 'target', action: 'update' } },
      schema: {
        tags: ['targets'],
        summary: 'Sets targets (up to 400 cells at once, all or none)',
        description:
          'Each cell names a node (department or rep), a period and the value in the metric’s unit (money in 分). A target that exists needs the `version` read (412 with the current values when someone changed it since; also when a cell without a version meets a target set meanwhile). Once a period has begun, a change needs a `reason` (目标调整). Nodes outside the caller’s reach are unknown (422); their own target and, below the whole company, their own department’s are not theirs to set (403).',
        body: saveBody,
        response: { 200: z.object({ saved: z.number() }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const b = req.body;
      const metric = targetMetric(b.metric);
      const tz = await orgTimeZone(db, actor.orgId);
      const now = clock.now();
      const errors: FieldError[] = [];
      const seen = new Set<string>();
      b.cells.forEach((c, i) => {
        const k = cellKey(nodeKey(c.nodeType, c.nodeId), c.period);
        if (seen.has(k)) errors.push({ path: `body.cells.${i}`, code: 'target_duplicate_cell' });
        seen.add(k);
      });
      const periods = [...new Set(b.cells.map((c) => c.period))];
      const existing = byCell(await targetsOf(db, actor.orgId, metric.id, periods));
      const nodes = new Map((await nodesFor(actor, [...existing.values()])).map((n) => [n.key, n]));
      let notYours = false;
      b.cells.forEach((c, i) => {
        const node = nodes.get(nodeKey(c.nodeType, c.nodeId));
        if (!node) errors.push({ path: `body.cells.${i}.nodeId`, code: 'not_found' });
        else if (!node.writable) notYours = true;
      });
      if (errors.length) throw invalid(errors);
      if (notYours) throw new AppError(403, 'target_not_writable');
      const begun = b.cells.some((c) => dayStart(periodOf(c.period).fromDay, tz) <= now);
      if (begun && !b.reason) throw invalid([{ path: 'body.reason', code: 'target_reason_required' }]);
      const stale = b.cells.filter((c) => {
        const t = existing.get(cellKey(nodeKey(c.nodeType, c.nodeId), c.period));
        return t ? t.version !== c.version : c.version !== undefined;
      });
      if (stale.length)
        throw new AppError(
          412,
          'version_conflict',
          {},
          {
            body: {
              current: stale.map((c) => {
                const t = existing.get(cellKey(nodeKey(c.nodeType, c.nodeId), c.period));
                return {
                  nodeType: c.nodeType,
                  nodeId: c.nodeId,
                  period: c.period,
                  value: t?.value ?? null,
                  version: t?.version ?? null,
                };
              }),
            },
          },
        );
      let saved = 0;
      await db.transaction().execute(async (tx) => {
        for (const c of b.cells) {
          const t = existing.get(cellKey(nodeKey(c.nodeType, c.nodeId), c.period));
          if (t && t.value === c.value) continue;
          const id = t?.id ?? newId();
          if (t) {
            const done = await tx
              .updateTable('targets')
              .set({ value: c.value, version: t.version + 1, updatedAt: now, updatedBy: actor.userId })
              .where('id', '=', t.id)
              .where('version', '=', t.version)
              .executeTakeFirst();
            if (Number(done.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
          } else
            await tx
              .insertInto('targets')
              .values({
                id,
                orgId: actor.orgId,
                metric: metric.id,
                period: c.period,
                nodeType: c.nodeType,
                nodeId: c.nodeId,
                value: c.value,
                version: 1,
                createdAt: now,
                updatedAt: now,
                updatedBy: actor.userId,
              })
              .execute();
          await tx
            .insertInto('targetChanges')
            .values({
              id: newId(),
              orgId: actor.orgId,
              targetId: id,
              before: t?.value ?? null,
              after: c.value,
              method: b.method,
              reason: b.reason ?? null,
              actorId: actor.userId,
              at: now,
            })
            .execute();
          const state = { metric: metric.id, period: c.period, nodeType: c.nodeType, nodeId: c.nodeId };
          await recordChange(tx, {
            ...changeMeta(req, now),
            object: 'target',
            recordId: id,
            action: t ? 'update' : 'create',
            before: t ? { ...state, value: t.value } : null,
            after: { ...state, value: c.value },
            payload: { reason: b.reason ?? null, method: b.method },
          });
          saved++;
        }
      });
      return { saved };
    },
  );

  api.post(
    '/targets/split',
    {
      config: { access: { object: 'target', action: 'read' } },
      schema: {
        tags: ['targets'],
        summary: 'Proposes how to split a target into its periods or the nodes under it (nothing is saved)',
        description:
          '`even`: equal parts; `weights`: in proportion to the weights given per part; `seasonal`: in proportion to each part’s actual a year earlier (its quarters or months, or the nodes under it). Parts are whole numbers (money: whole 元 when the total is) that add up to the total exactly (largest remainder). Save the parts, changed or not, with PUT /targets.',
        body: splitBody,
        response: { 200: splitResponse, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const b = req.body;
      const metric = targetMetric(b.metric);
      const period = periodOf(b.period);
      const tz = await orgTimeZone(db, actor.orgId);
      const key = nodeKey(b.nodeType, b.nodeId);
      const parts =
        b.into === 'periods'
          ? subPeriods(period).map((p) => ({
              nodeType: b.nodeType as NodeType,
              nodeId: b.nodeId,
              node: key,
              period: p.key,
              part: p.key,
            }))
          : [];
      const rows = await targetsOf(db, actor.orgId, metric.id, [period.key, ...parts.map((p) => p.period)]);
      const nodes = await nodesFor(actor, rows);
      const node = nodes.find((n) => n.key === key);
      if (!node) throw invalid([{ path: 'body.nodeId', code: 'not_found' }]);
      if (b.into === 'periods' && !parts.length)
        throw invalid([{ path: 'body.into', code: 'target_split_month' }]);
      if (b.into === 'children')
        // Only what the caller may set: splitting the department they sit in leaves themself out.
        for (const n of nodes.filter((x) => x.parentKey === key && x.active && x.writable))
          parts.push({ nodeType: n.type, nodeId: n.id, node: n.key, period: period.key, part: n.key });
      if (!parts.length) throw invalid([{ path: 'body.into', code: 'target_split_no_children' }]);
      const cells = byCell(rows);
      const total = b.total ?? cells.get(cellKey(key, period.key))?.value;
      if (total === undefined) throw invalid([{ path: 'body.total', code: 'target_split_no_total' }]);
      let basis: number[];
      if (b.method === 'even') basis = parts.map(() => 1);
      else if (b.method === 'weights') basis = parts.map((p) => b.weights?.[p.part] ?? 0);
      else {
        const before = periodOf(yearBefore(period.key));
        const lastYear = await actualsByNode(
          db,
          actor,
          metric,
          calendarRange(before, tz),
          tz,
          clock.now(),
          b.into === 'periods' ? subPeriods(period)[0]!.granularity : null,
        );
        basis = parts.map((p) =>
          b.into === 'periods'
            ? (lastYear.get(key)?.get(yearBefore(p.period)) ?? 0)
            : (lastYear.get(p.node)?.get('') ?? 0),
        );
      }
      // Money splits into whole 元 when the total is whole 元.
      const step = metric.unit === 'money' && total % 100 === 0 ? 100 : 1;
      const values = splitByWeights(total / step, basis)?.map((v) => v * step);
      if (!values)
        throw invalid([
          {
            path: b.method === 'weights' ? 'body.weights' : 'body.method',
            code: `target_split_no_${b.method === 'weights' ? 'weights' : 'history'}`,
          },
        ]);
      const names = new Map(nodes.map((n) => [n.key, n.name]));
      return {
        total,
        cells: parts.map((p, i) => {
          const t = cells.get(cellKey(p.node, p.period));
          return {
            nodeType: p.nodeType,
            nodeId: p.nodeId,
            name: names.get(p.node) ?? '',
            period: p.period,
            basis: basis[i]!,
            value: values[i]!,
            current: t ? { value: t.value, version: t.version } : null,
          };
        }),
      };
    },
  );

  api.get(
    '/targets/changes',
    {
      config: { access: { object: 'target', action: 'read' } },
      schema: {
        tags: ['targets'],
        summary: 'Every change of one target: who, when, from what to what, how and why',
        querystring: changesQuery,
        response: { 200: z.object({ data: z.array(change) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const q = req.query;
      targetMetric(q.metric);
      const nodes = await nodesInReach(db, actor, q.nodeType === 'user' ? [q.nodeId] : []);
      if (!nodes.some((n) => n.key === nodeKey(q.nodeType, q.nodeId)))
        throw invalid([{ path: 'query.nodeId', code: 'not_found' }]);
      const data = await db
        .selectFrom('targetChanges as c')
        .innerJoin('targets as t', 't.id', 'c.targetId')
        .innerJoin('users as u', 'u.id', 'c.actorId')
        .select(['c.before', 'c.after', 'c.method', 'c.reason', 'c.at', 'u.name as actorName'])
        .where('t.orgId', '=', actor.orgId)
        .where('t.metric', '=', q.metric)
        .where('t.period', '=', q.period)
        .where('t.nodeType', '=', q.nodeType)
        .where('t.nodeId', '=', q.nodeId)
        .orderBy('c.at', 'desc')
        .orderBy('c.id', 'desc')
        .execute();
      return { data };
    },
  );
}
