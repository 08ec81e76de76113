import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { type FieldError, invalid, notFound } from '../../platform/errors.js';
import { localeOf } from '../../platform/http/problem.js';
import { changeMeta, commonErrors, idParams } from '../../platform/http/schemas.js';
import { softDelete } from '../../platform/http/soft-delete.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { sendRows } from '../imports/sheet-download.js';
import '../metrics/definitions.js';
import { type CalendarPeriod, calendarPeriodOf } from '../metrics/periods.js';
import { dimensionsOf, metricDef } from '../metrics/registry.js';
import { orgTimeZone } from '../pools/pools.repo.js';
import { historyOf, periodsUpTo } from './history.js';
import {
  historyQuery,
  historyResponse,
  scorecard,
  scorecardBody,
  scoresQuery,
  scoresResponse,
} from './scorecards.schema.js';
import { scoresOf } from './scores.js';
import { groups } from './scoring.js';

type Body = z.infer<typeof scorecardBody>;
type Row = DB['scorecards'] & { departmentName: string; updatedByName: string };

// 绩效考核: 考核方案 (which metrics, grouped result / process / customer with weights, each with its
// scoring rule) and the scores and ranking they give for any period, with the breakdown behind each.
export function registerScorecardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const rows = (q: Kysely<DB>, orgId: string) =>
    q
      .selectFrom('scorecards as s')
      .innerJoin('departments as d', 'd.id', 's.departmentId')
      .innerJoin('users as u', 'u.id', 's.updatedBy')
      .selectAll('s')
      .select(['d.name as departmentName', 'u.name as updatedByName'])
      .where('s.orgId', '=', orgId)
      .where('s.deletedAt', 'is', null);
  const present = (r: Row, req: FastifyRequest): z.infer<typeof scorecard> => {
    const items = JSON.parse(r.items) as Body['items'];
    const locale = localeOf(req);
    return {
      id: r.id,
      name: r.name,
      subject: r.subject,
      granularity: r.granularity,
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      roleKeys: JSON.parse(r.roleKeys) as string[],
      weights: JSON.parse(r.weights) as Body['weights'],
      items,
      metrics: Object.fromEntries(
        items.map((i) => {
          const m = metricDef(i.metric);
          return [i.metric, { name: m?.name[locale] ?? i.metric, unit: m?.unit ?? 'count' }];
        }),
      ),
      updatedAt: r.updatedAt,
      updatedByName: r.updatedByName,
      version: r.version,
    };
  };
  const find = (q: Kysely<DB>, actor: Actor, id: string) =>
    rows(q, actor.orgId).where('s.id', '=', id).executeTakeFirst() as Promise<Row | undefined>;

  /** What the schema cannot say: weights adding up to 100, metrics that exist and suit their rule. */
  const assertSound = async (req: FastifyRequest, b: Body) => {
    const actor = req.actor as Actor;
    const name = groupNames[localeOf(req)];
    const errors: FieldError[] = [];
    const sum = groups.reduce((a, g) => a + b.weights[g], 0);
    if (sum !== 100) errors.push({ path: 'body.weights', code: 'scorecard_weights_sum', params: { sum } });
    const seen = new Set<string>();
    b.items.forEach((item, i) => {
      const m = metricDef(item.metric);
      const at = `body.items.${i}`;
      if (!m) errors.push({ path: `${at}.metric`, code: 'metric_unknown', params: { metric: item.metric } });
      else if (!dimensionsOf(m).includes('period') || !dimensionsOf(m).includes('rep'))
        errors.push({
          path: `${at}.metric`,
          code: 'scorecard_metric_snapshot',
          params: { metric: m.name.en },
        });
      else if (item.rule.type === 'target' && !m.targetable)
        errors.push({ path: `${at}.rule`, code: 'scorecard_rule_needs_target' });
      if (item.rule.type === 'linear' && item.rule.zero === item.rule.full)
        errors.push({ path: `${at}.rule.full`, code: 'scorecard_rule_range' });
      const key = `${item.group}:${item.metric}`;
      if (seen.has(key)) errors.push({ path: at, code: 'scorecard_duplicate_item' });
      seen.add(key);
    });
    for (const g of groups) {
      const inGroup = b.items.filter((i) => i.group === g);
      const total = inGroup.reduce((a, i) => a + i.weight, 0);
      if (b.weights[g] > 0 && !inGroup.length)
        errors.push({ path: `body.weights.${g}`, code: 'scorecard_group_empty', params: { group: name[g] } });
      else if (inGroup.length && total !== 100)
        errors.push({
          path: 'body.items',
          code: 'scorecard_item_weights_sum',
          params: { group: g, sum: total },
        });
    }
    const department = await db
      .selectFrom('departments')
      .select('id')
      .where('orgId', '=', actor.orgId)
      .where('id', '=', b.departmentId)
      .executeTakeFirst();
    if (!department) errors.push({ path: 'body.departmentId', code: 'not_found' });
    if (b.roleKeys.length) {
      const known = new Set(
        (
          await db
            .selectFrom('roles')
            .select('key')
            .where('orgId', '=', actor.orgId)
            .where('key', 'in', b.roleKeys)
            .execute()
        ).map((r) => r.key),
      );
      b.roleKeys.forEach((k, i) => {
        if (!known.has(k)) errors.push({ path: `body.roleKeys.${i}`, code: 'not_found' });
      });
    }
    if (errors.length) throw invalid(errors);
  };
  const columns = (b: Body) => ({
    name: b.name,
    subject: b.subject,
    granularity: b.granularity,
    departmentId: b.departmentId,
    roleKeys: JSON.stringify([...new Set(b.roleKeys)]),
    weights: JSON.stringify(b.weights),
    items: JSON.stringify(b.items),
  });

  api.get(
    '/scorecards',
    {
      config: { access: { object: 'scorecard', action: 'read' } },
      schema: {
        tags: ['scorecards'],
        summary: 'The 考核方案',
        response: { 200: z.object({ data: z.array(scorecard) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const list = (await rows(db, actor.orgId).orderBy('s.createdAt').execute()) as Row[];
      return { data: list.map((r) => present(r, req)) };
    },
  );

  api.post(
    '/scorecards',
    {
      config: { access: { object: 'scorecard', action: 'create' } },
      schema: { tags: ['scorecards'], body: scorecardBody, response: { 201: scorecard, ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      await assertSound(req, req.body);
      const now = clock.now();
      const id = newId();
      const row = {
        id,
        orgId: actor.orgId,
        ...columns(req.body),
        version: 1,
        createdAt: now,
        updatedAt: now,
        updatedBy: actor.userId,
        deletedAt: null,
      };
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('scorecards').values(row).execute();
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'scorecard',
          recordId: id,
          action: 'create',
          after: row,
        });
      });
      return reply.status(201).send(present((await find(db, actor, id))!, req));
    },
  );

  api.put(
    '/scorecards/:id',
    {
      config: { access: { object: 'scorecard', action: 'update' } },
      schema: {
        tags: ['scorecards'],
        summary: 'Replaces a 考核方案 (If-Match: its version)',
        params: idParams,
        body: scorecardBody,
        response: { 200: scorecard, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      await assertSound(req, req.body);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await find(tx, actor, req.params.id);
        if (!before) throw notFound();
        assertVersion(before, version, (r) => present(r, req));
        const changes = {
          ...columns(req.body),
          version: before.version + 1,
          updatedAt: now,
          updatedBy: actor.userId,
        };
        await tx.updateTable('scorecards').set(changes).where('id', '=', before.id).execute();
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'scorecard',
          recordId: before.id,
          action: 'update',
          before: { ...before },
          after: { ...before, ...changes },
        });
      });
      return present((await find(db, actor, req.params.id))!, req);
    },
  );

  api.delete(
    '/scorecards/:id',
    {
      config: { access: { object: 'scorecard', action: 'delete' } },
      schema: { tags: ['scorecards'], params: idParams, response: { 204: z.null(), ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      await softDelete(db, req, {
        table: 'scorecards',
        object: 'scorecard',
        find: (tx) => find(tx, actor, req.params.id),
        present: (r) => present(r, req),
        now: clock.now(),
      });
      return reply.status(204).send(null);
    },
  );

  /** A scorecard and the period asked (its granularity's), or 404 / 422; its scores unless told not to. */
  const scoring = async (req: FastifyRequest, id: string, asked: string, scored = true) => {
    const actor = req.actor as Actor;
    const row = await find(db, actor, id);
    if (!row) throw notFound();
    const tz = await orgTimeZone(db, actor.orgId);
    const now = clock.now();
    const period = calendarPeriodOf(asked, now, tz) as CalendarPeriod; // the schema checked it
    if (period.granularity !== row.granularity)
      throw invalid([
        {
          path: 'query.period',
          code: 'scorecard_period_granularity',
          params: { granularity: granularityNames[localeOf(req)][row.granularity] },
        },
      ]);
    const card = present(row, req);
    const scores = scored ? await scoresOf(db, actor, card, period, tz, now) : { scored: 0, rows: [] };
    return { card, period, tz, now, ...scores };
  };

  api.get(
    '/scorecards/:id/scores',
    {
      config: { access: { object: 'scorecard', action: 'read' } },
      schema: {
        tags: ['scorecards'],
        summary: 'Scores and ranking for a period, with the breakdown of every score',
        description:
          'Everyone the scorecard scores (the active reps, or the teams, of its department’s tree) is scored together, so ranks and rank points compare them all and a score is the same whoever reads it; `rows` are those in the caller’s data scope on scorecards. Items without a target (target rule) or a value (e.g. a win rate without closed deals) are unscored and their weight goes to the rest of their group. The period must be one of the scorecard’s granularity (422 scorecard_period_granularity).',
        params: idParams,
        querystring: scoresQuery,
        response: { 200: scoresResponse, ...commonErrors },
      },
    },
    async (req) => {
      const s = await scoring(req, req.params.id, req.query.period);
      return {
        scorecard: s.card,
        period: periodOut(s.period),
        scored: s.scored,
        rows: s.rows.map((r) => ({
          key: r.key,
          type: r.type,
          id: r.id,
          name: r.name,
          departmentName: r.departmentName,
          rank: r.rank,
          total: r.total,
          groups: r.groups,
          items: s.card.items.map((item, i) => ({
            metric: item.metric,
            value: r.figures[i]!.value,
            target: r.figures[i]!.target,
            ...r.items[i]!,
          })),
        })),
      };
    },
  );

  api.get(
    '/scorecards/:id/history',
    {
      config: { access: { object: 'scorecard', action: 'read' } },
      schema: {
        tags: ['scorecards'],
        summary: 'Totals and ranks over the periods up to one (考核历史)',
        description:
          'The `count` periods of the scorecard’s granularity ending with `period` (oldest first), each scored as `/scores` scores it — live from the records and targets as they stand — and, per subject in the caller’s data scope, its total and rank in each (`null` when it was not scored then). Ordered by the latest rank.',
        params: idParams,
        querystring: historyQuery,
        response: { 200: historyResponse, ...commonErrors },
      },
    },
    async (req) => {
      const s = await scoring(req, req.params.id, req.query.period, false);
      const periods = periodsUpTo(s.period, req.query.count);
      const rows = await historyOf(db, req.actor as Actor, s.card, periods, s.tz, s.now);
      return { scorecard: s.card, periods: periods.map(periodOut), rows };
    },
  );

  api.get(
    '/scorecards/:id/scores/export',
    {
      config: { access: { object: 'scorecard', action: 'export' } },
      schema: {
        tags: ['scorecards'],
        summary:
          'The same scores as a spreadsheet (.xlsx or .csv): one row each, every item’s value, target and score',
        params: idParams,
        querystring: scoresQuery.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
        ...commonErrors,
      },
    },
    async (req, reply) => {
      const s = await scoring(req, req.params.id, req.query.period);
      const zh = localeOf(req) === 'zh-CN';
      const groupName = {
        result: zh ? '结果' : 'Result',
        process: zh ? '过程' : 'Process',
        customer: zh ? '客户' : 'Customer',
      };
      const headers = [
        zh ? '排名' : 'Rank',
        s.card.subject === 'rep' ? (zh ? '姓名' : 'Name') : zh ? '团队' : 'Team',
        zh ? '部门' : 'Department',
        zh ? '总分' : 'Total',
        ...groups.map((g) => groupName[g]),
        ...s.card.items.flatMap((item) => {
          const name = s.card.metrics[item.metric]!.name;
          return [name, `${name} ${zh ? '目标' : 'target'}`, `${name} ${zh ? '得分' : 'score'}`];
        }),
      ];
      const now = clock.now();
      await db.transaction().execute((tx) =>
        recordChange(tx, {
          ...changeMeta(req, now),
          object: 'scorecard',
          recordId: s.card.id,
          action: 'export',
          after: { period: s.period.key, format: req.query.format, rows: s.rows.length },
        }),
      );
      const unit = (metric: string, v: number | null) =>
        v === null ? null : s.card.metrics[metric]!.unit === 'money' ? v / 100 : v;
      const format = req.query.format;
      return sendRows(req, reply, {
        format,
        fileName: { local: `${s.card.name}-${s.period.key}`, ascii: `scorecard-${s.period.key}` },
        sheetName: s.period.key,
        headers,
        rows: s.rows.map((r) => [
          r.rank,
          r.name,
          r.departmentName,
          r.total,
          ...groups.map((g) => r.groups[g]),
          ...s.card.items.flatMap((item, i) => [
            unit(item.metric, r.figures[i]!.value),
            unit(item.metric, r.figures[i]!.target),
            r.items[i]!.score,
          ]),
        ]),
      });
    },
  );
}

const groupNames = {
  'zh-CN': { result: '结果', process: '过程', customer: '客户' },
  en: { result: 'Result', process: 'Process', customer: 'Customer' },
} as const;
const granularityNames = {
  'zh-CN': { month: '月', quarter: '季度', year: '年' },
  en: { month: 'month', quarter: 'quarter', year: 'year' },
} as const;

const periodOut = (p: CalendarPeriod) => ({
  key: p.key,
  firstDay: p.fromDay,
  lastDay: new Date(Date.parse(p.toDay) - 86_400_000).toISOString().slice(0, 10),
});
