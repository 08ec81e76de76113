import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, can, ownerScopeFilter, scopeOf } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { dayIn } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { changeMeta, commonErrors } from '../../platform/http/schemas.js';
import { newId } from '../../platform/ids.js';
import { type CalendarPeriod, calendarPeriod, calendarPeriodOf, calendarRange } from '../metrics/periods.js';
import { orgFilterErrors } from '../org/filter-errors.js';
import { orgTimeZone } from '../pools/pools.repo.js';
import { nodeKey, targetValues } from '../targets/nodes.js';
import { cachedBacktest } from './backtest-cache.js';
import { forecastOf, knownAt, noSums, stagesOf, totalOf } from './forecast.js';
import {
  adjustBody,
  adjustment,
  adjustmentList,
  adjustmentsQuery,
  backtestQuery,
  backtestResponse,
  forecastQuery,
  forecastResponse,
} from './forecast.schema.js';
import { type ForecastFilters, wonBetween } from './history.js';
import { day } from './model.js';

type Adjustment = z.infer<typeof adjustment>;
const DEALS_SHOWN = 100;

// 成交预测: the system's forecast of a window with the reps' categories and the weighted pipeline
// beside it, the managers' adjustments beside the system's numbers, and the back-test's accuracy.
export function registerForecastRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  /** The filters, with unknown departments and pipelines refused (422) rather than read as empty. */
  const filtersOf = async (actor: Actor, q: ForecastFilters): Promise<ForecastFilters> => {
    const errors = await orgFilterErrors(db, actor.orgId, q, 'query');
    if (errors.length) throw invalid(errors);
    return { pipelineId: q.pipelineId, departmentId: q.departmentId };
  };

  /** The adjustments in force of a period (the latest per rep), for the reps the reader reaches. */
  const adjustmentsOf = async (actor: Actor, period: string, userId?: string, q0: Kysely<DB> = db) => {
    let q = q0
      .selectFrom('forecastAdjustments as a')
      .innerJoin('users as u', 'u.id', 'a.createdBy')
      .select(['a.id', 'a.userId', 'a.amount', 'a.note', 'a.createdAt', 'u.name as byName'])
      .where('a.orgId', '=', actor.orgId)
      .where('a.period', '=', period)
      .where(ownerScopeFilter(actor, 'forecast', 'a.user_id'));
    if (userId) q = q.where('a.userId', '=', userId);
    return q.orderBy('a.createdAt').orderBy('a.id').execute();
  };
  const present = (a: {
    id: string;
    amount: number | null;
    note: string;
    byName: string;
    createdAt: number;
  }): Adjustment => ({
    id: a.id,
    amount: a.amount === null ? null : Number(a.amount),
    note: a.note,
    byName: a.byName,
    at: Number(a.createdAt),
  });

  /** The node whose target the total is measured against: the filter's department, else the reader's reach. */
  const rootNode = async (actor: Actor, f: ForecastFilters) => {
    if (f.departmentId) return nodeKey('department', f.departmentId);
    const scope = scopeOf(actor, 'opportunity');
    if (scope === 'own') return nodeKey('user', actor.userId);
    if (scope !== 'all') return nodeKey('department', actor.departmentId);
    const top = await db
      .selectFrom('departments')
      .select('id')
      .where('orgId', '=', actor.orgId)
      .where('parentId', 'is', null)
      .executeTakeFirstOrThrow();
    return nodeKey('department', top.id);
  };

  api.get(
    '/forecast',
    {
      config: { access: { object: 'forecast', action: 'read' } },
      schema: {
        tags: ['forecast'],
        summary:
          'The forecast of won amount over the next 30 or 90 days, or the rest of this month or quarter',
        description:
          'Deals open now whose owner is in the caller’s data scope on deals (filtered by pipeline or department). Each deal’s expected value is amount × its chance of being won (the org’s closed deals of the past year that passed its stage, with the stage’s probability as a prior, times the owner’s track record) × its chance of being won inside the window (how long wins took from the stage, and how late wins came against their expected close date). New deals not created yet add the reps’ run rate. Beside it: the reps’ categories by close date (commit / best case / pipeline) and the plain weighted pipeline. Month and quarter add what was won so far, the target (won_amount) and the managers’ adjustments, which never replace the system’s number.',
        querystring: forecastQuery,
        response: { 200: forecastResponse, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { horizon } = req.query;
      const filters = await filtersOf(actor, req.query);
      const now = clock.now();
      const tz = await orgTimeZone(db, actor.orgId);
      const period =
        horizon === 'month' || horizon === 'quarter'
          ? (calendarPeriodOf(horizon === 'month' ? 'this_month' : 'this_quarter', now, tz) as CalendarPeriod)
          : null;
      const range = period ? calendarRange(period, tz) : null;
      const window = { from: now, to: range ? range.to : now + (horizon === '30d' ? 30 : 90) * day };
      const [stages, known, won, targets, adjustments, root] = await Promise.all([
        stagesOf(db, actor.orgId),
        knownAt(db, actor, now, filters, tz),
        range
          ? wonBetween(db, actor, range.from, now, filters)
          : new Map<string, { pipeline: number; newDeals: number }>(),
        period ? targetValues(db, actor, 'won_amount', period.key) : new Map<string, number>(),
        period ? adjustmentsOf(actor, period.key) : [],
        rootNode(actor, filters),
      ]);
      // With a department filter, only its people have rows (one holding a target elsewhere does not).
      let peopleQuery = db
        .selectFrom('users as u')
        .leftJoin('departments as d', 'd.id', 'u.departmentId')
        .select(['u.id', 'u.name', 'u.active', 'd.name as departmentName'])
        .where('u.orgId', '=', actor.orgId);
      if (filters.departmentId)
        peopleQuery = peopleQuery.where('u.departmentId', 'in', (eb) =>
          eb
            .selectFrom('departmentClosure')
            .select('descendantId')
            .where('orgId', '=', actor.orgId)
            .where('ancestorId', '=', filters.departmentId!),
        );
      const people = await peopleQuery.execute();
      const personOf = new Map(people.map((p) => [p.id, p]));
      const active = new Set(people.filter((p) => p.active).map((p) => p.id));
      const run = forecastOf(known, window, stages, active);
      const inForce = new Map(adjustments.map((a) => [a.userId, a])); // ordered: the latest wins
      const userIds = new Set([...run.reps.keys(), ...won.keys(), ...inForce.keys()]);
      for (const k of targets.keys()) if (k.startsWith('user:')) userIds.add(k.slice(5));
      const adjuster = !!period && can(actor, 'forecast', 'update');
      const reps = [...userIds]
        .filter((id) => personOf.has(id))
        .map((userId) => {
          const r = run.reps.get(userId) ?? { userId, ...noSums(), trackRecord: 1 };
          const w = won.get(userId);
          const wonSoFar = w ? w.pipeline + w.newDeals : 0;
          const target = targets.get(nodeKey('user', userId)) ?? null;
          const outlook = wonSoFar + r.forecast;
          const a = inForce.get(userId);
          return {
            ...r,
            ...rounded(r),
            name: personOf.get(userId)!.name,
            departmentName: personOf.get(userId)!.departmentName ?? null,
            wonSoFar,
            outlook: Math.round(outlook),
            target,
            gap: target === null ? null : Math.round(target - outlook),
            adjustment: a ? present(a) : null,
            adjustable: adjuster && userId !== actor.userId,
          };
        })
        .sort((a, b) => b.outlook - a.outlook || a.name.localeCompare(b.name));
      const t = totalOf(run.reps.values());
      const wonSoFar = reps.reduce((s, r) => s + r.wonSoFar, 0);
      const outlook = wonSoFar + t.forecast;
      const target = targets.get(root) ?? null;
      const dealRows = [...run.deals]
        .sort((a, b) => b.forecast.expected - a.forecast.expected || a.deal.id.localeCompare(b.deal.id))
        .slice(0, DEALS_SHOWN);
      return {
        horizon,
        asOf: now,
        window: {
          ...window,
          firstDay: dayIn(window.from, tz),
          lastDay: dayIn(window.to - 1, tz),
        },
        period: period?.key ?? null,
        total: {
          ...t,
          ...rounded(t),
          wonSoFar,
          outlook: Math.round(outlook),
          target,
          gap: target === null ? null : Math.round(target - outlook),
          // The reps' adjustments in place of their outlooks (a withdrawn one counts as none).
          adjusted: period
            ? Math.round(
                reps.reduce(
                  (s, r) => s + (r.adjustment?.amount != null ? r.adjustment.amount - r.outlook : 0),
                  outlook,
                ),
              )
            : null,
        },
        reps,
        deals: dealRows.map(({ deal: d, forecast: f, category }) => ({
          id: d.id,
          name: d.name,
          ownerId: d.ownerId,
          ownerName: personOf.get(d.ownerId)?.name ?? '',
          stageId: d.stageId,
          stageName: stages.get(d.stageId)?.name ?? '',
          category,
          amount: d.amount,
          expectedCloseDate: d.expectedCloseDate,
          winChance: f.winChance,
          timingChance: f.timingChance,
          expected: Math.round(f.expected),
          timingBasis: f.timingBasis,
          closeDateInWindow: f.closeDateInWindow,
        })),
      };
    },
  );

  api.get(
    '/forecast/backtest',
    {
      config: { access: { object: 'forecast', action: 'read' } },
      schema: {
        tags: ['forecast'],
        summary: 'How accurate the forecast would have been: replayed at past dates against what was won',
        description:
          'Every 30 days back from today (at most 12 dates a horizon), the 30- and 90-day forecast is made again from only what was known then: the stage each deal was in (stage history), its amount and close date then (the audit log), the history before that date. Each is compared with what was actually won in its window in the caller’s scope; the error is |forecast − actual| ÷ actual. The plain weighted pipeline (close date in the window × stage probability) is measured the same way. `mape`: the mean of the errors.',
        querystring: backtestQuery,
        response: { 200: backtestResponse, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const filters = await filtersOf(actor, req.query);
      const tz = await orgTimeZone(db, actor.orgId);
      return cachedBacktest(db, actor, filters, tz, clock.now());
    },
  );

  api.get(
    '/forecast/adjustments',
    {
      config: { access: { object: 'forecast', action: 'read' } },
      schema: {
        tags: ['forecast'],
        summary: 'A rep’s adjustments of a period, oldest first (the last one is in force)',
        querystring: adjustmentsQuery,
        response: { 200: adjustmentList, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const rows = await adjustmentsOf(actor, req.query.period, req.query.userId);
      return { data: rows.map(present) };
    },
  );

  api.put(
    '/forecast/adjustments',
    {
      config: { access: { object: 'forecast', action: 'update' } },
      schema: {
        tags: ['forecast'],
        summary:
          'Sets (or withdraws, amount null) a manager’s number for a rep’s month or quarter, with a note',
        description:
          'Kept beside the system’s forecast, never replacing it; every adjustment stays in the history. `basedOn` is the id of the adjustment in force that was read (null: none): 412 with the current one when someone adjusted since. Reps outside the caller’s data scope on forecasts are unknown (404); nobody adjusts their own (403). Only this or a later period (422 forecast_period_ended).',
        body: adjustBody,
        response: { 200: adjustment, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const b = req.body;
      const now = clock.now();
      const tz = await orgTimeZone(db, actor.orgId);
      const rep = await db
        .selectFrom('users as u')
        .select('u.id')
        .where('u.orgId', '=', actor.orgId)
        .where('u.id', '=', b.userId)
        .where(ownerScopeFilter(actor, 'forecast', 'u.id'))
        .executeTakeFirst();
      if (!rep) throw notFound();
      if (b.userId === actor.userId) throw new AppError(403, 'forecast_not_adjustable');
      const period = calendarPeriod(b.period) as CalendarPeriod; // the schema checked the key
      if (calendarRange(period, tz).to <= now)
        throw invalid([{ path: 'body.period', code: 'forecast_period_ended', params: { period: b.period } }]);
      const id = newId();
      const created = await db.transaction().execute(async (tx) => {
        const current = (await adjustmentsOf(actor, b.period, b.userId, tx)).at(-1) ?? null;
        if ((current?.id ?? null) !== b.basedOn)
          throw new AppError(
            412,
            'version_conflict',
            {},
            { body: { current: current ? present(current) : null } },
          );
        const row: DB['forecastAdjustments'] = {
          id,
          orgId: actor.orgId,
          userId: b.userId,
          period: b.period,
          amount: b.amount,
          note: b.note,
          createdBy: actor.userId,
          createdAt: now,
        };
        await tx.insertInto('forecastAdjustments').values(row).execute();
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'forecast',
          recordId: id,
          action: 'create',
          after: { ...row },
        });
        return row;
      });
      return present({ ...created, byName: actor.name });
    },
  );
}

/** Money sums as whole 分 (the model's expectations are fractions). */
function rounded(t: {
  fromPipeline: number;
  fromNewDeals: number;
  forecast: number;
  baseline: number;
  categories: object;
}) {
  return {
    fromPipeline: Math.round(t.fromPipeline),
    fromNewDeals: Math.round(t.fromNewDeals),
    forecast: Math.round(t.forecast),
    baseline: Math.round(t.baseline),
  };
}
