import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicRoutes } from '../src/app.js';
import { testDialects } from '../src/testing/db.js';
import { makeTestApp, type TestApp } from '../src/testing/harness.js';
import { expectProblem, randomUuid } from './helpers.js';

type Route = { method: string; url: string; access: unknown };

describe.each(testDialects)('route declarations on %s', (dialect) => {
  let t: TestApp;
  let routes: Route[];
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    routes = t.app.routeTable.flatMap((r) =>
      [r.method].flat().map((method) => ({ method, url: r.url, access: r.config?.access })),
    );
  });
  afterAll(() => t.close());

  it('registers the API routes the issue promises', () => {
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'POST /api/v1/auth/login',
      'GET /api/v1/me',
      'GET /api/v1/departments',
      'POST /api/v1/departments',
      'GET /api/v1/users',
      'POST /api/v1/users',
      'PATCH /api/v1/users/:id',
      'GET /api/v1/roles',
      'POST /api/v1/roles',
      'POST /api/v1/api-keys',
    ])
      expect(keys, `route ${expected} is missing`).toContain(expected);
  });

  it('has an access declaration on every route', () => {
    const undeclared = routes.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`);
    expect(
      undeclared,
      'every route must declare config.access (object + action, authenticated or public)',
    ).toEqual([]);
  });

  it('allows public access only for routes on the public allow-list', () => {
    const allowed = (method: string, url: string) =>
      publicRoutes.some((entry) => {
        const [m, pattern] = entry.split(' ') as [string, string];
        if (m !== method && !(m === 'GET' && method === 'HEAD')) return false;
        return (
          url === pattern ||
          (pattern.length > 2 && pattern.endsWith('*') && url.startsWith(pattern.slice(0, -1)))
        );
      });
    const offList = routes
      .filter((r) => r.access === 'public' && !allowed(r.method, r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(offList, 'a public route must be listed in publicRoutes (app.ts)').toEqual([]);
  });

  it('keeps every object-guarded route on an object the access layer knows', async () => {
    const { objectDef } = await import('../src/platform/access/index.js');
    const unknown = routes
      .filter((r) => typeof r.access === 'object' && r.access !== null)
      .filter((r) => !objectDef((r.access as { object: string }).object))
      .map((r) => `${r.method} ${r.url}`);
    expect(unknown, 'route guards must name a registered object').toEqual([]);
  });

  it('answers 401 problem+json on every non-public /api/v1 route without credentials', async () => {
    const guarded = routes.filter(
      (r) => r.url.startsWith('/api/v1/') && r.access !== 'public' && r.method !== 'HEAD',
    );
    expect(guarded.length).toBeGreaterThan(15);
    for (const r of guarded) {
      const url = r.url.replace(':object', 'user').replace(/:[a-zA-Z]+/g, randomUuid);
      const res = await t.app.inject({
        method: r.method as 'GET',
        url,
        ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }),
      });
      expect(res.statusCode, `${r.method} ${r.url} without credentials`).toBe(401);
      expectProblem(res, 401, 'unauthenticated');
    }
    const heads = routes.filter(
      (r) => r.url.startsWith('/api/v1/') && r.access !== 'public' && r.method === 'HEAD',
    );
    for (const r of heads) {
      const res = await t.app.inject({ method: 'HEAD', url: r.url.replace(/:[a-zA-Z]+/g, randomUuid) });
      expect(res.statusCode, `HEAD ${r.url} without credentials`).toBe(401);
    }
  });

  it('answers 401 to a bearer key that does not exist, even on a route a session could use', async () => {
    const res = await t.app.inject({
      url: '/api/v1/me',
      headers: { authorization: 'Bearer ck_abcdefghij_0123456789012345678901234567890123' },
    });
    expectProblem(res, 401, 'unauthenticated');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('serves the public health, readiness and OpenAPI routes without credentials', async () => {
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ok' });
    const doc = await t.app.inject({ url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toContain('/api/v1/users/{id}');
  });

  it('answers an unknown API path with 404 route_not_found, not the web app', async () => {
    expectProblem(await t.app.inject({ url: '/api/v1/nope' }), 404, 'route_not_found');
  });
});
