import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/access/index.js';
import type { AppContext } from '../../platform/context.js';
import { commonErrors } from '../../platform/http/schemas.js';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// 同事: the names of one's active colleagues (name and department only), for everyone signed in — to
// @mention someone in a comment or name a delegate. Everything else about users stays behind the
// user object's rights (GET /users).
export function registerColleagueRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  api.get(
    '/colleagues',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['users'],
        summary: 'Active colleagues by name (name and department only), the first 20 matches',
        querystring: z.strictObject({ q: z.string().trim().max(50).optional() }),
        response: {
          200: z.object({
            data: z.array(z.object({ id: z.string(), name: z.string(), departmentName: z.string() })),
          }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      let q = db
        .selectFrom('users as u')
        .innerJoin('departments as d', 'd.id', 'u.departmentId')
        .select(['u.id', 'u.name', 'd.name as departmentName'])
        .where('u.orgId', '=', actor.orgId)
        .where('u.active', '=', 1);
      if (req.query.q) q = q.where(sql<SqlBool>`u.name like ${`%${escapeLike(req.query.q)}%`} escape '\\'`);
      return { data: await q.orderBy('u.name').orderBy('u.id').limit(20).execute() };
    },
  );
}
