import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Kysely, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { changeMeta, commonErrors, idParams } from '../../platform/http/schemas.js';
import { softDelete } from '../../platform/http/soft-delete.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { pinyinKeys } from '../../platform/normalize/index.js';
import {
  createScriptBody,
  listScriptsQuery,
  ratingBody,
  script,
  updateScriptBody,
} from './scripts.schema.js';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// 话术库: scripts by scenario, objection and stage — searched by words or pinyin, shown on a deal for
// its stage, copied (which counts a use) and rated by reps.
export function registerScriptRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const rows = (q: Kysely<DB>, actor: Actor) =>
    q
      .selectFrom('scripts as s')
      .leftJoin('users as u', 'u.id', 's.createdBy')
      .leftJoin('scriptRatings as r', (j) =>
        j.onRef('r.scriptId', '=', 's.id').on('r.userId', '=', actor.userId),
      )
      .selectAll('s')
      .select(['u.name as createdByName', 'r.stars as myRating'])
      .where('s.orgId', '=', actor.orgId)
      .where('s.deletedAt', 'is', null);
  type Row = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;
  const present = (r: Row): z.infer<typeof script> => ({
    id: r.id,
    title: r.title,
    scenario: r.scenario,
    objection: r.objection,
    stageIds: JSON.parse(r.stageIds) as string[],
    tags: JSON.parse(r.tags) as string[],
    content: r.content,
    useCount: r.useCount,
    rating: r.ratingCount ? Math.round((r.ratingSum / r.ratingCount) * 10) / 10 : null,
    ratingCount: r.ratingCount,
    myRating: r.myRating ?? null,
    createdByName: r.createdByName,
    updatedAt: r.updatedAt,
    version: r.version,
  });
  const load = async (actor: Actor, id: string) => {
    const r = await rows(db, actor).where('s.id', '=', id).executeTakeFirst();
    if (!r) throw notFound();
    return present(r);
  };
  /** Stages a script names must be the org's. */
  const assertStages = async (orgId: string, ids: string[] | undefined) => {
    if (!ids?.length) return;
    const found = new Set(
      (
        await db
          .selectFrom('pipelineStages')
          .select('id')
          .where('orgId', '=', orgId)
          .where('deletedAt', 'is', null)
          .where('id', 'in', ids)
          .execute()
      ).map((s) => s.id),
    );
    const errors = ids.flatMap((id, i) =>
      found.has(id) ? [] : [{ path: `body.stageIds.${i}`, code: 'not_found' }],
    );
    if (errors.length) throw invalid(errors);
  };
  const columns = (b: { title?: string; stageIds?: string[]; tags?: string[] }) => ({
    ...(b.title !== undefined && {
      titlePinyin: pinyinKeys(b.title).full,
      titleInitials: pinyinKeys(b.title).initials,
    }),
    ...(b.stageIds !== undefined && { stageIds: JSON.stringify([...new Set(b.stageIds)]) }),
    ...(b.tags !== undefined && { tags: JSON.stringify([...new Set(b.tags)]) }),
  });

  api.get(
    '/scripts',
    {
      config: { access: { object: 'script', action: 'read' } },
      schema: {
        tags: ['scripts'],
        summary: '话术库: search by words or pinyin; filter by stage, scenario or tag',
        querystring: listScriptsQuery,
        response: { 200: z.object({ data: z.array(script) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const f = req.query;
      let q = rows(db, actor);
      if (f.q) {
        const like = `%${escapeLike(f.q)}%`;
        const prefix = `${escapeLike(f.q.toLowerCase())}%`;
        q = q.where(
          sql<SqlBool>`(s.title like ${like} escape '\\' or s.content like ${like} escape '\\'
            or s.objection like ${like} escape '\\' or s.scenario like ${like} escape '\\'
            or s.title_pinyin like ${prefix} escape '\\' or s.title_initials like ${prefix} escape '\\')`,
        );
      }
      // Stage ids are uuids: their quoted form cannot occur inside another value.
      if (f.stageId)
        q = q.where(sql<SqlBool>`(s.stage_ids = '[]' or s.stage_ids like ${`%"${f.stageId}"%`})`);
      if (f.scenario) q = q.where('s.scenario', '=', f.scenario);
      if (f.tag)
        q = q.where(sql<SqlBool>`s.tags like ${`%${escapeLike(JSON.stringify(f.tag))}%`} escape '\\'`);
      q =
        f.sort === '-rating'
          ? q.orderBy(
              sql`case when s.rating_count = 0 then 0 else s.rating_sum * 1.0 / s.rating_count end`,
              'desc',
            )
          : f.sort === '-updatedAt'
            ? q.orderBy('s.updatedAt', 'desc')
            : q.orderBy('s.useCount', 'desc');
      const data = await q.orderBy('s.id').limit(f.limit).execute();
      return { data: data.map(present) };
    },
  );

  api.get(
    '/scripts/:id',
    {
      config: { access: { object: 'script', action: 'read' } },
      schema: { tags: ['scripts'], params: idParams, response: { 200: script, ...commonErrors } },
    },
    async (req) => load(req.actor as Actor, req.params.id),
  );

  api.post(
    '/scripts',
    {
      config: { access: { object: 'script', action: 'create' } },
      schema: { tags: ['scripts'], body: createScriptBody, response: { 201: script, ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const b = req.body;
      await assertStages(actor.orgId, b.stageIds);
      const now = clock.now();
      const row = {
        id: newId(),
        orgId: actor.orgId,
        title: b.title,
        scenario: b.scenario,
        objection: b.objection ?? null,
        content: b.content,
        titlePinyin: '',
        titleInitials: '',
        stageIds: '[]',
        tags: '[]',
        ...columns(b),
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
        version: 1,
        deletedAt: null,
      };
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('scripts').values(row).execute();
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'script',
          recordId: row.id,
          action: 'create',
          after: row,
        });
      });
      return reply.status(201).send(await load(actor, row.id));
    },
  );

  api.patch(
    '/scripts/:id',
    {
      config: { access: { object: 'script', action: 'update' } },
      schema: {
        tags: ['scripts'],
        params: idParams,
        body: updateScriptBody,
        response: { 200: script, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const b = req.body;
      await assertStages(actor.orgId, b.stageIds);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await rows(tx, actor).where('s.id', '=', req.params.id).executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, present);
        const { stageIds: _s, tags: _t, ...plain } = b;
        const set = { ...plain, ...columns(b), updatedAt: now, version: before.version + 1 };
        const res = await tx
          .updateTable('scripts')
          .set(set)
          .where('id', '=', before.id)
          .where('version', '=', before.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
        const { createdByName: _c, myRating: _m, ...was } = before;
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'script',
          recordId: before.id,
          action: 'update',
          before: was,
          after: { ...was, ...set },
        });
      });
      return load(actor, req.params.id);
    },
  );

  api.delete(
    '/scripts/:id',
    {
      config: { access: { object: 'script', action: 'delete' } },
      schema: { tags: ['scripts'], params: idParams, response: { 204: z.null(), ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      await softDelete(db, req, {
        table: 'scripts',
        object: 'script',
        find: (tx) => rows(tx, actor).where('s.id', '=', req.params.id).executeTakeFirst(),
        present,
        now: clock.now(),
      });
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/scripts/:id/use',
    {
      config: { access: { object: 'script', action: 'read' } },
      schema: {
        tags: ['scripts'],
        summary: 'Count one use (copied or shown to a customer)',
        params: idParams,
        response: { 200: script, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const res = await db
        .updateTable('scripts')
        .set((eb) => ({ useCount: eb('useCount', '+', 1) }))
        .where('orgId', '=', actor.orgId)
        .where('id', '=', req.params.id)
        .where('deletedAt', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw notFound();
      return load(actor, req.params.id);
    },
  );

  api.put(
    '/scripts/:id/rating',
    {
      config: { access: { object: 'script', action: 'read' } },
      schema: {
        tags: ['scripts'],
        summary: 'Rate a script 1–5 stars (once per person; rating again replaces it)',
        params: idParams,
        body: ratingBody,
        response: { 200: script, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const s = await tx
          .selectFrom('scripts')
          .select('id')
          .where('orgId', '=', actor.orgId)
          .where('id', '=', req.params.id)
          .where('deletedAt', 'is', null)
          .executeTakeFirst();
        if (!s) throw notFound();
        const before = await tx
          .selectFrom('scriptRatings')
          .select('stars')
          .where('scriptId', '=', s.id)
          .where('userId', '=', actor.userId)
          .executeTakeFirst();
        const stars = req.body.stars;
        if (before)
          await tx
            .updateTable('scriptRatings')
            .set({ stars, at: now })
            .where('scriptId', '=', s.id)
            .where('userId', '=', actor.userId)
            .execute();
        else
          await tx
            .insertInto('scriptRatings')
            .values({ orgId: actor.orgId, scriptId: s.id, userId: actor.userId, stars, at: now })
            .execute();
        // Increments on the row: two raters at once both count.
        await tx
          .updateTable('scripts')
          .set((eb) => ({
            ratingSum: eb('ratingSum', '+', stars - (before?.stars ?? 0)),
            ratingCount: eb('ratingCount', '+', before ? 0 : 1),
          }))
          .where('id', '=', s.id)
          .execute();
      });
      return load(actor, req.params.id);
    },
  );
}
