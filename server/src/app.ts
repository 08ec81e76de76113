import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { registerAttachmentRoutes } from './modules/attachments/attachments.routes.js';
import { registerAuditRoutes } from './modules/audit/routes.js';
import './modules/registry.js';
import { registerApprovalRoutes } from './modules/approvals/approvals.routes.js';
import { registerApprovalDefinitionRoutes } from './modules/approvals/definitions.routes.js';
import { registerDelegationRoutes } from './modules/approvals/delegations.routes.js';
import { registerContactRoutes } from './modules/contacts/contacts.routes.js';
import { registerCustomFieldRoutes } from './modules/custom-fields/custom-fields.routes.js';
import { registerCollaboratorRoutes } from './modules/customers/collaborators.routes.js';
import { registerCustomerRoutes } from './modules/customers/customers.routes.js';
import { registerCustomerExportRoute } from './modules/customers/export.js';
import { registerMergeRoutes } from './modules/customers/merge.routes.js';
import { registerDashboardRoutes } from './modules/dashboards/dashboards.routes.js';
import { registerFollowUpFeedRoutes } from './modules/follow-ups/feed.routes.js';
import { registerFollowUpRoutes } from './modules/follow-ups/follow-ups.routes.js';
import { registerFollowUpSettingsRoutes } from './modules/follow-ups/settings.routes.js';
import { registerForecastRoutes } from './modules/forecast/forecast.routes.js';
import { registerImportRoutes } from './modules/imports/imports.routes.js';
import { registerInsightRoutes } from './modules/insights/insights.routes.js';
import { registerAssignmentRuleRoutes } from './modules/leads/assignment-rules.routes.js';
import { registerLeadRoutes } from './modules/leads/leads.routes.js';
import { registerLeadModelRoutes } from './modules/leads/model.routes.js';
import { registerPublicIntakeRoutes } from './modules/leads/public.routes.js';
import { registerScoreRuleRoutes } from './modules/leads/score-rules.routes.js';
import { registerLeadSettingsRoutes } from './modules/leads/settings.routes.js';
import { registerLeadSourceRoutes } from './modules/leads/sources.routes.js';
import { registerMetricRoutes } from './modules/metrics/metrics.routes.js';
import { registerOpportunityExportRoute } from './modules/opportunities/export.js';
import { registerOpportunityRoutes } from './modules/opportunities/opportunities.routes.js';
import { registerPipelineRoutes } from './modules/opportunities/pipelines.routes.js';
import { registerColleagueRoutes } from './modules/org/colleagues.routes.js';
import { registerDepartmentRoutes } from './modules/org/departments.routes.js';
import { registerRoleRoutes } from './modules/org/roles.routes.js';
import { registerUserRoutes } from './modules/org/users.routes.js';
import { registerPoolRoutes } from './modules/pools/pools.routes.js';
import { registerRecycleDueRoutes } from './modules/pools/recycle-due.routes.js';
import { registerRecycleRuleRoutes } from './modules/pools/rules.routes.js';
import { registerScorecardRoutes } from './modules/scorecards/scorecards.routes.js';
import { registerScriptRoutes } from './modules/scripts/scripts.routes.js';
import { registerJobRoutes } from './modules/system/jobs.routes.js';
import { registerTargetRoutes } from './modules/targets/targets.routes.js';
import { registerTodoRoutes } from './modules/todo/todo.routes.js';
import { registerSavedViewRoutes } from './modules/views/views.routes.js';
import { routeAccessGuard } from './platform/access/index.js';
import { registerApiKeyRoutes } from './platform/auth/api-keys.routes.js';
import { authenticate } from './platform/auth/hook.js';
import { registerInvitationRoutes } from './platform/auth/invitations.routes.js';
import { registerAuthRoutes } from './platform/auth/routes.js';
import { sessionCookie } from './platform/auth/sessions.js';
import type { AppContext } from './platform/context.js';
import { AppError } from './platform/errors.js';
import { registerIdempotency } from './platform/http/idempotency.js';
import { refuseUndeclaredBody } from './platform/http/no-body.js';
import { notFoundHandler, problemHandler } from './platform/http/problem.js';
import { newId } from './platform/ids.js';
import { registerNotificationRoutes } from './platform/notify/routes.js';

export type App = FastifyInstance & { routeTable: RouteOptions[] };

/** Routes anyone may call without signing in. Everything else needs a session or an API key. */
export const publicRoutes = [
  'GET /healthz',
  'GET /readyz',
  'POST /api/v1/auth/login',
  'GET /api/v1/auth/invitations/:token',
  'POST /api/v1/auth/invitations/:token/accept',
  'GET /api/openapi.json',
  // 线索来源: hosted web forms, their submission and the inbound lead API (secret checked by the route).
  'GET /f/*',
  'POST /api/v1/public/*',
  'OPTIONS /api/v1/public/*',
  'GET /api/docs*', // swagger UI and its assets
  'GET /*', // the web app's static files and SPA routes
];

const webDist = path.resolve(import.meta.dirname, '../../web/dist');

