import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, can, scopeFilter } from '../../platform/access/index.js';
import { startOfDay } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { commonErrors } from '../../platform/http/schemas.js';
import { decidingFor, waitingOn } from '../approvals/delegations.js';
import { orgTimeZone } from '../pools/pools.repo.js';
import { customersDue, leadsDue, soonDue } from '../pools/recycle-due.routes.js';

const day = 86_400_000;
const openLead = ['new', 'working', 'qualified'];

type LineRow = {
  object: string;
  id: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
  at: number | null;
  detail: string | null;
};
/** A section's rows, before anything is selected: its count reads index entries only. */
// biome-ignore lint/suspicious/noExplicitAny: the tables differ per section
type Rows = SelectQueryBuilder<any, any, object>;
/** A section: its rows, and how a line of it reads (which record, due at which column). */
type Part = { rows: Rows; line: Omit<LineSpec, 'limit'> };
type LineSpec = { object: LineRow['object']; alias: Alias; at: string; limit: number; stageJoined?: boolean };
type Alias = 'l' | 'c' | 'o';
const tables = { l: 'leads', c: 'customers', o: 'opportunities' } as const;

/**
 * A section's first lines, soonest first: the ids and times picked from the rows alone (their order and
 * the access check read indexed columns only), then the names read for those few records. Reading every
 * candidate row to sort them was most of 待办's time on PostgreSQL at 500,000 deals. A deal's line says
 * its stage (`st`, which the rows may have joined already).
 */
function firstLines(db: Kysely<DB>, rows: Rows, o: LineSpec): Promise<LineRow[]> {
  const deal = o.object === 'opportunity';
  const top = rows
    .select([`${o.alias}.id as id`, `${o.at} as at`, ...(o.stageJoined ? ['st.name as detail'] : [])])
    .orderBy(o.at)
    .limit(o.limit)
    .as('top');
  // biome-ignore lint/suspicious/noExplicitAny: the section's table is chosen at run time
  let q = (db as Kysely<any>)
    .selectFrom(top)
    .innerJoin(`${tables[o.alias]} as x`, 'x.id', 'top.id')
    .leftJoin('users as u', 'u.id', 'x.ownerId');
  if (deal && !o.stageJoined) q = q.innerJoin('pipelineStages as st', 'st.id', 'x.stageId');
  return q
    .select([
      sql<string>`${o.object}`.as('object'),
      'x.id',
      'x.name',
      'x.ownerId',
      'u.name as ownerName',
      'top.at as at',
      deal ? (o.stageJoined ? 'top.detail as detail' : 'st.name as detail') : sql<null>`null`.as('detail'),
    ])
    .orderBy('top.at')
    .execute() as Promise<LineRow[]>;
}

const section = <T extends z.ZodType>(item: T) => z.object({ count: z.number(), items: z.array(item) });
const record = z.object({
  object: z.enum(['lead', 'customer', 'opportunity']),
  id: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  /** When it is due: the next follow-up, the first-contact deadline, the day it returns to a pool. */
  at: z.number(),
  overdue: z.boolean(),
  /** What else the line says: the stage of a deal, the rule of a recycle. */
  detail: z.string().nullable(),
});

export const todo = z.object({
  /** 今日跟进: due by the end of today (org time zone), overdue included. */
  followUps: section(record).extend({ overdue: z.number() }),
  /** 待首次联系: leads given to someone and never followed up. */
  firstContact: section(record),
  /** 即将回收: customers and leads the recycle rules will take back soon. */
  recycleSoon: section(record),
  /** 待我审批 */
  approvals: section(
    z.object({
      id: z.string(),
      name: z.string(),
      recordName: z.string(),
      summary: z.string(),
      submittedBy: z.string(),
      at: z.number(),
    }),
  ),
  /** 停滞商机 */
  stalled: section(record),
});

