import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/platform/auth/tokens.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { expectProblem, loginAdmin } from './helpers.js';

describe.each(testDialects)('request limits on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { env: { CADENCE_RATE_LIMIT_PER_MINUTE: '8' } });
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  it('answers 429 rate_limited as a problem once a client exceeds its requests per minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await admin({ url: '/api/v1/me' })).statusCode);
    expect(statuses.filter((s) => s === 429).length, `statuses: ${statuses.join(',')}`).toBeGreaterThan(0);
    const res = await admin({ url: '/api/v1/me', headers: { 'accept-language': 'en' } });
    expectProblem(res, 429, 'rate_limited');
    expect(res.json().title).toBe('Too many requests; try again later');
    // Another session from the same address has its own budget (an office is many people), and the
    // web app's own files never count.
    const colleague = await loginAdmin(t);
    expect((await colleague({ url: '/api/v1/me' })).statusCode).toBe(200);
    expect((await admin({ url: '/' })).statusCode).not.toBe(429);
  });
});

describe.each(testDialects)('writes that are refused before they start on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  it('answers 409 idempotency_in_progress while the first request with the key has not finished', async () => {
    const body = { name: '并发部门', parentId: t.rootDepartmentId };
    // The first request has claimed the key but not stored its response yet (it is still running).
    await t.ctx.db
      .insertInto('idempotencyKeys')
      .values({
        orgId: t.orgId,
        userId: admin.userId,
        key: 'still-running-1',
        requestHash: sha256(`POST /api/v1/departments\n${JSON.stringify(body)}`),
        statusCode: null,
        response: null,
        createdAt: t.clock.now(),
      })
      .execute();
    const before = await t.ctx.db.selectFrom('departments').select('id').execute();
    const res = await admin({
      method: 'POST',
      url: '/api/v1/departments',
      headers: { 'idempotency-key': 'still-running-1' },
      body,
    });
    expectProblem(res, 409, 'idempotency_in_progress');
    expect(await t.ctx.db.selectFrom('departments').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses fields on endpoints that take no body', async () => {
    const res = await admin({
      method: 'POST',
      url: '/api/v1/notifications/read-all',
      body: { everything: true },
    });
    expectProblem(res, 400, 'validation_failed');
    expect(res.json().errors[0].path).toBe('body.everything');
    const logout = await admin({ method: 'POST', url: '/api/v1/auth/logout', body: { all: true } });
    expectProblem(logout, 400, 'validation_failed');
    expect((await admin({ url: '/api/v1/me' })).statusCode, 'the refused logout left the session alive').toBe(
      200,
    );
  });
});
