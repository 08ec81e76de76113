import { expect } from 'vitest';
import { admin } from './server.js';

/** Reads the API as the admin, to know what the server holds before the browser looks at it. */
export async function adminApi(baseUrl: string): Promise<<T>(pathAndQuery: string) => Promise<T>> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: admin.email, password: admin.password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async <T>(pathAndQuery: string): Promise<T> => {
    const r = await fetch(`${baseUrl}/api/v1${pathAndQuery}`, { headers: { cookie } });
    expect(r.status, `GET ${pathAndQuery}`).toBe(200);
    return (await r.json()) as T;
  };
}

export type Reply<T> = { status: number; body: T };
/** A request as one signed-in user: method, path under /api/v1, JSON body, extra headers. */
export type Call = <T>(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Reply<T>>;

/** Signs in over the API (outside the browser) and sends requests as that user, with the CSRF token. */
export async function apiSession(baseUrl: string, email: string, password: string): Promise<Call> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: email, password }),
  });
  expect(res.status, `login ${email}`).toBe(200);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const csrf = decodeURIComponent(
    cookies.find((c) => c.startsWith('cadence_csrf='))?.slice('cadence_csrf='.length) ?? '',
  );
  return async (method, path, body, headers = {}) => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        cookie: cookies.join('; '),
        'x-csrf-token': csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: await r.json().catch(() => null) };
  };
}
