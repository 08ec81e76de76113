import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { type App, buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createOrg } from '../modules/org/bootstrap.js';
import { ManualClock } from '../platform/clock.js';
import type { AppContext } from '../platform/context.js';
import type { JobRunner } from '../platform/jobs/worker.js';
import { LocalStorage, type Storage } from '../platform/storage/index.js';
import { seedDemoOrg } from '../seed/demo-org.js';
import { buildJobRunner } from '../worker.js';
import { freshDatabase } from './db.js';

export const adminPassword = 'Admin-pass-2026';

type Inject = (o: {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}) => Promise<LightMyRequestResponse>;

/** A signed-in client: injects requests with the session cookie and CSRF token of one user. */
export type Client = Inject & { csrf: string; userId: string };

export type TestApp = {
  app: App;
  ctx: AppContext;
  clock: ManualClock;
  jobs: JobRunner;
  orgId: string;
  rootDepartmentId: string;
  adminId: string;
  /** Sign in through the real login endpoint. */
  login(login: string, password?: string): Promise<Client>;
  close(): Promise<void>;
};

/**
 * A fresh app on a fresh database (SQLite or PostgreSQL) with one org and its admin
 * (admin@test.cadence / adminPassword). The clock is manual; jobs run only when a test drains them.
 */
export async function makeTestApp(
  dialect: 'sqlite' | 'postgres',
  o: { orgName?: string; env?: Record<string, string>; storage?: Storage } = {},
): Promise<TestApp> {
  const database = await freshDatabase(dialect);
  const clock = new ManualClock();
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, CADENCE_DEMO: 'off', ...o.env });
  // Files go to a temporary directory of this app only (removed by close), unless a test brings its own storage.
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-test-files-'));
  const storage = o.storage ?? new LocalStorage(filesDir);
  const ctx: AppContext = { db: database.db, database, clock, config, storage };
  const org = await database.db
    .transaction()
    .execute((tx) =>
      createOrg(
        tx,
        { name: o.orgName ?? '测试公司', adminEmail: 'admin@test.cadence', adminPassword },
        clock.now(),
      ),
    );
  const app = await buildApp(ctx);
  const jobs = buildJobRunner(ctx);
  const login = async (loginName: string, password = adminPassword): Promise<Client> => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: loginName, password },
    });
    if (res.statusCode !== 200) throw new Error(`login ${loginName} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const { csrfToken, user } = res.json() as { csrfToken: string; user: { id: string } };
    const client = ((r) =>
      app.inject({
        method: r.method ?? 'GET',
        url: r.url,
        payload: r.body as never,
        headers: { cookie, 'x-csrf-token': csrfToken, ...r.headers },
      })) as Client;
    client.csrf = csrfToken;
    client.userId = user.id;
    return client;
  };
  return {
    app,
    ctx,
    clock,
    jobs,
    orgId: org.orgId,
    rootDepartmentId: org.rootDepartmentId,
    adminId: org.adminId,
    login,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** Adds the demo org chart (华东大区/上海一组 …, ~20 users, password Cadence@2026) to a test app's org. */
export async function withDemoOrg(t: TestApp) {
  return t.ctx.db.transaction().execute((tx) => seedDemoOrg(tx, t.orgId, t.rootDepartmentId, t.clock.now()));
}