// 待办: what needs doing — today's and overdue follow-ups, leads awaiting first contact, customers and
// leads soon back in a pool, approvals waiting, stalled deals. `view=mine` is the caller's own records;
// `view=team` every record in their data scope (a manager's team). Each section goes through the
// access layer of its object and is empty without the right to read it.
export function registerTodoRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  api.get(
    '/todo',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['todo'],
        summary:
          '待办: follow-ups due, first contacts, soon recycled, approvals and stalled deals — counts and the first items',
        querystring: z.strictObject({
          view: z.enum(['mine', 'team']).default('mine'),
          limit: z.coerce.number().int().min(1).max(50).default(10),
        }),
        response: { 200: todo, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { view, limit } = req.query;
      const now = clock.now();
      const endOfToday = startOfDay(now, await orgTimeZone(db, actor.orgId)) + day;
      const mine = view === 'mine';
      /** Rows of an object the caller may read: their own only in `mine`. */
      const whose = (object: string, col: string) =>
        mine ? sql<SqlBool>`${sql.ref(col)} = ${actor.userId}` : scopeFilter(actor, object, col);
      /** How many rows a section holds (and how many of them are already late): index entries only. */
      const count = async (rows: Rows, late?: string) => {
        const r = await rows
          .select([
            sql<number | string>`count(*)`.as('n'),
            late
              ? sql<number | string | null>`sum(case when ${sql.ref(late)} < ${now} then 1 else 0 end)`.as(
                  'late',
                )
              : sql<null>`null`.as('late'),
          ])
          .executeTakeFirst();
        return { n: Number(r?.n ?? 0), late: Number(r?.late ?? 0) };
      };
      const asRecord = (r: LineRow) => ({
        object: r.object as 'lead' | 'customer' | 'opportunity',
        id: r.id,
        name: r.name,
        ownerId: r.ownerId,
        ownerName: r.ownerName,
        at: r.at ?? now,
        overdue: (r.at ?? now) < now,
        detail: r.detail,
      });
      /** A section's count and its first lines, soonest first. */
      const listed = async (part: Part | null) => {
        if (!part) return { count: 0, items: [] };
        const [{ n }, items] = await Promise.all([
          count(part.rows),
          firstLines(db, part.rows, { ...part.line, limit }),
        ]);
        return { count: n, items: items.map(asRecord) };
      };

      // 今日跟进 of leads, customers and deals, soonest first.
      const due = [
        can(actor, 'lead', 'read') && {
          rows: db
            .selectFrom('leads as l')
            .where('l.orgId', '=', actor.orgId)
            .where('l.deletedAt', 'is', null)
            .where('l.nextFollowUpAt', '<', endOfToday)
            .where('l.status', 'in', openLead)
            .where('l.ownerId', 'is not', null)
            .where(whose('lead', 'l.owner_id')),
          late: 'l.next_follow_up_at',
          line: { object: 'lead', alias: 'l', at: 'l.nextFollowUpAt' },
        },
        can(actor, 'customer', 'read') && {
          rows: db
            .selectFrom('customers as c')
            .where('c.orgId', '=', actor.orgId)
            .where('c.deletedAt', 'is', null)
            .where('c.nextFollowUpAt', '<', endOfToday)
            .where('c.ownerId', 'is not', null)
            .where(whose('customer', 'c.owner_id')),
          late: 'c.next_follow_up_at',
          line: { object: 'customer', alias: 'c', at: 'c.nextFollowUpAt' },
        },
        can(actor, 'opportunity', 'read') && {
          rows: db
            .selectFrom('opportunities as o')
            .where('o.orgId', '=', actor.orgId)
            .where('o.status', '=', 'open')
            .where('o.deletedAt', 'is', null)
            .where('o.nextFollowUpAt', '<', endOfToday)
            .where(whose('opportunity', 'o.owner_id')),
          late: 'o.next_follow_up_at',
          line: { object: 'opportunity', alias: 'o', at: 'o.nextFollowUpAt' },
        },
      ].filter((p): p is Part & { late: string } => !!p);
      const [dueItems, dueCounts] = await Promise.all([
        Promise.all(due.map((p) => firstLines(db, p.rows, { ...p.line, limit }))),
        Promise.all(due.map((p) => count(p.rows, p.late))),
      ]);
      const followUps = {
        count: dueCounts.reduce((a, b) => a + b.n, 0),
        overdue: dueCounts.reduce((a, b) => a + b.late, 0),
        items: dueItems
          .flat()
          .map(asRecord)
          .sort((a, b) => a.at - b.at)
          .slice(0, limit),
      };

      // 待首次联系: leads with an owner and no follow-up yet, by deadline.
      const firstContact = await listed(
        can(actor, 'lead', 'read')
          ? {
              rows: db
                .selectFrom('leads as l')
                .where('l.orgId', '=', actor.orgId)
                .where('l.deletedAt', 'is', null)
                .where('l.firstFollowUpAt', 'is', null)
                .where('l.slaDueAt', 'is not', null)
                .where('l.status', 'in', openLead)
                .where('l.ownerId', 'is not', null)
                .where(whose('lead', 'l.owner_id')),
              line: { object: 'lead', alias: 'l', at: 'l.slaDueAt' },
            }
          : null,
      );

      // 即将回收: the same list as the pools' 即将回收 pages.
      const soon = (
        await Promise.all(
          [
            [customersDue, 'customer'],
            [leadsDue, 'lead'],
          ].map(async ([spec, object]) =>
            can(actor, object as string, 'read')
              ? (
                  await soonDue(db, actor, spec as typeof customersDue, {
                    now,
                    ownerId: mine ? actor.userId : undefined,
                  })
                ).map((s) => ({
                  object: object as 'lead' | 'customer',
                  id: s.row.id,
                  name: s.row.name,
                  ownerId: s.row.ownerId,
                  ownerName: s.row.ownerName,
                  at: s.dueAt,
                  overdue: s.dueAt < now,
                  detail: s.rule.name,
                }))
              : [],
          ),
        )
      )
        .flat()
        .sort((a, b) => a.at - b.at);
      const recycleSoon = { count: soon.length, items: soon.slice(0, limit) };

      // 待我审批: requests with an open task of the caller's, or of an approver away who named them (委托).
      const deciding = await decidingFor(db, actor.orgId, actor.userId, now);
      const tasks = db
        .selectFrom('approvalInstances as i')
        .innerJoin('users as s', 's.id', 'i.submittedBy')
        .select([
          'i.id',
          'i.name',
          'i.recordName',
          'i.summary',
          's.name as submittedBy',
          'i.submittedAt as at',
        ])
        .where('i.orgId', '=', actor.orgId)
        .where(waitingOn(deciding));
      const approvals = {
        count: (await count(tasks.clearSelect())).n,
        items: await tasks.orderBy('i.submittedAt').limit(limit).execute(),
      };

      // 停滞商机: open deals longer in their stage than it allows. The first lines are the longest stuck
      // of each stage merged (a stage's deals come in order of time in stage; all of them sorted at once
      // would be every stalled deal of the org read and sorted).
      const stalled = { count: 0, items: [] as ReturnType<typeof asRecord>[] };
      if (can(actor, 'opportunity', 'read')) {
        const stuck = db
          .selectFrom('pipelineStages as st')
          .innerJoin('opportunities as o', (j) =>
            j
              .onRef('o.orgId', '=', 'st.orgId')
              .onRef('o.pipelineId', '=', 'st.pipelineId')
              .onRef('o.stageId', '=', 'st.id')
              .on('o.deletedAt', 'is', null)
              .on('o.status', '=', 'open')
              .on(sql<SqlBool>`o.stage_entered_at < ${now} - st.stalled_days * cast(${day} as bigint)`),
          )
          .where('st.orgId', '=', actor.orgId)
          .where('st.stalledDays', 'is not', null)
          .where(whose('opportunity', 'o.owner_id'));
        const stages = await db
          .selectFrom('pipelineStages')
          .select('id')
          .where('orgId', '=', actor.orgId)
          .where('stalledDays', 'is not', null)
          .execute();
        const [total, ...firsts] = await Promise.all([
          count(stuck),
          ...stages.map((s) =>
            firstLines(db, stuck.where('st.id', '=', s.id), {
              object: 'opportunity',
              alias: 'o',
              at: 'o.stageEnteredAt',
              limit,
              stageJoined: true,
            }),
          ),
        ]);
        stalled.count = total.n;
        stalled.items = firsts
          .flat()
          .map(asRecord)
          .sort((a, b) => a.at - b.at)
          .slice(0, limit);
      }

      return { followUps, firstContact, recycleSoon, approvals, stalled };
    },
  );
}
