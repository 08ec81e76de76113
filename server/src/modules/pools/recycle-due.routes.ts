import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, maskFields, scopeFilter } from '../../platform/access/index.js';
import type { AppContext } from '../../platform/context.js';
import { commonErrors } from '../../platform/http/schemas.js';
import {
  type CustomerRow,
  present as presentCustomer,
  selectCustomers,
} from '../customers/customers.repo.js';
import { customer } from '../customers/customers.schema.js';
import { type LeadRow, present as presentLead, selectLeads } from '../leads/leads.repo.js';
import { lead } from '../leads/leads.schema.js';
import type { PoolObject } from './poolable.js';
import { dealColumns, dueAt, dueCondition, liveRules, ruleObject } from './recycle.js';

const day = 86_400_000;
const shown = 200;

type DueRow = {
  id: string;
  ownerId: string | null;
  lastFollowUpAt: number | null;
  ownedSince: number | null;
  createdAt: number;
  status: string;
  openDeals?: number | string | null;
  lastDealAt?: number | string | null;
};

/** The records of one pooled object as its list endpoints read and present them. */
export type DueSpec<Row extends DueRow> = {
  object: PoolObject;
  /** `/customers`, `/leads` */
  path: string;
  /** The record's response schema and the key it is returned under (`customer`, `lead`). */
  key: string;
  record: z.ZodType;
  /** Live records of the org, aliased `as`. */
  // biome-ignore lint/suspicious/noExplicitAny: the table and alias differ per object
  select: (db: AppContext['db'], orgId: string) => SelectQueryBuilder<DB, any, Row>;
  as: string;
  present: (row: Row) => Record<string, unknown>;
  /** Customers: read their deals too (rules may count days without one). */
  withDeals?: boolean;
};

/**
 * The caller's visible records (all of them, or one owner's) that enabled recycle rules will return
 * to a pool within the rules' warning days (at least a day), soonest first, each with its earliest rule.
 */
export async function soonDue<Row extends DueRow>(
  db: AppContext['db'],
  actor: Actor,
  spec: DueSpec<Row>,
  o: { now: number; ownerId?: string },
) {
  const { object, as } = spec;
  const rules = (await liveRules(db, actor.orgId).where('r.enabled', '=', 1).execute()).filter(
    (r) => ruleObject(r) === object,
  );
  const soonest = new Map<string, { dueAt: number; rule: (typeof rules)[number]; row: Row }>();
  for (const rule of rules) {
    let q = spec
      .select(db, actor.orgId)
      .where(scopeFilter(actor, object, `${as}.owner_id`))
      .where(dueCondition(rule, o.now + Math.max(rule.warnDays, 1) * day, as));
    if (o.ownerId) q = q.where(sql<SqlBool>`${sql.ref(`${as}.owner_id`)} = ${o.ownerId}`);
    if (spec.withDeals && rule.noDealDays !== null) {
      const deals = dealColumns(as);
      q = q.select([sql`${deals.openDeals}`.as('openDeals'), sql`${deals.lastDealAt}`.as('lastDealAt')]);
    }
    for (const row of (await q.limit(shown).execute()) as Row[]) {
      const at = dueAt(rule, row);
      const prev = soonest.get(row.id);
      if (!prev || at < prev.dueAt) soonest.set(row.id, { dueAt: at, rule, row });
    }
  }
  return [...soonest.values()].sort((a, b) => a.dueAt - b.dueAt).slice(0, shown);
}

// 即将回收: the caller's visible records that recycle rules will return to a pool within the rules'
// warning days (at least a day), soonest first.
export function registerRecycleDueRoute<Row extends DueRow>(
  app: FastifyInstance,
  ctx: AppContext,
  spec: DueSpec<Row>,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;
  const { object } = spec;

  api.get(
    `${spec.path}/recycle-due`,
    {
      config: { access: { object, action: 'read' } },
      schema: {
        tags: ['pools'],
        summary: `即将回收: ${object}s the recycle rules will return to a pool within their warning days`,
        querystring: z.strictObject({ ownerId: z.uuid().optional() }),
        response: {
          200: z.object({
            data: z.array(
              z.object({
                [spec.key]: spec.record,
                dueAt: z.number(),
                rule: z.object({ id: z.string(), name: z.string(), poolName: z.string() }),
              }),
            ),
          }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const soonest = await soonDue(db, actor, spec, { now: clock.now(), ownerId: req.query.ownerId });
      const data = soonest.map((s) => ({
        [spec.key]: maskFields(actor, object, spec.present(s.row), s.row.ownerId),
        dueAt: s.dueAt,
        rule: { id: s.rule.id, name: s.rule.name, poolName: s.rule.poolName },
      }));
      return { data } as never;
    },
  );
}

/** How customers (公海) and leads (线索池) are read for 即将回收. */
export const customersDue: DueSpec<CustomerRow> = {
  object: 'customer',
  path: '/customers',
  key: 'customer',
  record: customer,
  select: selectCustomers,
  as: 'c',
  present: presentCustomer,
  withDeals: true,
};
export const leadsDue: DueSpec<LeadRow> = {
  object: 'lead',
  path: '/leads',
  key: 'lead',
  record: lead,
  select: selectLeads,
  as: 'l',
  present: presentLead,
};

/** 即将回收 of customers (公海) and leads (线索池). */
export function registerRecycleDueRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRecycleDueRoute(app, ctx, customersDue);
  registerRecycleDueRoute(app, ctx, leadsDue);
}
