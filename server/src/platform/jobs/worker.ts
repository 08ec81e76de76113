import os from 'node:os';
import { type Kysely, sql } from 'kysely';
import type { DB, Job } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { emitEvent } from '../events/outbox.js';
import { newId } from '../ids.js';
import { backoffMs, enqueue } from './queue.js';

export type JobHandler = (job: Job & { data: Record<string, unknown> }, ctx: AppContext) => Promise<void>;

type Subscriber = { pattern: string; jobType: string };
type Recurring = { type: string; everyMs: number };

/**
 * The registry of job handlers, event subscribers and recurring jobs, and the loop that runs them.
 * Any number of app instances may run a worker on one PostgreSQL: a job is claimed by exactly one
 * (UPDATE … FOR UPDATE SKIP LOCKED) and held by a lease; a crashed worker's lease expires and the
 * job is retried. Handlers must be idempotent (a retry after a crash may repeat work).
 */
export type JobRunnerOptions = {
  /** How long a claimed job is held before another worker may take it over (default 5 min). */
  leaseMs?: number;
  /** Jobs claimed per query (default 10). */
  batch?: number;
  /** Pause between ticks of the background loop (default 1 s). */
  pollMs?: number;
  /** Names this worker in `locked_by` (default host:pid:random). */
  workerId?: string;
  /** The jitter source of the retry backoff (tests pass a constant). */
  random?: () => number;
};

