import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { changeMeta, commonErrors, idParams } from '../../platform/http/schemas.js';
import { softDelete } from '../../platform/http/soft-delete.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { hashSecret, intakeFields, type LeadSource, randomToken } from './intake.js';

// 线索来源: admins set up public web forms and inbound APIs; an API's secret is shown once.

const origin = z
  .string()
  .trim()
  .max(200)
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i, 'an origin: scheme://host[:port]');
const sourceFields = {
  name: z.string().trim().min(1).max(60),
  source: z.string().trim().max(50).nullable(),
  campaign: z.string().trim().max(100).nullable(),
  /** flag: keep the duplicate, marked (default); merge: fold it into the lead it matches. */
  onDuplicate: z.enum(['flag', 'merge']),
  /** The form's fields in order (name is always asked and required). */
  fields: z
    .array(z.strictObject({ key: z.enum(intakeFields), required: z.boolean() }))
    .max(intakeFields.length)
    .refine((f) => new Set(f.map((x) => x.key)).size === f.length, 'each field once'),
  /** Sites that may embed the form or post to it from the browser. */
  allowedOrigins: z.array(origin).max(20),
  thankYou: z.string().trim().max(500).nullable(),
  active: z.boolean(),
};
const createSourceBody = z.strictObject({
  kind: z.enum(['web_form', 'api']),
  ...sourceFields,
  source: sourceFields.source.default(null),
  campaign: sourceFields.campaign.default(null),
  onDuplicate: sourceFields.onDuplicate.default('flag'),
  fields: sourceFields.fields.default([
    { key: 'name', required: true },
    { key: 'company', required: false },
    { key: 'phone', required: true },
    { key: 'inquiry', required: false },
  ]),
  allowedOrigins: sourceFields.allowedOrigins.default([]),
  thankYou: sourceFields.thankYou.default(null),
  active: sourceFields.active.default(true),
});
const updateSourceBody = z
  .strictObject(sourceFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');
export const leadSource = z.object({
  id: z.string(),
  kind: z.enum(['web_form', 'api']),
  name: z.string(),
  /** In the hosted form's address: /f/<publicKey>. */
  publicKey: z.string(),
  source: z.string().nullable(),
  campaign: z.string().nullable(),
  onDuplicate: z.enum(['flag', 'merge']),
  fields: z.array(z.object({ key: z.string(), required: z.boolean() })),
  allowedOrigins: z.array(z.string()),
  thankYou: z.string().nullable(),
  /** Submissions the honeypot caught. */
  spamCount: z.number(),
  active: z.boolean(),
  createdAt: z.number(),
  version: z.number(),
});

export function presentSource(r: LeadSource) {
  return {
    id: r.id,
    kind: r.kind as 'web_form' | 'api',
    name: r.name,
    publicKey: r.publicKey,
    source: r.source,
    campaign: r.campaign,
    onDuplicate: r.onDuplicate as 'flag' | 'merge',
    fields: JSON.parse(r.fields) as { key: string; required: boolean }[],
    allowedOrigins: JSON.parse(r.allowedOrigins) as string[],
    thankYou: r.thankYou,
    spamCount: r.spamCount,
    active: r.active === 1,
    createdAt: r.createdAt,
    version: r.version,
  };
}

/** The name is always on the form, first and required. */
const withName = (fields: { key: string; required: boolean }[]) => [
  { key: 'name', required: true },
  ...fields.filter((f) => f.key !== 'name'),
];

export function registerLeadSourceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;
  const live = (orgId: string, q: Kysely<DB> = db) =>
    q.selectFrom('leadSources').selectAll().where('orgId', '=', orgId).where('deletedAt', 'is', null);

  api.get(
    '/lead-sources',
    {
      config: { access: { object: 'lead_rule', action: 'read' } },
      schema: {
        tags: ['leads'],
        summary: '线索来源: web forms and inbound APIs',
        response: { 200: z.object({ data: z.array(leadSource) }), ...commonErrors },
      },
    },
    async (req) => {
      const rows = await live((req.actor as Actor).orgId)
        .orderBy('createdAt')
        .execute();
      return { data: rows.map(presentSource) };
    },
  );

  api.post(
    '/lead-sources',
    {
      config: { access: { object: 'lead_rule', action: 'create' } },
      schema: {
        tags: ['leads'],
        summary: 'Set up a web form or an inbound API (its secret is in this answer only)',
        body: createSourceBody,
        response: { 201: leadSource.extend({ secret: z.string().nullable() }), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const b = req.body;
      const now = clock.now();
      const secret = b.kind === 'api' ? randomToken(32) : null;
      const row = {
        id: newId(),
        orgId: actor.orgId,
        kind: b.kind,
        name: b.name,
        publicKey: randomToken(12),
        secretHash: secret ? hashSecret(secret) : null,
        source: b.source,
        campaign: b.campaign,
        onDuplicate: b.onDuplicate,
        fields: JSON.stringify(withName(b.fields)),
        allowedOrigins: JSON.stringify([...new Set(b.allowedOrigins.map((o) => o.toLowerCase()))]),
        thankYou: b.thankYou,
        active: b.active ? 1 : 0,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('leadSources').values(row).execute();
        const { secretHash: _s, ...logged } = row;
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'lead_rule',
          recordId: row.id,
          action: 'create',
          after: logged,
        });
      });
      const created = await live(actor.orgId).where('id', '=', row.id).executeTakeFirstOrThrow();
      return reply.status(201).send({ ...presentSource(created), secret });
    },
  );

  api.post(
    '/lead-sources/:id/secret',
    {
      config: { access: { object: 'lead_rule', action: 'update' } },
      schema: {
        tags: ['leads'],
        summary: 'A new secret for an inbound API (the old one stops working)',
        params: idParams,
        response: { 200: z.object({ secret: z.string() }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const now = clock.now();
      const source = await live(actor.orgId).where('id', '=', req.params.id).executeTakeFirst();
      if (source?.kind !== 'api') throw notFound();
      const secret = randomToken(32);
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('leadSources')
          .set({ secretHash: hashSecret(secret), updatedAt: now, version: source.version + 1 })
          .where('id', '=', source.id)
          .execute();
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'lead_rule',
          recordId: source.id,
          action: 'rotate_secret',
        });
      });
      return { secret };
    },
  );

  api.patch(
    '/lead-sources/:id',
    {
      config: { access: { object: 'lead_rule', action: 'update' } },
      schema: {
        tags: ['leads'],
        params: idParams,
        body: updateSourceBody,
        response: { 200: leadSource, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      const b = req.body;
      await db.transaction().execute(async (tx) => {
        const before = await live(actor.orgId, tx).where('id', '=', req.params.id).executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, presentSource);
        const set = {
          ...(b.name !== undefined && { name: b.name }),
          ...(b.source !== undefined && { source: b.source }),
          ...(b.campaign !== undefined && { campaign: b.campaign }),
          ...(b.onDuplicate !== undefined && { onDuplicate: b.onDuplicate }),
          ...(b.fields !== undefined && { fields: JSON.stringify(withName(b.fields)) }),
          ...(b.allowedOrigins !== undefined && {
            allowedOrigins: JSON.stringify([...new Set(b.allowedOrigins.map((o) => o.toLowerCase()))]),
          }),
          ...(b.thankYou !== undefined && { thankYou: b.thankYou }),
          ...(b.active !== undefined && { active: b.active ? 1 : 0 }),
          updatedAt: now,
          version: before.version + 1,
        };
        const res = await tx
          .updateTable('leadSources')
          .set(set)
          .where('id', '=', before.id)
          .where('version', '=', before.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
        const { secretHash: _s, ...logged } = before;
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'lead_rule',
          recordId: before.id,
          action: 'update',
          before: logged,
          after: { ...logged, ...set },
        });
      });
      return presentSource(await live(actor.orgId).where('id', '=', req.params.id).executeTakeFirstOrThrow());
    },
  );

  api.delete(
    '/lead-sources/:id',
    {
      config: { access: { object: 'lead_rule', action: 'delete' } },
      schema: {
        tags: ['leads'],
        summary: 'Retire a source (its form and API stop taking leads)',
        params: idParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      await softDelete(db, req, {
        table: 'lead_sources',
        object: 'lead_rule',
        find: (tx) => live(actor.orgId, tx).where('id', '=', req.params.id).executeTakeFirst(),
        present: presentSource,
        now: clock.now(),
      });
      return reply.status(204).send(null);
    },
  );
}
