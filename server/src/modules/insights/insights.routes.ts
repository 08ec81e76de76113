import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/index.js';
import type { AppContext } from '../../platform/context.js';
import { localeOf } from '../../platform/http/problem.js';
import { commonErrors } from '../../platform/http/schemas.js';
import { orgTimeZone } from '../pools/pools.repo.js';
import { findingsOf } from './findings.js';
import { findingKinds } from './texts.js';

export const finding = z.object({
  kind: z.enum(findingKinds),
  severity: z.enum(['high', 'medium']),
  subject: z.object({ type: z.enum(['user', 'department']), id: z.string(), name: z.string() }),
  metric: z.string(),
  value: z.number().nullable(),
  benchmark: z.number().nullable(),
  numbers: z.record(z.string(), z.number()),
  text: z.string(),
  action: z.string(),
  link: z.string(),
});

export function registerInsightRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;
  api.get(
    '/insights',
    {
      config: { access: { object: 'insight', action: 'read' } },
      schema: {
        tags: ['insights'],
        summary:
          'Findings about the reps and teams the caller reaches, with the numbers behind them and a suggested action',
        description:
          'From the metric registry, counting what the caller may see: `conversion_below` — a rep’s (or team’s) win rate or lead → deal conversion over the last 90 days below the rest of their team (or parent), reported only when a one-sided two-proportion z-test gives p < 0.05 and each group expects at least 5 successes and failures; `behind_pace` — this month’s won amount below 85% of what an even spread of the target asks by today (once a quarter of the month has run); `stalled_deals` — open deals longer in their stage than it allows; `lead_sla` — under 80% of the last 30 days’ leads followed up within their deadline (at least 5). `text` and `action` are in the request’s language.',
        querystring: z.strictObject({}),
        response: { 200: z.object({ asOf: z.number(), findings: z.array(finding) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const now = clock.now();
      const tz = await orgTimeZone(db, actor.orgId);
      return { asOf: now, findings: await findingsOf(db, actor, now, tz, localeOf(req)) };
    },
  );
}
