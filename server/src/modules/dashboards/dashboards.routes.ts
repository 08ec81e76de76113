import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, type FieldError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { localeOf } from '../../platform/http/problem.js';
import { changeMeta, commonErrors, idParams } from '../../platform/http/schemas.js';
import { softDelete } from '../../platform/http/soft-delete.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { builtinRoles } from '../org/builtin-roles.js';
import { orgFilterErrors } from '../org/filter-errors.js';
import { builtinDashboards } from './builtin.js';
import { type DashboardFilters, dashboardFilters, type Widget, widget, widgetErrors } from './widgets.js';

const roleKeys = z.array(z.string().min(1).max(60)).max(30);
const dashboardBody = z.strictObject({
  name: z.string().trim().min(1).max(40),
  widgets: z.array(widget).min(1).max(24),
  filters: dashboardFilters.default({ period: 'this_month' }),
  /** Roles whose members may open it (its owner always may). */
  sharedRoles: roleKeys.default([]),
  /** The org's dashboard (kept by administrators) rather than the caller's own. */
  org: z.boolean().default(false),
  /** Roles that open it first on 业绩 (an org dashboard only). */
  defaultFor: roleKeys.default([]),
});
type Body = z.infer<typeof dashboardBody>;

const dashboard = z.object({
  id: z.string(),
  name: z.string(),
  /** One of the org's starting dashboards (executive, manager, rep). */
  builtinKey: z.string().nullable(),
  org: z.boolean(),
  ownerName: z.string().nullable(),
  mine: z.boolean(),
  /** The caller may change or delete it (their own; the org's for an administrator). */
  editable: z.boolean(),
  /** What 业绩 opens for the caller. */
  isDefault: z.boolean(),
  widgets: z.array(widget),
  filters: dashboardFilters,
  sharedRoles: z.array(z.string()),
  defaultFor: z.array(z.string()),
  updatedAt: z.number(),
  version: z.number(),
});
type Dashboard = z.infer<typeof dashboard>;

type Row = DB['dashboards'] & { ownerName: string | null };

/** Roles in the order their default wins when a user has several (built-in ones first). */
const rolePrecedence = builtinRoles.map((r) => r.key as string);
const precedence = (key: string) => {
  const i = rolePrecedence.indexOf(key);
  return i < 0 ? rolePrecedence.length : i;
};

