import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, can } from '../../platform/access/index.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { commonErrors, idParams } from '../../platform/http/schemas.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { listFilters } from '../customers/customers.schema.js';
import { listFilters as dealFilters } from '../opportunities/opportunities.schema.js';

/** Objects whose lists can be saved, with the schema their filters must pass (the list's own). */
const viewable: Record<string, z.ZodType> = { customer: listFilters, opportunity: dealFilters };
const object = z.enum(['customer', 'opportunity']);

const state = z.strictObject({
  /** The list's query parameters (as the list endpoint takes them, e.g. { level: "A", "cf.employees": "lt50" }). */
  filters: z.record(z.string().max(60), z.union([z.string().max(200), z.number()])).default({}),
  sort: z.string().max(40).optional(),
  /** Extra columns shown (e.g. custom fields `cf.<key>`). */
  columns: z.array(z.string().max(60)).max(50).optional(),
});

const body = z.strictObject({
  object,
  name: z.string().trim().min(1).max(40),
  state,
  /** Visible to everyone in the org who may read the object (only the owner changes it). */
  shared: z.boolean().default(false),
});
const patchBody = z
  .strictObject({ name: z.string().trim().min(1).max(40), state, shared: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');

const view = z.object({
  id: z.string(),
  object: z.string(),
  name: z.string(),
  state,
  shared: z.boolean(),
  mine: z.boolean(),
  ownerName: z.string(),
  version: z.number(),
});

// 我的视图 for lists: save the current filters under a name, share them, pick them again.
export function registerSavedViewRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const rows = (actor: Actor) =>
    db
      .selectFrom('savedViews as v')
      .innerJoin('users as u', 'u.id', 'v.userId')
      .selectAll('v')
      .select('u.name as ownerName')
      .where('v.orgId', '=', actor.orgId)
      .where((eb) => eb.or([eb('v.userId', '=', actor.userId), eb('v.shared', '=', 1)]));
  type Row = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;
  const present = (actor: Actor, r: Row) => ({
    id: r.id,
    object: r.object,
    name: r.name,
    state: JSON.parse(r.state) as z.infer<typeof state>,
    shared: r.shared === 1,
    mine: r.userId === actor.userId,
    ownerName: r.ownerName,
    version: r.version,
  });
  /** The filters must be ones the list accepts; a view never widens what the list would show. */
  const check = (o: string, s: z.infer<typeof state>) => {
    const parsed = viewable[o]!.safeParse({ ...s.filters, ...(s.sort ? { sort: s.sort } : {}) });
    if (!parsed.success) throw invalid([{ path: 'body.state.filters', code: 'invalid_format' }]);
  };
  const mineOnly = async (actor: Actor, id: string) => {
    const r = await rows(actor).where('v.id', '=', id).executeTakeFirst();
    if (!r || !can(actor, r.object, 'read')) throw notFound();
    if (r.userId !== actor.userId && !actor.isAdmin) throw forbidden();
    return r;
  };

  api.get(
    '/saved-views',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['views'],
        summary: 'My saved views of a list, and those shared with the org',
        querystring: z.strictObject({ object }),
        response: { 200: z.object({ data: z.array(view) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      if (!can(actor, req.query.object, 'read')) throw forbidden();
      const list = await rows(actor)
        .where('v.object', '=', req.query.object)
        .orderBy('v.shared')
        .orderBy('v.name')
        .execute();
      return { data: list.map((r) => present(actor, r)) };
    },
  );

  api.post(
    '/saved-views',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['views'], body, response: { 201: view, ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const b = req.body;
      if (!can(actor, b.object, 'read')) throw forbidden();
      check(b.object, b.state);
      const taken = await db
        .selectFrom('savedViews')
        .select('id')
        .where('orgId', '=', actor.orgId)
        .where('userId', '=', actor.userId)
        .where('object', '=', b.object)
        .where('name', '=', b.name)
        .executeTakeFirst();
      if (taken) throw new AppError(409, 'view_name_taken');
      const count = await db
        .selectFrom('savedViews')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('orgId', '=', actor.orgId)
        .where('userId', '=', actor.userId)
        .executeTakeFirst();
      if (Number(count?.n ?? 0) >= 50) throw new AppError(422, 'too_many_views', { max: 50 });
      const now = clock.now();
      const id = newId();
      await db
        .insertInto('savedViews')
        .values({
          id,
          orgId: actor.orgId,
          userId: actor.userId,
          object: b.object,
          name: b.name,
          state: JSON.stringify(b.state),
          shared: b.shared ? 1 : 0,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      return reply
        .status(201)
        .send(present(actor, await rows(actor).where('v.id', '=', id).executeTakeFirstOrThrow()));
    },
  );

  api.patch(
    '/saved-views/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['views'],
        params: idParams,
        body: patchBody,
        response: { 200: view, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const before = await mineOnly(actor, req.params.id);
      assertVersion(before, version, (r) => present(actor, r));
      if (req.body.state) check(before.object, req.body.state);
      const res = await db
        .updateTable('savedViews')
        .set({
          ...(req.body.name !== undefined ? { name: req.body.name } : {}),
          ...(req.body.state ? { state: JSON.stringify(req.body.state) } : {}),
          ...(req.body.shared !== undefined ? { shared: req.body.shared ? 1 : 0 } : {}),
          updatedAt: clock.now(),
          version: before.version + 1,
        })
        .where('id', '=', before.id)
        .where('version', '=', before.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
      return present(actor, await rows(actor).where('v.id', '=', before.id).executeTakeFirstOrThrow());
    },
  );

  api.delete(
    '/saved-views/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['views'], params: idParams, response: { 204: z.null(), ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const before = await mineOnly(actor, req.params.id);
      await db.deleteFrom('savedViews').where('id', '=', before.id).execute();
      return reply.status(204).send(null);
    },
  );
}
