import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, actions, can } from '../access/index.js';
import { recordChange } from '../audit/record.js';
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { changeMeta, commonErrors, idParams, name } from '../http/schemas.js';
import { createApiKey } from './api-keys.js';

const apiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()).nullable(),
  createdAt: z.number(),
  expiresAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});
const scope = z.string().regex(new RegExp(`^[a-z_]+:(\\*|${actions.join('|')})$`));

/** A user's own API keys. A key acts as its user, limited further by its scopes. */
export function registerApiKeyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  api.get(
    '/api-keys',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        response: { 200: z.object({ data: z.array(apiKey), nextCursor: z.null() }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const rows = await db
        .selectFrom('apiKeys')
        .select(['id', 'name', 'prefix', 'scopes', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'])
        .where('orgId', '=', actor.orgId)
        .where('userId', '=', actor.userId)
        .orderBy('id', 'desc')
        .execute();
      return {
        data: rows.map((r) => ({ ...r, scopes: r.scopes ? (JSON.parse(r.scopes) as string[]) : null })),
        nextCursor: null,
      };
    },
  );

  api.post(
    '/api-keys',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Create an API key (the key is shown once)',
        body: z.strictObject({
          name,
          scopes: z.array(scope).min(1).max(100).nullable().optional(),
          expiresAt: z.number().int().positive().nullable().optional(),
        }),
        response: { 201: apiKey.extend({ key: z.string() }), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const b = req.body;
      const now = clock.now();
      // A key never holds more than its user: every scope must be a right the user has now.
      const excess = (b.scopes ?? []).filter((s) => {
        const [object = '', action = ''] = s.split(':');
        return action === '*'
          ? !actor.permissions[object]
          : !can(actor, object, action as (typeof actions)[number]);
      });
      if (excess.length)
        throw new AppError(
          422,
          'api_key_scope_exceeds',
          {},
          {
            errors: excess.map((s) => ({
              path: 'body.scopes',
              code: 'api_key_scope_exceeds',
              params: { scope: s },
            })),
          },
        );
      if (b.expiresAt && b.expiresAt <= now)
        throw new AppError(
          422,
          'validation_failed',
          {},
          { errors: [{ path: 'body.expiresAt', code: 'expires_in_past' }] },
        );
      const created = await db.transaction().execute(async (tx) => {
        const k = await createApiKey(tx, {
          orgId: actor.orgId,
          userId: actor.userId,
          name: b.name,
          scopes: b.scopes ?? null,
          expiresAt: b.expiresAt ?? null,
          now,
        });
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'api_key',
          recordId: k.id,
          action: 'create',
          after: { name: b.name, prefix: k.prefix, scopes: b.scopes ?? null, userId: actor.userId },
        });
        return k;
      });
      return reply.status(201).send({
        id: created.id,
        name: b.name,
        prefix: created.prefix,
        scopes: b.scopes ?? null,
        createdAt: now,
        expiresAt: b.expiresAt ?? null,
        lastUsedAt: null,
        revokedAt: null,
        key: created.key,
      });
    },
  );

  api.delete(
    '/api-keys/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API key',
        params: idParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const res = await tx
          .updateTable('apiKeys')
          .set({ revokedAt: now })
          .where('orgId', '=', actor.orgId)
          .where('userId', '=', actor.userId)
          .where('id', '=', req.params.id)
          .where('revokedAt', 'is', null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw notFound();
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'api_key',
          recordId: req.params.id,
          action: 'revoke',
        });
      });
      return reply.status(204).send(null);
    },
  );
}
