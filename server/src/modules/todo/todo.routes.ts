import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
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
/** A section's query: whatever its tables, it selects one line per record. */
// biome-ignore lint/suspicious/noExplicitAny: the tables differ per section
type Line = SelectQueryBuilder<any, any, LineRow>;

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
      const count = async (q: { clearSelect: () => unknown }) => {
        // biome-ignore lint/suspicious/noExplicitAny: any of the section queries
        const r = await (q as any)
          .clearSelect()
          .select(sql<number | string>`count(*)`.as('n'))
          .executeTakeFirst();
        return Number(r?.n ?? 0);
      };

      // 今日跟进 of leads, customers and deals, soonest first.
      const dueLeads = can(actor, 'lead', 'read')
        ? db
            .selectFrom('leads as l')
            .leftJoin('users as u', 'u.id', 'l.ownerId')
            .select([
              sql<string>`'lead'`.as('object'),
              'l.id',
              'l.name',
              'l.ownerId',
              'u.name as ownerName',
              'l.nextFollowUpAt as at',
              sql<string | null>`null`.as('detail'),
            ])
            .where('l.orgId', '=', actor.orgId)
            .where('l.deletedAt', 'is', null)
            .where('l.ownerId', 'is not', null)
            .where('l.status', 'in', openLead)
            .where('l.nextFollowUpAt', '<', endOfToday)
            .where(whose('lead', 'l.owner_id'))
        : null;
      const dueCustomers = can(actor, 'customer', 'read')
        ? db
            .selectFrom('customers as c')
            .leftJoin('users as u', 'u.id', 'c.ownerId')
            .select([
              sql<string>`'customer'`.as('object'),
              'c.id',
              'c.name',
              'c.ownerId',
              'u.name as ownerName',
              'c.nextFollowUpAt as at',
              sql<string | null>`null`.as('detail'),
            ])
            .where('c.orgId', '=', actor.orgId)
            .where('c.deletedAt', 'is', null)
            .where('c.ownerId', 'is not', null)
            .where('c.nextFollowUpAt', '<', endOfToday)
            .where(whose('customer', 'c.owner_id'))
        : null;
      const dueDeals = can(actor, 'opportunity', 'read')
        ? db
            .selectFrom('opportunities as o')
            .innerJoin('pipelineStages as st', 'st.id', 'o.stageId')
            .leftJoin('users as u', 'u.id', 'o.ownerId')
            .select([
              sql<string>`'opportunity'`.as('object'),
              'o.id',
              'o.name',
              'o.ownerId',
              'u.name as ownerName',
              'o.nextFollowUpAt as at',
              'st.name as detail',
            ])
            .where('o.orgId', '=', actor.orgId)
            .where('o.deletedAt', 'is', null)
            .where('o.status', '=', 'open')
            .where('o.nextFollowUpAt', '<', endOfToday)
            .where(whose('opportunity', 'o.owner_id'))
        : null;
      const dueParts = (
        [
          [dueLeads, 'l.next_follow_up_at'],
          [dueCustomers, 'c.next_follow_up_at'],
          [dueDeals, 'o.next_follow_up_at'],
        ] as [Line | null, string][]
      ).flatMap(([q, col]) => (q ? [{ q, col }] : []));
      const [dueItems, dueCount, overdueCount] = await Promise.all([
        Promise.all(dueParts.map(({ q }) => q.orderBy('at').limit(limit).execute())),
        Promise.all(dueParts.map(({ q }) => count(q))),
        Promise.all(dueParts.map(({ q, col }) => count(q.where(sql<SqlBool>`${sql.ref(col)} < ${now}`)))),
      ]);
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
      const followUps = {
        count: dueCount.reduce((a, b) => a + b, 0),
        overdue: overdueCount.reduce((a, b) => a + b, 0),
        items: dueItems
          .flat()
          .map(asRecord)
          .sort((a, b) => a.at - b.at)
          .slice(0, limit),
      };

      // 待首次联系: leads with an owner and no follow-up yet, by deadline.
      const first = can(actor, 'lead', 'read')
        ? db
            .selectFrom('leads as l')
            .leftJoin('users as u', 'u.id', 'l.ownerId')
            .select([
              sql<string>`'lead'`.as('object'),
              'l.id',
              'l.name',
              'l.ownerId',
              'u.name as ownerName',
              'l.slaDueAt as at',
              sql<string | null>`null`.as('detail'),
            ])
            .where('l.orgId', '=', actor.orgId)
            .where('l.deletedAt', 'is', null)
            .where('l.ownerId', 'is not', null)
            .where('l.status', 'in', openLead)
            .where('l.firstFollowUpAt', 'is', null)
            .where('l.slaDueAt', 'is not', null)
            .where(whose('lead', 'l.owner_id'))
        : null;
      const firstContact = first
        ? {
            count: await count(first),
            items: (await first.orderBy('at').limit(limit).execute()).map(asRecord),
          }
        : { count: 0, items: [] };

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
        count: await count(tasks),
        items: await tasks.orderBy('i.submittedAt').limit(limit).execute(),
      };

      // 停滞商机: open deals longer in their stage than it allows.
      const stuck = can(actor, 'opportunity', 'read')
        ? db
            .selectFrom('opportunities as o')
            .innerJoin('pipelineStages as st', 'st.id', 'o.stageId')
            .leftJoin('users as u', 'u.id', 'o.ownerId')
            .select([
              sql<string>`'opportunity'`.as('object'),
              'o.id',
              'o.name',
              'o.ownerId',
              'u.name as ownerName',
              'o.stageEnteredAt as at',
              'st.name as detail',
            ])
            .where('o.orgId', '=', actor.orgId)
            .where('o.deletedAt', 'is', null)
            .where('o.status', '=', 'open')
            .where(
              sql<SqlBool>`st.stalled_days is not null and o.stage_entered_at < ${now} - st.stalled_days * cast(${day} as bigint)`,
            )
            .where(whose('opportunity', 'o.owner_id'))
        : null;
      const stalled = stuck
        ? {
            count: await count(stuck),
            items: (await stuck.orderBy('at').limit(limit).execute()).map(asRecord),
          }
        : { count: 0, items: [] };

      return { followUps, firstContact, recycleSoon, approvals, stalled };
    },
  );
}
