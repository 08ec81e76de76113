import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, can } from '../../platform/access/index.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { changeMeta, commonErrors, idParams, problem } from '../../platform/http/schemas.js';
import { ifMatchVersion } from '../../platform/http/versioning.js';
import { customFieldDefs, present, selectDefs } from './custom-fields.repo.js';
import {
  createBody,
  customFieldDef,
  listQuery,
  objectParam,
  reorderBody,
  updateBody,
} from './custom-fields.schema.js';
import { createDef, reorder, setActive, updateDef } from './custom-fields.service.js';
import { suggestKey } from './key-suggestion.js';

export function registerCustomFieldRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;
  const load = async (actor: Actor, id: string) => {
    const row = await selectDefs(db, actor.orgId).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound();
    return present(row);
  };
  const errors = { ...commonErrors, 409: problem };

  api.get(
    '/custom-fields',
    {
      // Forms and lists need the definitions: whoever may read the object may read its fields.
      config: { access: 'authenticated' },
      schema: {
        tags: ['custom-fields'],
        summary: 'Custom fields of an object, in form order (archived ones too, with active: false)',
        querystring: listQuery,
        response: { 200: z.object({ data: z.array(customFieldDef) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { object } = req.query;
      if (!can(actor, 'custom_field', 'read') && !can(actor, object, 'read'))
        throw new AppError(403, 'forbidden');
      return { data: await customFieldDefs(db, actor.orgId, object) };
    },
  );

  api.get(
    '/custom-fields/key-suggestion',
    {
      config: { access: { object: 'custom_field', action: 'create' } },
      schema: {
        tags: ['custom-fields'],
        summary: 'A free key for a new field from its label (pinyin for Chinese labels)',
        querystring: z.strictObject({ object: objectParam, label: z.string().trim().min(1).max(50) }),
        response: { 200: z.object({ key: z.string() }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const taken = new Set((await customFieldDefs(db, actor.orgId, req.query.object)).map((d) => d.key));
      return { key: suggestKey(req.query.label, taken) };
    },
  );

  api.get(
    '/custom-fields/:id',
    {
      config: { access: { object: 'custom_field', action: 'read' } },
      schema: {
        tags: ['custom-fields'],
        params: idParams,
        response: { 200: customFieldDef, ...commonErrors },
      },
    },
    async (req) => load(req.actor as Actor, req.params.id),
  );

  api.post(
    '/custom-fields',
    {
      config: { access: { object: 'custom_field', action: 'create' } },
      schema: {
        tags: ['custom-fields'],
        summary: 'Define a custom field (the key is permanent: it names the value in the API)',
        body: createBody,
        response: { 201: customFieldDef, ...errors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const id = await db
        .transaction()
        .execute((tx) => createDef(tx, actor, req.body, changeMeta(req, clock.now())));
      return reply.status(201).send(await load(actor, id));
    },
  );

  api.patch(
    '/custom-fields/:id',
    {
      config: { access: { object: 'custom_field', action: 'update' } },
      schema: {
        tags: ['custom-fields'],
        summary: 'Change a custom field (not its key; not its type once records hold values)',
        params: idParams,
        body: updateBody,
        response: { 200: customFieldDef, ...errors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      await db
        .transaction()
        .execute((tx) =>
          updateDef(tx, actor, req.params.id, req.body, { ...changeMeta(req, clock.now()), version }),
        );
      return load(actor, req.params.id);
    },
  );

  for (const [verb, active] of [
    ['archive', false],
    ['restore', true],
  ] as const) {
    api.post(
      `/custom-fields/:id/${verb}`,
      {
        config: { access: { object: 'custom_field', action: 'update' } },
        schema: {
          tags: ['custom-fields'],
          summary: active
            ? 'Restore an archived field to forms and input'
            : 'Archive a field: values are kept, the field leaves forms, lists and input',
          params: idParams,
          response: { 200: customFieldDef, ...errors },
        },
      },
      async (req) => {
        const actor = req.actor as Actor;
        const version = ifMatchVersion(req);
        await db
          .transaction()
          .execute((tx) =>
            setActive(tx, actor, req.params.id, active, { ...changeMeta(req, clock.now()), version }),
          );
        return load(actor, req.params.id);
      },
    );
  }

  api.post(
    '/custom-fields/reorder',
    {
      config: { access: { object: 'custom_field', action: 'update' } },
      schema: {
        tags: ['custom-fields'],
        summary: 'Put the fields of an object in a new form order',
        body: reorderBody,
        response: { 200: z.object({ data: z.array(customFieldDef) }), ...errors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { object, ids } = req.body;
      await db.transaction().execute((tx) => reorder(tx, actor, object, ids, changeMeta(req, clock.now())));
      return { data: await customFieldDefs(db, actor.orgId, object) };
    },
  );
}
