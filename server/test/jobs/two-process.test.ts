import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/index.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { enqueue } from '../../src/platform/jobs/queue.js';
import { createPgDatabase } from '../../src/testing/db.js';

const fixture = path.join(import.meta.dirname, 'fixtures/two-workers.ts');
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const jobCount = 200;

type Worker = {
  name: string;
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  exit: Promise<number | null>;
};

/** Starts a real Node process running a job worker on the database; resolves once it says "ready". */
async function startWorker(url: string, name: string): Promise<Worker> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, url, name], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'test' },
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      let i = buf.indexOf('\n');
      while (i >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        if (line === 'ready') resolve();
        i = buf.indexOf('\n');
      }
    });
    void exit.then((code) => reject(new Error(`worker ${name} exited with ${code} before ready: ${stderr}`)));
  });
  void exit.then((code) => {
    if (code !== 0) console.error(`worker ${name} exited with ${code}: ${stderr}`);
  });
  return { name, child, lines, exit };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('two worker processes on one PostgreSQL', () => {
  let url: string;
  let drop: () => Promise<void>;
  let database: Database;
  let results: { worker: string; ran: number; createdOnceJob: boolean }[];
  let effects: { jobId: string; worker: string; n: number }[];
  const ids: string[] = [];

  beforeAll(async () => {
    ({ url, drop } = await createPgDatabase());
    database = openDatabase(url, { poolSize: 2 });
    await migrateToLatest(database.db);
    const workers = await Promise.all([startWorker(url, 'worker-a'), startWorker(url, 'worker-b')]);
    try {
      // 200 jobs scheduled once, all due now.
      const now = Date.now();
      for (let i = 0; i < jobCount; i++) {
        await enqueue(database.db, {
          type: 'test.effect',
          runAt: now,
          payload: { i },
          uniqueKey: `two-process:${i}`,
          now,
        });
      }
      const rows = await database.db
        .selectFrom('jobs')
        .select('id')
        .where('type', '=', 'test.effect')
        .execute();
      ids.push(...rows.map((r) => r.id));
      for (const w of workers) w.child.stdin.end('go\n');
      const timeout = setTimeout(() => {
        for (const w of workers) w.child.kill();
      }, 90_000);
      const codes = await Promise.all(workers.map((w) => w.exit));
      clearTimeout(timeout);
      expect(codes).toEqual([0, 0]);
      results = workers.map((w) => JSON.parse(w.lines.at(-1)!));
    } finally {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill();
    }
    const { rows } = await sql<{ jobId: string; worker: string; n: number }>`
      select job_id, min(worker) as worker, count(*)::int as n from job_effects group by job_id`.execute(
      database.db,
    );
    effects = rows;
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it('runs every job exactly once', async () => {
    const once = await database.db
      .selectFrom('jobs')
      .select('id')
      .where('uniqueKey', '=', 'two-process:once')
      .executeTakeFirstOrThrow();
    const all = [...ids, once.id].sort();
    expect(effects.map((e) => e.jobId).sort()).toEqual(all);
    expect(effects.filter((e) => e.n !== 1)).toEqual([]);
    const states = await database.db
      .selectFrom('jobs')
      .select(['status', 'attempts'])
      .where('type', '=', 'test.effect')
      .execute();
    expect(states).toHaveLength(jobCount + 1);
    expect(states.every((s) => s.status === 'done' && s.attempts === 1)).toBe(true);
  });

  it('shares the work between both processes', () => {
    expect(results.map((r) => r.worker).sort()).toEqual(['worker-a', 'worker-b']);
    for (const r of results) expect(r.ran).toBeGreaterThan(0);
    expect(results.reduce((s, r) => s + r.ran, 0)).toBe(jobCount + 1);
    expect([...new Set(effects.map((e) => e.worker))].sort()).toEqual(['worker-a', 'worker-b']);
  });

  it('creates and fires a job scheduled once with one unique key by both processes exactly once', async () => {
    expect(results.filter((r) => r.createdOnceJob)).toHaveLength(1);
    const once = await database.db
      .selectFrom('jobs')
      .select(['id', 'status'])
      .where('uniqueKey', '=', 'two-process:once')
      .execute();
    expect(once).toHaveLength(1);
    expect(effects.filter((e) => e.jobId === once[0]!.id)).toEqual([
      expect.objectContaining({ jobId: once[0]!.id, n: 1 }),
    ]);
  });

  it('schedules the recurring housekeeping job once per slot across both processes', async () => {
    const rows = await database.db
      .selectFrom('jobs')
      .select(['uniqueKey'])
      .where('type', '=', 'system.housekeeping')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(new Set(rows.map((r) => r.uniqueKey)).size).toBe(rows.length);
  });
});
