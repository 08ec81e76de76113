// Small factories and assertions shared by the API tests. Everything goes through the real HTTP layer
// (app.inject) and the real database; nothing here mocks our own code.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createOrg } from '../src/modules/org/bootstrap.js';
import { newId } from '../src/platform/ids.js';
import type { Client, TestApp } from '../src/testing/harness.js';
import { adminPassword, withDemoOrg } from '../src/testing/harness.js';

export const demoPassword = 'Cadence@2026';
export const strongPassword = 'Str0ng-passw0rd';

type Headers = Record<string, string>;

/** Asserts an RFC 9457 problem response with the given status and stable code; returns its body. */
export function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, `expected ${status} ${code}, got ${res.statusCode}: ${res.body}`).toBe(status);
  expect(res.headers['content-type'], 'problem responses are application/problem+json').toMatch(
    /^application\/problem\+json/,
  );
  const body = res.json() as {
    status: number;
    code: string;
    title: string;
    errors?: { path: string; code: string; message: string }[];
    current?: Record<string, unknown>;
  };
  expect(body.code).toBe(code);
  expect(body.status).toBe(status);
  expect(body.title, 'a problem has a human title').not.toBe(code);
  for (const e of body.errors ?? [])
    expect(e.message, `field error ${e.path} needs a human message, not its code`).not.toBe(e.code);
  return body;
}

/** The problem body without the per-request `instance`, to compare two answers for equality. */
export const sameAnswer = (res: LightMyRequestResponse) => {
  const { instance: _instance, ...rest } = res.json() as Record<string, unknown>;
  return { status: res.statusCode, contentType: res.headers['content-type'], ...rest };
};

/** POST /auth/login from a chosen client IP (each test uses its own, so IP throttling stays local). */
export function signIn(t: TestApp, login: string, password: string, ip = '10.0.0.1', headers: Headers = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login, password },
    headers,
    remoteAddress: ip,
  });
}

export const sessionCookieOf = (res: LightMyRequestResponse) =>
  res.cookies.find((c) => c.name === 'cadence_session')?.value;

/** A client for a successful login or invitation-accept response. */
export function clientFrom(t: TestApp, res: LightMyRequestResponse): Client {
  expect(res.statusCode, res.body).toBe(200);
  const session = sessionCookieOf(res);
  const { csrfToken, user } = res.json() as { csrfToken: string; user: { id: string } };
  return clientWith(t, `cadence_session=${session}`, csrfToken, user.id);
}

export function clientWith(t: TestApp, cookie: string, csrf: string, userId: string): Client {
  const client = ((r) =>
    t.app.inject({
      method: r.method ?? 'GET',
      url: r.url,
      payload: r.body as never,
      headers: { cookie, 'x-csrf-token': csrf, ...r.headers },
    })) as Client;
  client.csrf = csrf;
  client.userId = userId;
  return client;
}

/** A client that authenticates with `Authorization: Bearer <key>` and sends no cookie or CSRF token. */
export function bearer(t: TestApp, key: string) {
  return (r: {
    method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    url: string;
    body?: unknown;
    headers?: Headers;
  }) =>
    t.app.inject({
      method: r.method ?? 'GET',
      url: r.url,
      payload: r.body as never,
      headers: { authorization: `Bearer ${key}`, ...r.headers },
    });
}

export const loginAdmin = (t: TestApp) => t.login('admin@test.cadence', adminPassword);
export const loginDemo = (t: TestApp, who: string) => t.login(`${who}@demo.cadence`, demoPassword);

/** The demo org chart: department ids by key ('east', 'sh', 'south', …) and user ids by e-mail name. */
export async function demoOrg(t: TestApp) {
  const { departments, users } = await withDemoOrg(t);
  return {
    dept: (key: string) => departments.get(key)!,
    user: (who: string) => users.get(`${who}@demo.cadence`)!,
  };
}

let orgSeq = 0;

/** Another org on the same database, with its own admin; returns the admin signed in. */
export async function makeOrg(t: TestApp, name = '第二公司') {
  const adminEmail = `admin@org${++orgSeq}.cadence`;
  const org = await t.ctx.db
    .transaction()
    .execute((tx) => createOrg(tx, { name, adminEmail, adminPassword }, t.clock.now()));
  return { ...org, adminEmail, admin: await t.login(adminEmail, adminPassword) };
}

