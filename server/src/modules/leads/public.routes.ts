import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type IntakeBody, intakeBody, intakeLead, type LeadSource, secretMatches } from './intake.js';

// The public side of lead sources (no sign-in): the hosted web form /f/<key> (embeddable in the
// source's allowed sites), its submission, and the inbound API with the source's secret. Bots: a
// honeypot field (counted, answered like a success) and a per-address rate limit; sizes are capped.

const formLabels = {
  'zh-CN': {
    name: '姓名',
    company: '公司名称',
    title: '职务',
    phone: '手机',
    email: '邮箱',
    wechat: '微信',
    province: '省份',
    city: '城市',
    industry: '行业',
    inquiry: '需求描述',
    submit: '提交',
    required: '必填',
    thanks: '提交成功，我们会尽快与您联系。',
    closed: '该表单已停用。',
    invalid: '请检查填写的内容',
  },
  en: {
    name: 'Name',
    company: 'Company',
    title: 'Job title',
    phone: 'Mobile',
    email: 'E-mail',
    wechat: 'WeChat',
    province: 'Province',
    city: 'City',
    industry: 'Industry',
    inquiry: 'What do you need?',
    submit: 'Send',
    required: 'required',
    thanks: 'Thank you — we will be in touch soon.',
    closed: 'This form is closed.',
    invalid: 'Please check what you entered',
  },
} as const;
type Labels = Record<keyof (typeof formLabels)['zh-CN'], string>;

const utmKeys = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const langOf = (req: FastifyRequest): keyof typeof formLabels =>
  /^en\b/i.test(String(req.headers['accept-language'] ?? '')) ? 'en' : 'zh-CN';