// 仪表盘: the grids of widgets 业绩 shows. Only the layout lives here; the figures come from the metric
// query, the forecast and the insights, each in the reader's own data scope.
export function registerDashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  /** The dashboards the actor may open: their own, the ones shared with a role of theirs, the org's for their roles. */
  const visible = async (q: Kysely<DB>, actor: Actor, id?: string): Promise<Row[]> => {
    let query = q
      .selectFrom('dashboards as d')
      .leftJoin('users as u', 'u.id', 'd.ownerId')
      .selectAll('d')
      .select('u.name as ownerName')
      .where('d.orgId', '=', actor.orgId)
      .where('d.deletedAt', 'is', null)
      .where((eb) =>
        eb.or([
          eb('d.ownerId', '=', actor.userId),
          eb('d.ownerId', 'is', null),
          eb('d.sharedRoles', '<>', '[]'),
        ]),
      );
    if (id) query = query.where('d.id', '=', id);
    const rows = await query.orderBy('d.createdAt').orderBy('d.id').execute();
    const mine = (keys: string) => (JSON.parse(keys) as string[]).some((k) => actor.roleKeys.includes(k));
    return rows.filter(
      (r) =>
        r.ownerId === actor.userId ||
        mine(r.sharedRoles) ||
        (r.ownerId === null && (actor.isAdmin || mine(r.defaultFor))),
    );
  };
  const find = async (q: Kysely<DB>, actor: Actor, id: string) => (await visible(q, actor, id))[0];

  const editable = (actor: Actor, r: Row) =>
    r.ownerId === null ? actor.isAdmin : r.ownerId === actor.userId;
  /**
   * The org dashboard a user's roles open first (their highest role's). Of two for the same role the
   * newer wins (rows come oldest first): one an administrator makes for a role replaces the built-in.
   */
  const defaultOf = (actor: Actor, rows: Row[]) => {
    let best: { id: string; rank: number } | null = null;
    for (const r of rows) {
      if (r.ownerId !== null) continue;
      for (const k of JSON.parse(r.defaultFor) as string[]) {
        if (!actor.roleKeys.includes(k)) continue;
        const rank = precedence(k);
        if (!best || rank <= best.rank) best = { id: r.id, rank };
      }
    }
    return best?.id ?? rows.find((r) => r.ownerId === null)?.id ?? rows[0]?.id ?? null;
  };
  const present = (req: FastifyRequest, r: Row, defaultId: string | null): Dashboard => {
    const actor = req.actor as Actor;
    return {
      id: r.id,
      name: r.name ?? builtinDashboards[r.builtinKey ?? '']?.name[localeOf(req)] ?? '—',
      builtinKey: r.builtinKey,
      org: r.ownerId === null,
      ownerName: r.ownerId === null ? null : r.ownerName,
      mine: r.ownerId === actor.userId,
      editable: editable(actor, r),
      isDefault: r.id === defaultId,
      widgets: JSON.parse(r.widgets) as Widget[],
      filters: dashboardFilters.parse(JSON.parse(r.filters)),
      sharedRoles: JSON.parse(r.sharedRoles) as string[],
      defaultFor: JSON.parse(r.defaultFor) as string[],
      updatedAt: Number(r.updatedAt),
      version: r.version,
    };
  };
  const presentOne = async (req: FastifyRequest, r: Row) => {
    const actor = req.actor as Actor;
    return present(req, r, defaultOf(actor, await visible(db, actor)));
  };

  /**
   * What the schema cannot say: the widgets' metrics, the roles, department and pipeline of this org.
   * Read through `q`: inside a transaction its own (SQLite has one connection; another would wait forever).
   */
  const assertSound = async (q: Kysely<DB>, actor: Actor, b: Body) => {
    const errors: FieldError[] = widgetErrors(b.widgets);
    if (b.org && !actor.isAdmin) errors.push({ path: 'body.org', code: 'dashboard_org_admin_only' });
    if (!b.org && b.defaultFor.length)
      errors.push({ path: 'body.defaultFor', code: 'dashboard_default_needs_org' });
    const keys = [...new Set([...b.sharedRoles, ...b.defaultFor])];
    const known = new Set(
      keys.length
        ? (
            await q
              .selectFrom('roles')
              .select('key')
              .where('orgId', '=', actor.orgId)
              .where('key', 'in', keys)
              .execute()
          ).map((r) => r.key)
        : [],
    );
    for (const field of ['sharedRoles', 'defaultFor'] as const)
      b[field].forEach((k, i) => {
        if (!known.has(k)) errors.push({ path: `body.${field}.${i}`, code: 'not_found' });
      });
    errors.push(...(await orgFilterErrors(q, actor.orgId, b.filters, 'body.filters')));
    if (errors.length) throw invalid(errors);
  };
  const columns = (b: Body, name: string | null) => ({
    name,
    widgets: JSON.stringify(b.widgets),
    filters: JSON.stringify(b.filters satisfies DashboardFilters),
    sharedRoles: JSON.stringify([...new Set(b.sharedRoles)]),
    defaultFor: JSON.stringify([...new Set(b.defaultFor)]),
  });

  api.get(
    '/dashboards',
    {
      config: { access: { object: 'dashboard', action: 'read' } },
      schema: {
        tags: ['dashboards'],
        summary: 'The dashboards the caller may open, the one 业绩 opens first marked',
        description:
          'The caller’s own, those shared with one of their roles, and the org’s for their roles (all of the org’s for an administrator). `isDefault` marks the org dashboard of their highest role (administrator, sales manager, sales rep, then the rest).',
        response: {
          200: z.object({
            data: z.array(dashboard),
            /** The org's roles, to share a dashboard with. */
            roles: z.array(z.object({ key: z.string(), name: z.string() })),
          }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const rows = await visible(db, actor);
      const defaultId = defaultOf(actor, rows);
      const roles = await db
        .selectFrom('roles')
        .select(['key', 'name'])
        .where('orgId', '=', actor.orgId)
        .orderBy('builtin', 'desc')
        .orderBy('createdAt')
        .orderBy('key')
        .execute();
      return { data: rows.map((r) => present(req, r, defaultId)), roles };
    },
  );

  api.get(
    '/dashboards/:id',
    {
      config: { access: { object: 'dashboard', action: 'read' } },
      schema: {
        tags: ['dashboards'],
        summary: 'One dashboard',
        params: idParams,
        response: { 200: dashboard, ...commonErrors },
      },
    },
    async (req) => {
      const r = await find(db, req.actor as Actor, req.params.id);
      if (!r) throw notFound();
      return presentOne(req, r);
    },
  );

  api.post(
    '/dashboards',
    {
      config: { access: { object: 'dashboard', action: 'create' } },
      schema: {
        tags: ['dashboards'],
        summary: 'Make a dashboard (the caller’s own, or the org’s for an administrator)',
        description:
          'Widgets must name metrics of the registry that can be shown as asked (a gauge a targetable metric, a trend one by period, bars the dimensions the metric has); roles, department and pipeline must be the org’s (422 otherwise). Only an org dashboard can be a role’s default.',
        body: dashboardBody,
        response: { 201: dashboard, ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const b = req.body;
      await assertSound(db, actor, b);
      const now = clock.now();
      const id = newId();
      const values = {
        id,
        orgId: actor.orgId,
        ownerId: b.org ? null : actor.userId,
        builtinKey: null,
        ...columns(b, b.name),
        createdAt: now,
        updatedAt: now,
        updatedBy: actor.userId,
        version: 1,
        deletedAt: null,
      };
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('dashboards').values(values).execute();
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'dashboard',
          recordId: id,
          action: 'create',
          after: values,
        });
      });
      return reply.status(201).send(await presentOne(req, (await find(db, actor, id))!));
    },
  );

  api.put(
    '/dashboards/:id',
    {
      config: { access: { object: 'dashboard', action: 'update' } },
      schema: {
        tags: ['dashboards'],
        summary: 'Change a dashboard (If-Match: its version)',
        description:
          'The caller’s own, or the org’s for an administrator (403 otherwise); `org` cannot change. A starting dashboard keeps its name in each reader’s language until it is renamed.',
        params: idParams,
        body: dashboardBody,
        response: { 200: dashboard, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const b = req.body;
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await find(tx, actor, req.params.id);
        if (!before) throw notFound();
        if (!editable(actor, before)) throw forbidden();
        assertVersion(before, version, (r) => present(req, r, null));
        if (b.org !== (before.ownerId === null))
          throw invalid([{ path: 'body.org', code: 'dashboard_org_fixed' }]);
        await assertSound(tx, actor, b);
        // A starting dashboard's name stays translated while it is the one it was given (or is given
        // back after a rename).
        const builtinName = before.builtinKey ? builtinDashboards[before.builtinKey]?.name : undefined;
        const unchanged = builtinName && Object.values(builtinName).includes(b.name);
        const changes = {
          ...columns(b, unchanged ? null : b.name),
          updatedAt: now,
          updatedBy: actor.userId,
          version: before.version + 1,
        };
        // Only at the version read: a change committed meanwhile makes this one stale (412), not lost.
        const res = await tx
          .updateTable('dashboards')
          .set(changes)
          .where('id', '=', before.id)
          .where('version', '=', before.version)
          .where('deletedAt', 'is', null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'dashboard',
          recordId: before.id,
          action: 'update',
          before: { ...before },
          after: { ...before, ...changes },
        });
      });
      return presentOne(req, (await find(db, actor, req.params.id))!);
    },
  );

  api.delete(
    '/dashboards/:id',
    {
      config: { access: { object: 'dashboard', action: 'delete' } },
      schema: {
        tags: ['dashboards'],
        summary: 'Delete a dashboard (If-Match: its version)',
        params: idParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      await softDelete(db, req, {
        table: 'dashboards',
        object: 'dashboard',
        find: (tx) => find(tx, actor, req.params.id),
        present: (r) => present(req, r, null),
        now: clock.now(),
        refuse: async (_tx, r) => {
          if (!editable(actor, r)) throw forbidden();
        },
      });
      return reply.status(204).send(null);
    },
  );
}