export class JobRunner {
  readonly workerId: string;
  private handlers = new Map<string, JobHandler>();
  private subscribers: Subscriber[] = [];
  private recurring: Recurring[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private ctx: AppContext,
    private opts: JobRunnerOptions = {},
  ) {
    this.workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${newId().slice(-6)}`;
  }

  handle(type: string, handler: JobHandler): void {
    this.handlers.set(type, handler);
  }

  /** Runs `jobType` for every event whose type matches `pattern` ('user.*', 'job.dead', '*'). */
  subscribe(pattern: string, jobType: string): void {
    this.subscribers.push({ pattern, jobType });
  }

  every(type: string, everyMs: number): void {
    this.recurring.push({ type, everyMs });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.tick().then(
        () => undefined,
        (err) => console.error('[jobs] tick failed', err),
      );
      await this.running;
      if (!this.stopped) this.timer = setTimeout(loop, this.opts.pollMs ?? 1000);
    };
    this.timer = setTimeout(loop, 10);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: schedule recurring jobs, dispatch new events, run due jobs. Returns jobs run. */
  async tick(): Promise<number> {
    await this.scheduleRecurring();
    await this.dispatchEvents();
    await this.buryExhausted();
    let total = 0;
    for (;;) {
      const jobs = await this.claim();
      if (!jobs.length) return total;
      for (const job of jobs) await this.run(job);
      total += jobs.length;
    }
  }

  /** Runs ticks until no job is due (tests use this with a manual clock). */
  async drain(): Promise<number> {
    let total = 0;
    for (let i = 0; i < 50; i++) {
      const n = await this.tick();
      total += n;
      if (n === 0) return total;
    }
    return total;
  }

  private async scheduleRecurring(): Promise<void> {
    const now = this.ctx.clock.now();
    for (const r of this.recurring) {
      const slot = Math.floor(now / r.everyMs) * r.everyMs;
      await enqueue(this.ctx.db, { type: r.type, runAt: slot, uniqueKey: `${r.type}@${slot}`, now });
    }
  }

  private async dispatchEvents(): Promise<void> {
    const { db, database } = this.ctx;
    const lock = database.dialect === 'postgres' ? sql` for update skip locked` : sql``;
    await db.transaction().execute(async (tx) => {
      const { rows } = await sql<{ id: string; orgId: string; type: string }>`
        select id, org_id, type from events where dispatched_at is null order by id limit 200${lock}`.execute(
        tx,
      );
      if (!rows.length) return;
      const now = this.ctx.clock.now();
      for (const e of rows) {
        for (const s of this.subscribers.filter((s) => matches(s.pattern, e.type))) {
          await enqueue(tx, {
            type: s.jobType,
            orgId: e.orgId,
            payload: { eventId: e.id },
            runAt: now,
            uniqueKey: `event:${e.id}:${s.jobType}`,
            now,
          });
        }
      }
      await tx
        .updateTable('events')
        .set({ dispatchedAt: now })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    });
  }

  private async claim(): Promise<Job[]> {
    const now = this.ctx.clock.now();
    const until = now + (this.opts.leaseMs ?? 5 * 60_000);
    const limit = this.opts.batch ?? 10;
    const lock = this.ctx.database.dialect === 'postgres' ? sql`for update skip locked` : sql``;
    const { rows } = await sql<Job>`
      update jobs set status = 'running', locked_by = ${this.workerId}, locked_until = ${until},
        attempts = attempts + 1
      where id in (
        select id from jobs
        where (status = 'queued' and run_at <= ${now})
          or (status = 'running' and locked_until < ${now} and attempts < max_attempts)
        order by run_at, id limit ${limit} ${lock})
      returning id, org_id as "orgId", type, payload, run_at as "runAt", status, attempts,
        max_attempts as "maxAttempts", locked_by as "lockedBy", locked_until as "lockedUntil",
        last_error as "lastError", unique_key as "uniqueKey", created_at as "createdAt",
        finished_at as "finishedAt"`.execute(this.ctx.db);
    return rows.map((r) => ({ ...r, runAt: Number(r.runAt), attempts: Number(r.attempts) }));
  }

  private async run(job: Job): Promise<void> {
    const { db, clock } = this.ctx;
    const handler = this.handlers.get(job.type);
    try {
      if (!handler) throw new Error(`no handler for job type ${job.type}`);
      await handler({ ...job, data: JSON.parse(job.payload) }, this.ctx);
      await db
        .updateTable('jobs')
        .set({ status: 'done', finishedAt: clock.now(), lockedUntil: null, lastError: null })
        .where('id', '=', job.id)
        .where('lockedBy', '=', this.workerId)
        .execute();
    } catch (err) {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      const dead = job.attempts >= job.maxAttempts;
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const res = await tx
          .updateTable('jobs')
          .set({
            status: dead ? 'dead' : 'queued',
            runAt: dead ? job.runAt : now + backoffMs(job.attempts, (this.opts.random ?? Math.random)()),
            lockedBy: null,
            lockedUntil: null,
            lastError: message.slice(0, 4000),
            finishedAt: dead ? now : null,
          })
          .where('id', '=', job.id)
          .where('lockedBy', '=', this.workerId)
          .executeTakeFirst();
        if (dead && Number(res.numUpdatedRows) > 0) await this.emitDead(tx, job, message, now);
      });
    }
  }

  /**
   * A job whose worker died while running it (lease expired) and that has no attempts left would crash
   * the next worker too: mark it dead instead of claiming it again.
   */
  private async buryExhausted(): Promise<void> {
    const { db, clock, database } = this.ctx;
    const now = clock.now();
    const exhausted = sql`status = 'running' and locked_until < ${now} and attempts >= max_attempts`;
    const any = await sql`select 1 from jobs where ${exhausted} limit 1`.execute(db);
    if (!any.rows.length) return;
    const lock = database.dialect === 'postgres' ? sql` for update skip locked` : sql``;
    await db.transaction().execute(async (tx) => {
      const { rows } = await sql<Job>`
        select id, org_id as "orgId", type, attempts from jobs where ${exhausted}
        order by id limit 100${lock}`.execute(tx);
      for (const job of rows) {
        const message = `lease expired after ${job.attempts} attempts (the worker stopped while running it)`;
        await tx
          .updateTable('jobs')
          .set({ status: 'dead', lockedBy: null, lockedUntil: null, lastError: message, finishedAt: now })
          .where('id', '=', job.id)
          .where('status', '=', 'running')
          .execute();
        await this.emitDead(tx, job, message, now);
      }
    });
  }

  /**
   * Tells the org's admins (via the `job.dead` event) that a job failed for good. Not for the jobs that
   * handle `job.dead` themselves: their failure would make another such job, without end.
   */
  private async emitDead(
    tx: Kysely<DB>,
    job: Pick<Job, 'id' | 'orgId' | 'type'>,
    message: string,
    now: number,
  ): Promise<void> {
    if (!job.orgId) return;
    if (this.subscribers.some((s) => s.jobType === job.type && matches(s.pattern, 'job.dead'))) return;
    await emitEvent(tx, {
      orgId: job.orgId,
      type: 'job.dead',
      object: 'job',
      recordId: job.id,
      actorId: null,
      at: now,
      payload: { jobType: job.type, error: message.split('\n')[0] },
    });
  }
}

function matches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}