export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ? { level: ctx.config.logLevel } : false,
    bodyLimit: 1024 * 1024,
    genReqId: () => newId(),
    trustProxy: ctx.config.trustProxy,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  app.routeTable = [];
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    const methods = [route.method].flat();
    if (!route.config?.access && methods.every((m) => isPublic(m, url))) {
      route.config = { ...route.config, access: 'public' };
    }
    app.routeTable.push(route);
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(problemHandler);
  app.setNotFoundHandler(notFoundHandler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd injects its CSS-in-JS styles
        // blob: the thumbnails of photos, fetched with the session into object URLs (files are never served inline).
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: ctx.config.cookieSecure,
  });
  await app.register(cookie);
  // Uploads (attachments, import files) are streamed by the route that takes them: one file per
  // request, size capped; a route reads it with `req.file()` and declares no JSON body.
  await app.register(multipart, {
    limits: { fileSize: ctx.config.maxUploadBytes, files: 1, fields: 20, parts: 21, fieldSize: 64 * 1024 },
  });
  await app.register(rateLimit, {
    max: ctx.config.rateLimitPerMinute,
    timeWindow: 60_000,
    // Per signed-in session or API key — an office behind one address is many people — else per
    // address. The web app's own files are not API calls and do not count.
    keyGenerator: (req) => {
      const auth = req.headers.authorization;
      // The cookie plugin, registered before, has parsed the cookies.
      const session = req.cookies?.[sessionCookie];
      return auth ? `key:${auth}` : session ? `session:${session}` : `ip:${req.ip}`;
    },
    allowList: (req) => !req.url.startsWith('/api/'),
    errorResponseBuilder: () => new AppError(429, 'rate_limited'),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Cadence CRM API', version: '1.0.0', description: 'See docs/api.md for conventions.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cadence_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onRequest', authenticate(ctx));
  app.addHook('preValidation', routeAccessGuard);
  app.addHook('preValidation', refuseUndeclaredBody);
  registerIdempotency(app, ctx);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      registerAuthRoutes(api, ctx);
      registerInvitationRoutes(api, ctx);
      registerApiKeyRoutes(api, ctx);
      registerDepartmentRoutes(api, ctx);
      registerUserRoutes(api, ctx);
      registerColleagueRoutes(api, ctx);
      registerRoleRoutes(api, ctx);
      registerAuditRoutes(api, ctx);
      registerNotificationRoutes(api, ctx);
      registerJobRoutes(api, ctx);
      registerImportRoutes(api, ctx);
      registerCustomerExportRoute(api, ctx);
      registerCustomerRoutes(api, ctx);
      registerRecycleDueRoutes(api, ctx);
      registerCollaboratorRoutes(api, ctx);
      registerMergeRoutes(api, ctx);
      registerSavedViewRoutes(api, ctx);
      registerPoolRoutes(api, ctx);
      registerRecycleRuleRoutes(api, ctx);
      registerContactRoutes(api, ctx);
      registerLeadRoutes(api, ctx);
      registerPipelineRoutes(api, ctx);
      registerOpportunityRoutes(api, ctx);
      registerOpportunityExportRoute(api, ctx);
      registerApprovalDefinitionRoutes(api, ctx);
      registerApprovalRoutes(api, ctx);
      registerDelegationRoutes(api, ctx);
      registerTodoRoutes(api, ctx);
      registerMetricRoutes(api, ctx);
      registerTargetRoutes(api, ctx);
      registerScorecardRoutes(api, ctx);
      registerForecastRoutes(api, ctx);
      registerDashboardRoutes(api, ctx);
      registerInsightRoutes(api, ctx);
      registerScriptRoutes(api, ctx);
      registerScoreRuleRoutes(api, ctx);
      registerAssignmentRuleRoutes(api, ctx);
      registerLeadSettingsRoutes(api, ctx);
      registerLeadSourceRoutes(api, ctx);
      registerLeadModelRoutes(api, ctx);
      registerFollowUpRoutes(api, ctx);
      registerFollowUpFeedRoutes(api, ctx);
      registerFollowUpSettingsRoutes(api, ctx);
      registerAttachmentRoutes(api, ctx);
      registerCustomFieldRoutes(api, ctx);
    },
    { prefix: '/api/v1' },
  );

  // Public lead intake lives outside /api/v1's plugin (its hosted pages are not under /api).
  await app.register(async (pub) => registerPublicIntakeRoutes(pub, ctx));

  if (fs.existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, serve: false });
    const indexHtml = fs.readFileSync(path.join(webDist, 'index.html'));
    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      if (req.url.startsWith('/api/')) return notFoundHandler(req, reply);
      const file = path.join(webDist, decodeURIComponent(req.url.split('?')[0]!));
      if (file.startsWith(webDist) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        const rel = path.relative(webDist, file);
        if (rel.startsWith('assets')) reply.header('cache-control', 'public, max-age=31536000, immutable');
        return reply.sendFile(rel);
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    });
  }

  return app;
}

function isPublic(method: string, url: string): boolean {
  return publicRoutes.some((entry) => {
    const [m, pattern] = entry.split(' ') as [string, string];
    if (m !== method && !(m === 'GET' && method === 'HEAD')) return false;
    // '/*' is the SPA catch-all route itself; longer 'prefix*' entries cover a plugin's own routes.
    return (
      url === pattern || (pattern.length > 2 && pattern.endsWith('*') && url.startsWith(pattern.slice(0, -1)))
    );
  });
}