let seq = 0;
const unique = () => `${(seq++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export async function makeDepartment(c: Client, o: { parentId: string; name?: string }) {
  const res = await c({
    method: 'POST',
    url: '/api/v1/departments',
    body: { name: `部门${unique()}`, ...o },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string; version: number; parentId: string };
}

export async function makeUser(
  c: Client,
  o: { departmentId: string; roles?: string[]; password?: string; name?: string; mobile?: string },
) {
  const u = unique();
  const res = await c({
    method: 'POST',
    url: '/api/v1/users',
    body: { name: `用户${u}`, email: `user.${u}@test.cadence`, roles: ['sales_rep'], ...o },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    name: string;
    email: string;
    mobile: string | null;
    version: number;
    invitationUrl: string | null;
  };
}

export async function makeRole(
  c: Client,
  o: { permissions: Record<string, { actions: string[]; scope: string }>; maskedFields?: string[] },
) {
  const res = await c({
    method: 'POST',
    url: '/api/v1/roles',
    body: { key: `role_${unique()}`, name: `角色${unique()}`, ...o },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; key: string; version: number };
}

export async function makeApiKey(c: Client, scopes?: string[]) {
  const res = await c({ method: 'POST', url: '/api/v1/api-keys', body: { name: 'script', scopes } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; key: string; prefix: string };
}

/** Rows in a table, optionally of one org. */
export async function countRows(
  t: TestApp,
  table: 'users' | 'departments' | 'roles' | 'auditLog' | 'events',
) {
  const row = await t.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Everything a rejected request must leave as it was: the org chart, users and their roles, roles,
 * API keys, invitations, notifications, jobs, and the audit log and event outbox.
 */
export async function dbState(t: TestApp) {
  const db = t.ctx.db;
  const all = async (table: Parameters<typeof db.selectFrom>[0], order: string) =>
    // biome-ignore lint/suspicious/noExplicitAny: a generic dump of several tables
    (db.selectFrom(table) as any).selectAll().orderBy(order).execute() as Promise<Record<string, unknown>[]>;
  return {
    departments: await all('departments', 'id'),
    // Several rows share a descendant: compared as a sorted set, not in whatever order PostgreSQL reads them.
    closure: (await all('departmentClosure', 'descendantId'))
      .map((r) => `${r.ancestorId}>${r.descendantId}:${r.depth}`)
      .sort(),
    users: await all('users', 'id'),
    userRoles: (await all('userRoles', 'userId')).map((r) => `${r.userId}:${r.roleId}`).sort(),
    roles: await all('roles', 'id'),
    apiKeys: (await all('apiKeys', 'id')).map(({ lastUsedAt: _, ...r }) => r),
    inviteTokens: await all('inviteTokens', 'id'),
    notifications: await all('notifications', 'id'),
    jobs: await all('jobs', 'id'),
    auditLog: await all('auditLog', 'id'),
    events: await all('events', 'id'),
    targets: await all('targets', 'id'),
    targetChanges: await all('targetChanges', 'id'),
    forecastAdjustments: await all('forecastAdjustments', 'id'),
  };
}

/** Runs a request and asserts it changed nothing in the database. */
export async function unchangedBy<T>(t: TestApp, run: () => Promise<T>): Promise<T> {
  const before = await dbState(t);
  const result = await run();
  expect(await dbState(t), 'a rejected request must not change any data').toEqual(before);
  return result;
}

export const randomUuid = '0190f5a2-7c3e-7b1a-9d2e-4f6a8b0c1d2e';
export const minute = 60_000;
export const hour = 3_600_000;
export const day = 86_400_000;

/**
 * Won deals written straight into the table, for figures worked out by hand: each owned by a user, of an
 * amount in 分, created and closed at the instants given, on one customer, in the first pipeline.
 */
export async function insertWonDeals(
  t: TestApp,
  admin: Client,
  deals: { ownerId: string; amount: number; createdAt: number; closedAt: number }[],
) {
  const customer = (
    await admin({
      method: 'POST',
      url: '/api/v1/customers',
      body: { name: `苏州赢单测试精工有限公司${unique()}` },
    })
  ).json() as { id: string };
  const pipeline = (await admin({ url: '/api/v1/pipelines' })).json().data[0] as {
    id: string;
    stages: { id: string; category: string }[];
  };
  const won = pipeline.stages.find((s) => s.category === 'closed_won')!.id;
  for (const d of deals)
    await t.ctx.db
      .insertInto('opportunities')
      .values({
        id: newId(),
        orgId: t.orgId,
        name: `won ${d.amount}`,
        customerId: customer.id,
        pipelineId: pipeline.id,
        stageId: won,
        status: 'won',
        amount: d.amount,
        currency: 'CNY',
        ownerId: d.ownerId,
        stageEnteredAt: d.closedAt,
        checklist: '{}',
        closedAt: d.closedAt,
        custom: '{}',
        createdAt: d.createdAt,
        updatedAt: d.closedAt,
      })
      .execute();
}

export type DealRows = {
  ownerId: string;
  orgId?: string;
  customerId: string;
  pipelineId: string;
  amount: number;
  created: number;
  /** The stages it passed, with when it entered each (the last is where it is). */
  stays: [string, number][];
  status: 'open' | 'won' | 'lost';
  closedAt?: number;
  expectedCloseDate?: string | null;
};

/** A deal written straight into the tables with its stage history (a past the services cannot make). */
export async function insertDealWithHistory(t: TestApp, d: DealRows): Promise<string> {
  const id = newId();
  const last = d.stays.at(-1)!;
  const orgId = d.orgId ?? t.orgId;
  await t.ctx.db
    .insertInto('opportunities')
    .values({
      id,
      orgId,
      name: `deal ${id.slice(-6)}`,
      customerId: d.customerId,
      pipelineId: d.pipelineId,
      stageId: last[0],
      status: d.status,
      amount: d.amount,
      currency: 'CNY',
      expectedCloseDate: d.expectedCloseDate ?? null,
      ownerId: d.ownerId,
      stageEnteredAt: last[1],
      checklist: '{}',
      closedAt: d.closedAt ?? null,
      custom: '{}',
      createdAt: d.created,
      updatedAt: last[1],
    })
    .execute();
  for (const [i, [stageId, at]] of d.stays.entries())
    await t.ctx.db
      .insertInto('opportunityStageHistory')
      .values({
        id: newId(),
        orgId,
        opportunityId: id,
        stageId,
        enteredAt: at,
        leftAt: d.stays[i + 1]?.[1] ?? null,
        nextStageId: d.stays[i + 1]?.[0] ?? null,
      })
      .execute();
  return id;
}
