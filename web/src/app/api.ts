import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-schema';
import { currentLanguage } from './i18n';

// One typed client for the whole app; the server is always same-origin.
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

let csrfFromLogin: string | null = null;
let onUnauthorized: () => void = () => {};

/** The login response carries the CSRF token too; kept in case the cookie cannot be read. */
export function rememberCsrfToken(token: string | null): void {
  csrfFromLogin = token;
}

/** What to do when the server says the session is gone (set by the auth provider). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** The session's CSRF token, which every request that changes or posts something carries. */
export function csrfToken(): string | null {
  const match = /(?:^|;\s*)cadence_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : csrfFromLogin;
}

// A 401 from these is an answer about the credentials, not an expired session.
const anonymousPaths = ['/api/v1/auth/login', '/api/v1/auth/invitations/'];

const middleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage());
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      const token = csrfToken();
      if (token) request.headers.set('X-CSRF-Token', token);
    }
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !anonymousPaths.some((p) => path.startsWith(p))) onUnauthorized();
    return response;
  },
};
api.use(middleware);

/** `If-Match` for an update: the version the user was looking at. */
export const ifMatch = (version: number) => ({ 'If-Match': String(version) });
