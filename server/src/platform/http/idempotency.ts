import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sha256 } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const keyPattern = /^[A-Za-z0-9_.:-]{8,128}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { orgId: string; userId: string; key: string };
  }
}

/**
 * `Idempotency-Key` on writes: the first request with a key runs and its response is stored; the same
 * key with the same request replays that response; the same key with another request is a 422;
 * a key whose first request is still running is a 409. Keys belong to the signed-in user.
 */
export function registerIdempotency(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !unsafe.has(req.method) || !req.actor) return;
    if (!keyPattern.test(key)) {
      throw new AppError(
        400,
        'bad_request',
        {},
        { errors: [{ path: 'header.idempotency-key', code: 'invalid_format' }] },
      );
    }
    const { orgId, userId } = req.actor;
    const requestHash = sha256(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`);
    const inserted = await ctx.db
      .insertInto('idempotencyKeys')
      .values({
        orgId,
        userId,
        key,
        requestHash,
        statusCode: null,
        response: null,
        createdAt: ctx.clock.now(),
      })
      .onConflict((oc) => oc.columns(['orgId', 'userId', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
      req.idempotency = { orgId, userId, key };
      return;
    }
    const prior = await ctx.db
      .selectFrom('idempotencyKeys')
      .selectAll()
      .where('orgId', '=', orgId)
      .where('userId', '=', userId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (prior.requestHash !== requestHash) throw new AppError(422, 'idempotency_key_reused');
    if (prior.statusCode === null) throw new AppError(409, 'idempotency_in_progress');
    reply.header('idempotent-replayed', 'true');
    // Stored bodies are JSON; refusals (4xx) were problem documents and replay as such.
    const type = prior.statusCode >= 400 ? 'application/problem+json' : 'application/json';
    reply.status(prior.statusCode).type(`${type}; charset=utf-8`);
    return reply.send(prior.response ?? '');
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const idem = req.idempotency;
    if (!idem) return payload;
    const q = ctx.db
      .updateTable('idempotencyKeys')
      .where('orgId', '=', idem.orgId)
      .where('userId', '=', idem.userId)
      .where('key', '=', idem.key);
    // Server errors are not stored: the client may retry the same key.
    if (reply.statusCode >= 500)
      await ctx.db
        .deleteFrom('idempotencyKeys')
        .where('orgId', '=', idem.orgId)
        .where('userId', '=', idem.userId)
        .where('key', '=', idem.key)
        .execute();
    else
      await q
        .set({ statusCode: reply.statusCode, response: typeof payload === 'string' ? payload : null })
        .execute();
    return payload;
  });
}