function page(title: string, body: string, lang: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;padding:24px 16px;background:#f5f6f8;color:#1f2329}
main{max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 16px}label{display:block;margin:12px 0 4px;font-size:14px}input,textarea{width:100%;box-sizing:border-box;padding:8px 10px;border:1px solid #d0d3d8;border-radius:6px;font-size:15px}
textarea{min-height:96px}button{margin-top:20px;width:100%;padding:10px;border:0;border-radius:6px;background:#1677ff;color:#fff;font-size:16px}
.req{color:#d4380d;margin-left:4px}.err{color:#d4380d;margin:8px 0}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}</style></head>
<body><main>${body}</main></body></html>`;
}

function formPage(
  source: LeadSource,
  labels: Labels,
  lang: string,
  query: Record<string, string>,
  error?: string,
) {
  const fields = JSON.parse(source.fields) as { key: keyof Labels; required: boolean }[];
  const inputs = fields
    .map((f) => {
      const label = `<label for="f_${f.key}">${escapeHtml(labels[f.key])}${f.required ? `<span class="req" aria-label="${labels.required}">*</span>` : ''}</label>`;
      const attrs = `id="f_${f.key}" name="${f.key}"${f.required ? ' required' : ''} maxlength="${f.key === 'inquiry' ? 2000 : 200}"`;
      return f.key === 'inquiry'
        ? `${label}<textarea ${attrs}></textarea>`
        : `${label}<input ${attrs} type="${f.key === 'email' ? 'email' : f.key === 'phone' ? 'tel' : 'text'}">`;
    })
    .join('\n');
  const hidden = utmKeys
    .filter((k) => query[k])
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(String(query[k]).slice(0, 100))}">`)
    .join('');
  return page(
    source.name,
    `<h1>${escapeHtml(source.name)}</h1>${error ? `<p class="err" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/api/v1/public/forms/${encodeURIComponent(source.publicKey)}">${inputs}${hidden}
<div class="hp" aria-hidden="true"><label for="f_website">Website</label><input id="f_website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">${labels.submit}</button></form>`,
    lang,
  );
}

/** The form may be framed by the source's allowed sites (and nobody else). */
function framing(reply: FastifyReply, source: LeadSource) {
  const origins = JSON.parse(source.allowedOrigins) as string[];
  reply.removeHeader('x-frame-options');
  reply.header(
    'content-security-policy',
    `default-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors ${origins.length ? origins.join(' ') : "'none'"}`,
  );
}

/**
 * A browser post must come from our own pages or an allowed site; the answer then names that origin.
 * Our own form page posts with `Origin: null` (it is served without a referrer) or with our host —
 * compared by host, so a TLS-terminating proxy in front does not make our own page foreign.
 */
function allowOrigin(req: FastifyRequest, reply: FastifyReply, source: LeadSource): void {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return;
  let host = '';
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError(403, 'origin_not_allowed');
  }
  const allowed = (JSON.parse(source.allowedOrigins) as string[]).includes(origin.toLowerCase());
  if (host !== req.host && !allowed) throw new AppError(403, 'origin_not_allowed');
  if (allowed) reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
}

export function registerPublicIntakeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;
  const limit = { rateLimit: { max: ctx.config.intakeRateLimitPerMinute, timeWindow: 60_000 } };

  const formByKey = (key: string) =>
    db
      .selectFrom('leadSources')
      .selectAll()
      .where('publicKey', '=', key)
      .where('kind', '=', 'web_form')
      .where('deletedAt', 'is', null)
      .executeTakeFirst();

  // A plain HTML form posts application/x-www-form-urlencoded (small bodies only).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  api.get(
    '/f/:key',
    {
      config: { access: 'public', ...limit },
      schema: {
        hide: true,
        params: z.object({ key: z.string().max(64) }),
        querystring: z.record(z.string(), z.string()),
      },
    },
    async (req, reply) => {
      const lang = langOf(req);
      const labels = formLabels[lang];
      const source = await formByKey(req.params.key);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (source?.active !== 1)
        return reply.status(404).send(page(labels.closed, `<p>${labels.closed}</p>`, lang));
      framing(reply, source);
      return formPage(source, labels, lang, req.query);
    },
  );

  api.get(
    '/f/:key/thanks',
    {
      config: { access: 'public', ...limit },
      schema: { hide: true, params: z.object({ key: z.string().max(64) }) },
    },
    async (req, reply) => {
      const lang = langOf(req);
      const labels = formLabels[lang];
      const source = await formByKey(req.params.key);
      reply.type('text/html; charset=utf-8');
      if (source) framing(reply, source);
      const text = source?.thankYou || labels.thanks;
      return page(text, `<p>${escapeHtml(text)}</p>`, lang);
    },
  );

  const submit = async (source: LeadSource, body: Record<string, unknown>, req: FastifyRequest) => {
    // Honeypot: people never see the field; a bot that fills it is told "thanks" and nothing is kept.
    if (typeof body.website === 'string' && body.website.trim()) {
      await db
        .updateTable('leadSources')
        .set((eb) => ({ spamCount: eb('spamCount', '+', 1) }))
        .where('id', '=', source.id)
        .execute();
      return null;
    }
    const { website: _w, ...rest } = body;
    const fields = JSON.parse(source.fields) as { key: keyof IntakeBody; required: boolean }[];
    const parsed = intakeBody.strict().safeParse(rest);
    const missing = fields.filter((f) => f.required && !String(rest[f.key] ?? '').trim());
    if (!parsed.success || missing.length)
      throw new AppError(
        422,
        'validation_failed',
        {},
        {
          errors: [
            ...(parsed.success
              ? []
              : parsed.error.issues.map((i) => ({
                  path: `body.${i.path.join('.')}`,
                  code: 'invalid_format',
                }))),
            ...missing.map((f) => ({ path: `body.${f.key}`, code: 'intake_field_required' })),
          ],
        },
      );
    return intakeLead(db, source, parsed.data, {
      at: clock.now(),
      requestId: req.id,
      detail: { referrer: String(req.headers.referer ?? '').slice(0, 300) || undefined, ip: req.ip },
    });
  };

  api.options(
    '/api/v1/public/forms/:key',
    {
      config: { access: 'public', ...limit },
      schema: { hide: true, params: z.object({ key: z.string().max(64) }) },
    },
    async (req, reply) => {
      const source = await formByKey(req.params.key);
      if (!source) return reply.status(404).send();
      allowOrigin(req, reply, source);
      return reply
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'content-type')
        .status(204)
        .send();
    },
  );

  api.post(
    '/api/v1/public/forms/:key',
    {
      config: { access: 'public', ...limit },
      schema: {
        tags: ['public'],
        summary: 'Submit a web form (JSON from an embedding site, or the hosted form’s post)',
        params: z.object({ key: z.string().max(64) }),
        body: z.record(z.string(), z.string().max(2000)),
      },
    },
    async (req, reply) => {
      const source = await formByKey(req.params.key);
      if (source?.active !== 1) throw new AppError(404, 'not_found');
      allowOrigin(req, reply, source);
      const html = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      try {
        await submit(source, req.body, req);
      } catch (err) {
        if (!html || !(err instanceof AppError) || err.status !== 422) throw err;
        const lang = langOf(req);
        framing(reply, source);
        return reply
          .status(422)
          .type('text/html; charset=utf-8')
          .send(formPage(source, formLabels[lang], lang, {}, formLabels[lang].invalid));
      }
      if (html) return reply.redirect(`/f/${encodeURIComponent(source.publicKey)}/thanks`, 303);
      return reply.status(202).send({ status: 'received' });
    },
  );

  api.post(
    '/api/v1/public/sources/:id/leads',
    {
      config: { access: 'public', ...limit },
      schema: {
        tags: ['public'],
        summary:
          'Inbound lead API of a source (header X-Cadence-Source-Secret; Idempotency-Key or externalId make a repeated delivery one lead)',
        params: z.object({ id: z.uuid() }),
        body: intakeBody.strict(),
        response: {
          201: z.object({ leadId: z.string(), outcome: z.enum(['created', 'flagged', 'merged']) }),
          200: z.object({ leadId: z.string(), outcome: z.enum(['created', 'flagged', 'merged']) }),
        },
      },
    },
    async (req, reply) => {
      const source = await db
        .selectFrom('leadSources')
        .selectAll()
        .where('id', '=', req.params.id)
        .where('kind', '=', 'api')
        .where('deletedAt', 'is', null)
        .executeTakeFirst();
      const secret = req.headers['x-cadence-source-secret'];
      // Unknown source and wrong secret answer alike.
      if (!source || !secretMatches(source, typeof secret === 'string' ? secret : undefined))
        throw new AppError(401, 'source_secret_invalid');
      if (source.active !== 1) throw new AppError(403, 'source_inactive');
      const key = req.headers['idempotency-key'];
      const deliveryKey = (typeof key === 'string' && key.slice(0, 200)) || req.body.externalId;
      const before = deliveryKey
        ? await db
            .selectFrom('leadIntakeKeys')
            .select('leadId')
            // The key's own order (org, source, key): a lookup, not a scan of every delivery.
            .where('orgId', '=', source.orgId)
            .where('sourceId', '=', source.id)
            .where('deliveryKey', '=', deliveryKey)
            .executeTakeFirst()
        : undefined;
      const result = await intakeLead(db, source, req.body, {
        at: clock.now(),
        deliveryKey,
        requestId: req.id,
        detail: {},
      });
      return reply.status(before ? 200 : 201).send(result);
    },
  );
}
