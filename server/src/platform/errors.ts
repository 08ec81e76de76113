import type { MessageKey } from './i18n.js';

export type FieldError = { path: string; code: string; message?: string; params?: Record<string, unknown> };

/**
 * An expected failure with a stable code. Rendered as RFC 9457 problem+json in the request's
 * language by the error handler in http/problem.ts.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageKey,
    readonly params: Record<string, unknown> = {},
    readonly extra: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      body?: Record<string, unknown>;
    } = {},
  ) {
    super(code);
  }
}

export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');
export const conflict = (code: MessageKey, body?: Record<string, unknown>) =>
  new AppError(409, code, {}, { body });
export const invalid = (errors: FieldError[]) => new AppError(422, 'validation_failed', {}, { errors });
