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
