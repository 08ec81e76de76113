import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldError } from '../errors.js';
import { type Locale, type MessageKey, pickLocale, t } from '../i18n.js';

const zodLocales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() };

export function localeOf(req: FastifyRequest): Locale {
  return pickLocale(req.headers['accept-language']);
}

/** Renders every error as RFC 9457 problem+json with a stable code, in the request's language. */
export function problemHandler(
  err: FastifyError | AppError | Error,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  const locale = localeOf(req);
  if (err instanceof AppError) {
    for (const [k, v] of Object.entries(err.extra.headers ?? {})) reply.header(k, v);
    return send(reply, req, locale, err.status, err.code, err.params, {
      errors: err.extra.errors?.map((e) => ({
        ...e,
        message: e.message ?? t(locale, e.code as MessageKey, e.params),
      })),
      ...err.extra.body,
    });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    // fastify-type-provider-zod 7 hands over each zod issue as { keyword: code, instancePath, message,
    // params: the issue's other fields }; rebuild the issue to localise it.
    const errors: FieldError[] = err.validation.flatMap((v) => {
      const segments = v.instancePath.split('/').filter(Boolean);
      const input = valueAt(requestPart(req, err.validationContext), segments);
      const issue = {
        ...v.params,
        input,
        code: v.keyword,
        message: v.message,
      } as unknown as z.core.$ZodIssue;
      const at = [err.validationContext, ...segments];
      const localized = zodLocales[locale].localeError(issue as never);
      // A regular expression means nothing to the person filling in the form: say the format is wrong.
      const message =
        issue.code === 'invalid_format' && issue.format === 'regex'
          ? t(locale, 'invalid_format')
          : typeof localized === 'string'
            ? localized
            : (localized?.message ?? issue.message);
      // An unknown key is reported at its own path (body.orgId), so a client can tell which field to drop.
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      return keys.map((key) => ({
        path: [...at, key].filter(Boolean).join('.'),
        code: issue.code,
        message: message ?? issue.code,
      }));
    });
    return send(reply, req, locale, 400, 'validation_failed', {}, { errors });
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, req, locale, 413, 'payload_too_large');
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return send(reply, req, locale, 415, 'unsupported_media_type');
  if (fe.statusCode === 429) return send(reply, req, locale, 429, 'rate_limited');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Malformed JSON, prototype-poisoning keys, bad content-length, …
    return send(reply, req, locale, fe.statusCode, 'bad_request', {}, { detail: fe.message });
  }
  req.log.error({ err }, 'unhandled error');
  return send(reply, req, locale, 500, 'internal_error');
}

function requestPart(req: FastifyRequest, context: string | undefined): unknown {
  if (context === 'body') return req.body;
  if (context === 'params') return req.params;
  if (context === 'querystring') return req.query;
  if (context === 'headers') return req.headers;
  return undefined;
}

/** The offending input value (own properties only), so the localised message can name what was received. */
function valueAt(root: unknown, path: string[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return send(reply, req, localeOf(req), 404, 'route_not_found');
}

function send(
  reply: FastifyReply,
  req: FastifyRequest,
  locale: Locale,
  status: number,
  code: MessageKey,
  params: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  const title = t(locale, code, params);
  return reply
    .status(status)
    .header('content-language', locale)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `urn:cadence:problem:${code}`,
      status,
      code,
      title,
      detail: title,
      instance: req.url,
      ...extra,
    });
}
