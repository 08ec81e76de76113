// The deals section of `npm run bench` (--deals <n>): an org with n deals (商机) over the two shipped
// pipelines and 10×n follow-ups (bench:data: 200 departments, 2,000 users, n/5 customers, n/5 leads),
// then, one request after another through the real server: the kanban of each pipeline as the admin
// and as a branch manager (~50 reps in their department subtree), 业绩目标 (the year's tree of the org
// chart) as both, a 绩效考核 month of the department holding ~200 reps (five metrics, each rep with a
// target) as both, 待办 (`view=mine`) as a rep and (`view=team`) as that manager, and stage moves
// through the gates into a stage whose approval definition applies (202, sent for approval) — each
// against the same SQL replayed on the bare driver.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../server/src/app.js';
import { type Database, pgSessionOptions } from '../server/src/db/index.js';
import { loadPipelines } from '../server/src/modules/opportunities/pipelines.repo.js';
import type { AppContext } from '../server/src/platform/context.js';
import { newId } from '../server/src/platform/ids.js';
import { databaseSizeMiB, type Session, signIn } from './customers.js';
import { type Call, type Dashboard, dashboardCalls, loadAll } from './dashboard-load.js';
import { generate } from './data.js';
import { generatedUserPassword } from './generators/org.js';
import { type CapturedQuery, QueryCapture } from './lib/capture.js';
import { type Stats, sample } from './lib/sample.js';

export type DealMeasurement = {
  key: string;
  label: string;
  as: 'admin' | 'manager' | 'rep';
  full: Stats;
  raw: Stats;
  queries: CapturedQuery[];
  /** Response status codes of the measured requests (warm-up and capture included). */
  codes: Record<string, number>;
};

export type DealsResult = {
  deals: number;
  followUps: number;
  customers: number;
  generation: {
    seconds: number;
    dealsPerSec: number;
    peakRssMiB: number;
    dbSizeMiB: number;
    totalSeconds: number;
  };
  manager: { title: string; department: string; reps: number };
  /** Deals on each pipeline's board (the columns' counts), as admin / as the manager. */
  visible: { pipeline: string; admin: number; manager: number }[];
  /** Open deals of the rep (their 待办 `mine`). */
  repDeals: number;
  approvalThreshold: number;
  measurements: DealMeasurement[];
  /** Each role dashboard loaded whole (every widget's requests), per period. */
  dashboards: {
    name: string;
    widgets: number;
    as: 'admin' | 'manager';
    period: string;
    requests: number;
    full: Stats;
    /** The slowest requests of the dashboard, each sent alone. */
    slowest: { call: string; ms: number }[];
  }[];
};

type Req = {
  key: string;
  label: string;
  as: DealMeasurement['as'];
  method: 'GET' | 'POST';
  /** The path and body of the i-th request (moves take a new deal each time). */
  path: (i: number) => string;
  body?: (i: number) => unknown;
  ifMatch?: string;
  expect: number;
};

/** A move into 方案演示 above this amount (分: 50,000 元) needs approval. */
const threshold = 5_000_000;

export async function benchDeals(o: {
  dialect: 'sqlite' | 'postgres';
  url: string;
  database: Database;
  ctx: AppContext;
  deals: number;
  requests: number;
  maxSeconds: number;
  log: (s: string) => void;
}): Promise<DealsResult> {
  const { database, ctx, log } = o;
  const db = database.db;
  const customers = Math.max(1000, Math.round(o.deals / 5));
  const counts = {
    departments: 200,
    users: 2000,
    customers,
    leads: customers,
    opportunities: o.deals,
    'follow-ups': o.deals * 10,
  };
  log(
    `deals: bench:data ${Object.entries(counts)
      .map(([k, v]) => `--${k} ${v}`)
      .join(' ')}`,
  );
  const gen = await generate(
    { databaseUrl: o.url, counts, orgName: '基准商机公司', seed: 13, log: (l) => log(`  ${l.trim()}`) },
    database,
  );
  const orgId = gen.orgId;
  if (o.dialect === 'postgres') await sql`vacuum analyze`.execute(db);
  else await sql`pragma optimize = 0x10002`.execute(db);
  const st = gen.stats.opportunities!;
  const generation = {
    seconds: st.seconds,
    dealsPerSec: o.deals / st.seconds,
    peakRssMiB: st.peakRssMiB ?? 0,
    dbSizeMiB: await databaseSizeMiB(o.dialect, o.url, database),
    totalSeconds: gen.seconds,
  };
  log(
    `deals: deals + follow-ups generated in ${st.seconds.toFixed(1)} s (all of bench:data ${gen.seconds.toFixed(1)} s); database ${generation.dbSizeMiB.toFixed(0)} MiB`,
  );

  // The manager: of the department whose subtree holds closest to 50 active sales reps.
  const subtrees = await db
    .selectFrom('departments as d')
    .innerJoin('users as m', 'm.id', 'd.managerId')
    .innerJoin('departmentClosure as c', 'c.ancestorId', 'd.id')
    .innerJoin('users as u', 'u.departmentId', 'c.descendantId')
    .innerJoin('userRoles as ur', 'ur.userId', 'u.id')
    .innerJoin('roles as r', 'r.id', 'ur.roleId')
    .select(['d.id', 'd.name', 'm.id as managerId', 'm.email', 'm.title'])
    .select((eb) => eb.fn.countAll<number>().as('reps'))
    .where('d.orgId', '=', orgId)
    .where('m.active', '=', 1)
    .where('u.active', '=', 1)
    .where('r.key', '=', 'sales_rep')
    .groupBy(['d.id', 'd.name', 'm.id', 'm.email', 'm.title'])
    .execute();
  const team = subtrees.sort((a, b) => Math.abs(Number(a.reps) - 50) - Math.abs(Number(b.reps) - 50))[0];
  if (!team) throw new Error('deals: no department with a manager and reps');
  // The rep: the active sales rep of that subtree with the most open deals.
  const rep = await db
    .selectFrom('opportunities as o')
    .innerJoin('users as u', 'u.id', 'o.ownerId')
    .innerJoin('userRoles as ur', 'ur.userId', 'u.id')
    .innerJoin('roles as r', 'r.id', 'ur.roleId')
    .select(['u.id', 'u.email'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('o.orgId', '=', orgId)
    .where('o.status', '=', 'open')
    .where('u.active', '=', 1)
    .where('r.key', '=', 'sales_rep')
    .where('u.departmentId', 'in', (eb) =>
      eb.selectFrom('departmentClosure').select('descendantId').where('ancestorId', '=', team.id),
    )
    .groupBy(['u.id', 'u.email'])
    .orderBy(sql`count(*)`, 'desc')
    .executeTakeFirstOrThrow();

  const pipelines = await loadPipelines(db, orgId);
  const general = pipelines.find((p) => p.name === '通用销售流程') ?? pipelines[0]!;
  const from = general.stages.find((s) => s.name === '需求确认') ?? general.stages[1]!;
  const to = general.stages.find((s) => s.name === '方案演示') ?? general.stages[2]!;
  // Deals a move takes one each: open in 需求确认, above the threshold, with what 方案演示's gates ask.
  const movable = await db
    .selectFrom('opportunities')
    .select('id')
    .where('orgId', '=', orgId)
    .where('stageId', '=', from.id)
    .where('status', '=', 'open')
    .where('amount', '>', threshold)
    .where('expectedCloseDate', 'is not', null)
    .orderBy('id')
    .limit(o.requests + 10)
    .execute();
  if (movable.length < o.requests + 10)
    throw new Error(`deals: only ${movable.length} deals to move (need ${o.requests + 10})`);
  let nextDeal = 0;
  const moveIds: string[] = [];
  const dealFor = (i: number) => {
    moveIds[i] ??= movable[nextDeal++]!.id;
    return moveIds[i];
  };

  const app = await buildApp(ctx, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const capture = new QueryCapture();
  const captured = capture.open(o.url);
  const captureApp = await buildApp({ ...ctx, db: captured.db, database: captured }, { logger: false });
  const measurements: DealMeasurement[] = [];
  const dashboards: DealsResult['dashboards'] = [];
  const visible: DealsResult['visible'] = [];
  let pgClient: pg.Client | null = null;
  try {
    if (o.dialect === 'postgres') {
      pgClient = new pg.Client({ connectionString: o.url, options: pgSessionOptions });
      await pgClient.connect();
    }
    const sessions = {
      admin: await signIn(base, gen.adminEmail!, gen.adminPassword!),
      manager: await signIn(base, team.email, generatedUserPassword),
      rep: await signIn(base, rep.email, generatedUserPassword),
    };
    await call(base, sessions.admin, {
      method: 'POST',
      path: '/api/v1/approval-definitions',
      body: {
        name: '大额商机方案审批',
        object: 'opportunity',
        trigger: { type: 'stage_enter', stageIds: [to.id] },
        conditions: [{ field: 'amount', op: 'gt', value: threshold }],
        steps: [{ name: '分公司经理审批', approvers: { type: 'users', userIds: [team.managerId] } }],
      },
      expect: 201,
    });

    // 绩效考核: the department whose subtree holds closest to 200 active reps, scored each month
    // 60/30/10 on deals, follow-ups, leads and customers, each rep with a won-amount target.
    const scope = (
      await db
        .selectFrom('departments as d')
        .innerJoin('departmentClosure as c', 'c.ancestorId', 'd.id')
        .innerJoin('users as u', 'u.departmentId', 'c.descendantId')
        .select(['d.id', 'd.name'])
        .select((eb) => eb.fn.countAll<number>().as('reps'))
        .where('d.orgId', '=', orgId)
        .where('u.active', '=', 1)
        .groupBy(['d.id', 'd.name'])
        .execute()
    ).sort((a, b) => Math.abs(Number(a.reps) - 200) - Math.abs(Number(b.reps) - 200))[0]!;
    // This month in the org's calendar (the bench org's zone), as a target period key.
    const thisMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
      .format(new Date())
      .slice(0, 7);
    const scored = await db
      .selectFrom('users as u')
      .innerJoin('departmentClosure as c', 'c.descendantId', 'u.departmentId')
      .select('u.id')
      .where('c.ancestorId', '=', scope.id)
      .where('u.active', '=', 1)
      .execute();
    await call(base, sessions.admin, {
      method: 'PUT',
      path: '/api/v1/targets',
      body: {
        metric: 'won_amount',
        reason: 'bench',
        cells: scored
          .slice(0, 400)
          .map((u) => ({ nodeType: 'user', nodeId: u.id, period: thisMonth, value: 50_000_000 })),
      },
      expect: 200,
    });
    const card = JSON.parse(
      (
        await call(base, sessions.admin, {
          method: 'POST',
          path: '/api/v1/scorecards',
          body: {
            name: '月度考核',
            subject: 'rep',
            granularity: 'month',
            departmentId: scope.id,
            weights: { result: 60, process: 30, customer: 10 },
            items: [
              { metric: 'won_amount', group: 'result', weight: 70, rule: { type: 'target', cap: 120 } },
              {
                metric: 'win_rate',
                group: 'result',
                weight: 30,
                rule: { type: 'linear', zero: 0.2, full: 0.6 },
              },
              {
                metric: 'follow_ups',
                group: 'process',
                weight: 50,
                rule: { type: 'rank', better: 'higher' },
              },
              {
                metric: 'lead_response_hours',
                group: 'process',
                weight: 50,
                rule: { type: 'linear', zero: 48, full: 2 },
              },
              {
                metric: 'new_customers',
                group: 'customer',
                weight: 100,
                rule: { type: 'rank', better: 'higher' },
              },
            ],
          },
          expect: 201,
        })
      ).text,
    ) as { id: string };

    const requests: Req[] = [
      {
        key: 'move',
        label: `\`POST /opportunities/:id/move\` ${from.name} → ${to.name} (gates met, approval applies: 202)`,
        as: 'admin',
        method: 'POST',
        path: (i) => `/api/v1/opportunities/${dealFor(i)}/move`,
        body: () => ({ stageId: to.id }),
        ifMatch: '1',
        expect: 202,
      },
      ...pipelines.flatMap((p) =>
        (['admin', 'manager'] as const).map(
          (as): Req => ({
            key: `board-${p.position}`,
            label: `Kanban \`GET /opportunities/board?pipelineId=…\` ${p.name} (${p.stages.length} stages)`,
            as,
            method: 'GET',
            path: () => `/api/v1/opportunities/board?pipelineId=${p.id}`,
            expect: 200,
          }),
        ),
      ),
      ...(['admin', 'manager'] as const).map(
        (as): Req => ({
          key: 'targets',
          label: '业绩目标 `GET /targets?metric=won_amount&period=this_year` (the org chart in reach)',
          as,
          method: 'GET',
          path: () => '/api/v1/targets?metric=won_amount&period=this_year',
          expect: 200,
        }),
      ),
      ...(['admin', 'manager'] as const).map(
        (as): Req => ({
          key: 'scorecard',
          label: `绩效考核 \`GET /scorecards/:id/scores?period=this_month\` (${scored.length} reps of ${scope.name}, 5 metrics)`,
          as,
          method: 'GET',
          path: () => `/api/v1/scorecards/${card.id}/scores?period=this_month`,
          expect: 200,
        }),
      ),
      ...(['admin', 'manager'] as const).map(
        (as): Req => ({
          key: 'forecast-90d',
          label:
            '成交预测 `GET /forecast?horizon=90d` (every open deal in reach, the year of history before it)',
          as,
          method: 'GET',
          path: () => '/api/v1/forecast?horizon=90d',
          expect: 200,
        }),
      ),
      {
        key: 'forecast-backtest',
        label: '回测 `GET /forecast/backtest` (the forecast replayed at 14 past dates)',
        as: 'manager',
        method: 'GET',
        path: () => '/api/v1/forecast/backtest',
        expect: 200,
      },
      ...(['admin', 'manager'] as const).map(
        (as): Req => ({
          key: 'drill',
          label: '明细 `POST /metrics/records` won amount this year, the first 50 deals behind it',
          as,
          method: 'POST',
          path: () => '/api/v1/metrics/records',
          body: () => ({ metric: 'won_amount', period: 'this_year', limit: 50 }),
          expect: 200,
        }),
      ),
      {
        key: 'todo-mine',
        label: '待办 `GET /todo?view=mine`',
        as: 'rep',
        method: 'GET',
        path: () => '/api/v1/todo?view=mine',
        expect: 200,
      },
      {
        key: 'todo-team',
        label: '待办 `GET /todo?view=team`',
        as: 'manager',
        method: 'GET',
        path: () => '/api/v1/todo?view=team',
        expect: 200,
      },
    ];

    for (const r of requests) {
      const session = sessions[r.as];
      const codes: Record<string, number> = {};
      let i = 0;
      const one = async () => {
        const n = i++;
        const res = await call(base, session, { ...r, path: r.path(n), body: r.body?.(n) });
        codes[res.status] = (codes[res.status] ?? 0) + 1;
        if (res.status !== r.expect)
          throw new Error(`${r.method} ${r.path(n)} as ${r.as}: ${res.status} ${res.text.slice(0, 500)}`);
        return res.text;
      };
      const first = await one();
      if (r.key.startsWith('board')) {
        const board = JSON.parse(first) as { columns: { count: number }[] };
        const seen = board.columns.reduce((n, c) => n + c.count, 0);
        const p = pipelines.find((x) => r.key === `board-${x.position}`)!;
        let v = visible.find((x) => x.pipeline === p.name);
        if (!v) {
          v = { pipeline: p.name, admin: 0, manager: 0 };
          visible.push(v);
        }
        v[r.as as 'admin' | 'manager'] = seen;
      }
      // The SQL of one such request, captured on a second app over the same database (a move: on
      // a deal of its own, then replayed with fresh ids for the rows it wrote, rolled back each time).
      const n = i++;
      capture.reset();
      capture.recording = true;
      const startedAt = Date.now();
      const injected = await captureApp.inject({
        method: r.method,
        url: r.path(n),
        headers: headersOf(session, r.body ? r.body(n) : undefined, r.ifMatch),
        payload: r.body ? JSON.stringify(r.body(n)) : undefined,
      });
      capture.recording = false;
      codes[injected.statusCode] = (codes[injected.statusCode] ?? 0) + 1;
      if (injected.statusCode !== r.expect)
        throw new Error(`captured ${r.path(n)}: ${injected.statusCode} ${injected.body.slice(0, 500)}`);
      const queries = [...capture.queries];
      const full = await sample(o.requests, o.maxSeconds, one);
      const raw = await sample(
        o.requests,
        o.maxSeconds,
        rawRunner(database, pgClient, queries, r.method === 'POST' ? startedAt - 1 : null),
      );
      log(
        `deals: ${r.key} as ${r.as}: full p50 ${full.p50.toFixed(2)} / p95 ${full.p95.toFixed(2)} ms; raw p50 ${raw.p50.toFixed(2)} ms (${queries.length} queries, n=${full.n}); codes ${JSON.stringify(codes)}`,
      );
      measurements.push({ key: r.key, label: r.label, as: r.as, full, raw, queries, codes });
    }

    // 业绩: each one's role dashboard as the browser loads it, every widget's requests six at a time.
    for (const as of ['admin', 'manager'] as const) {
      const session = sessions[as];
      const listed = JSON.parse(
        (await call(base, session, { method: 'GET', path: '/api/v1/dashboards', expect: 200 })).text,
      ) as { data: (Dashboard & { isDefault: boolean })[] };
      const board = listed.data.find((d) => d.isDefault)!;
      for (const period of ['this_month', 'this_year']) {
        const calls = dashboardCalls(board, period, general.id);
        const send = async (c: Call) =>
          (await call(base, session, { method: c.method, path: c.path, body: c.body })).status;
        const full = await sample(o.requests, o.maxSeconds, () => loadAll(calls, send));
        // Where the time goes: each request alone, the slowest three.
        const alone: { call: string; ms: number }[] = [];
        for (const c of calls) {
          const t0 = performance.now();
          await send(c);
          const what = c.body ? ` ${(c.body as { metric: string }).metric}` : '';
          alone.push({ call: `${c.path.replace('/api/v1', '')}${what}`, ms: performance.now() - t0 });
        }
        const slowest = alone.sort((a, b) => b.ms - a.ms).slice(0, 3);
        log(`deals: … slowest alone: ${slowest.map((x) => `${x.call} ${x.ms.toFixed(0)} ms`).join(', ')}`);
        log(
          `deals: dashboard ${board.builtinKey} ${period} as ${as}: p50 ${full.p50.toFixed(1)} / p95 ${full.p95.toFixed(1)} ms (${calls.length} requests, n=${full.n})`,
        );
        dashboards.push({
          name: board.builtinKey ?? board.name,
          widgets: board.widgets.length,
          as,
          period,
          requests: calls.length,
          full,
          slowest,
        });
      }
    }
  } finally {
    await pgClient?.end();
    await captureApp.close();
    await captured.close();
    await app.close();
  }
  // Every move was sent for approval: the deals stayed in their stage, each with a pending request.
  const pending = await db
    .selectFrom('approvalInstances')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('orgId', '=', orgId)
    .where('status', '=', 'pending')
    .where('recordId', 'in', moveIds)
    .executeTakeFirstOrThrow();
  if (Number(pending.n) !== moveIds.length)
    throw new Error(`deals: ${moveIds.length} moves made ${pending.n} pending approvals`);
  log(`deals: ${moveIds.length} moves, each with a pending approval`);
  const repDeals = await db
    .selectFrom('opportunities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('orgId', '=', orgId)
    .where('ownerId', '=', rep.id)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return {
    deals: o.deals,
    followUps: o.deals * 10,
    customers,
    generation,
    manager: { title: team.title ?? 'sales manager', department: team.name, reps: Number(team.reps) },
    visible,
    repDeals: Number(repDeals.n),
    approvalThreshold: threshold,
    measurements,
    dashboards,
  };
}

function headersOf(s: Session, body: unknown, ifMatch?: string): Record<string, string> {
  return {
    cookie: s.cookie,
    ...(body ? { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken } : {}),
    ...(ifMatch ? { 'if-match': `"${ifMatch}"` } : {}),
  };
}

async function call(
  base: string,
  s: Session,
  r: { method: 'GET' | 'POST' | 'PUT'; path: string; body?: unknown; ifMatch?: string; expect?: number },
) {
  const send = () =>
    fetch(base + r.path, {
      method: r.method,
      headers: headersOf(s, r.body, r.ifMatch),
      body: r.body ? JSON.stringify(r.body) : undefined,
    });
  // A keep-alive connection left idle past the server's 72 s (while raw SQL replays run) may be closed
  // just as it is reused (ECONNRESET, or undici's "other side closed"): that one request goes again.
  const res = await send().catch((e: { cause?: { code?: string } }) => {
    if (e.cause?.code !== 'ECONNRESET' && e.cause?.code !== 'UND_ERR_SOCKET') throw e;
    return send();
  });
  const text = await res.text();
  if (r.expect && res.status !== r.expect) throw new Error(`${r.method} ${r.path}: ${res.status} ${text}`);
  return { status: res.status, text };
}

/** The creation time (ms) of a UUIDv7, or null when `v` is not one. */
function v7Time(v: unknown): number | null {
  if (
    typeof v !== 'string' ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(v)
  )
    return null;
  return Number.parseInt(v.slice(0, 8) + v.slice(9, 13), 16);
}

/**
 * One replay of a request's queries on the bare driver (SQLite: statements prepared once). A write
 * (`wroteAfter` set) runs in a transaction rolled back afterwards, with the ids the request made
 * (UUIDv7 created after `wroteAfter`) replaced by fresh ones each time, so its inserts insert again.
 */
function rawRunner(
  database: Database,
  client: pg.Client | null,
  queries: CapturedQuery[],
  wroteAfter: number | null,
) {
  const made = new Set<string>();
  if (wroteAfter !== null)
    for (const q of queries)
      for (const p of q.parameters) {
        const t = v7Time(p);
        if (t !== null && t >= wroteAfter) made.add(p as string);
      }
  const params = (q: CapturedQuery, ids: Map<string, string>) =>
    made.size ? q.parameters.map((p) => (typeof p === 'string' && ids.get(p)) || p) : q.parameters;
  const fresh = () => new Map([...made].map((id) => [id, newId()]));
  if (database.sqlite) {
    const sqlite = database.sqlite;
    const prepared = queries.map((q) => ({ q, stmt: sqlite.prepare(q.sql) }));
    return () => {
      const ids = fresh();
      if (wroteAfter !== null) sqlite.exec('begin');
      try {
        for (const { q, stmt } of prepared) {
          if (stmt.reader) stmt.all(params(q, ids));
          else stmt.run(params(q, ids));
        }
      } finally {
        if (wroteAfter !== null) sqlite.exec('rollback');
      }
    };
  }
  return async () => {
    const ids = fresh();
    if (wroteAfter !== null) await client!.query('begin');
    try {
      for (const q of queries) await client!.query(q.sql, params(q, ids) as unknown[]);
    } finally {
      if (wroteAfter !== null) await client!.query('rollback');
    }
  };
}

/** The markdown block of one deals run (one size, one or two databases). */
export function dealsMarkdown(
  results: { name: string; r: DealsResult }[],
  header: string,
  o: { requests: number; maxSeconds: number },
): string {
  const first = results[0]!.r;
  const size = first.deals;
  const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
  const f1 = (n: number) => n.toFixed(1);
  const f2 = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
  const codes = (c: Record<string, number>) =>
    Object.entries(c)
      .map(([k, n]) => `${f0(n)}×${k}`)
      .join(', ');
  const lines = [
    `<!-- deals size=${size} -->`,
    `## Deals: kanban, 待办, stage moves, targets, scorecards, forecast, dashboards, ${f0(size)} deals and ${f0(first.followUps)} follow-ups`,
    '',
    header,
    '',
    `| ${f0(size)} deals | as | ${results.map((x) => `${x.name}: full stack p50 / p95 (ms) | raw SQL p50 / p95 (ms) | **ratio** (p50) | responses`).join(' | ')} |`,
    `|---|---|${results.map(() => '---:|---:|---:|---:').join('|')}|`,
  ];
  for (const m of first.measurements) {
    const cells = results.map(({ r }) => {
      const x = r.measurements.find((y) => y.key === m.key && y.as === m.as);
      if (!x) return 'n/a | n/a | n/a | n/a';
      const n = (s: Stats) => (s.n < o.requests ? ` (n=${s.n})` : '');
      return `${f2(x.full.p50)} / ${f2(x.full.p95)}${n(x.full)} | ${f2(x.raw.p50)} / ${f2(x.raw.p95)}${n(x.raw)} | **${(x.full.p50 / x.raw.p50).toFixed(2)}** | ${codes(x.codes)}`;
    });
    lines.push(`| ${m.label} | ${m.as} | ${cells.join(' | ')} |`);
  }
  for (const d of first.dashboards) {
    const cells = results.map(({ r }) => {
      const x = r.dashboards.find((y) => y.name === d.name && y.as === d.as && y.period === d.period);
      if (!x) return 'n/a | n/a | n/a | n/a';
      const n = x.full.n < o.requests ? ` (n=${x.full.n})` : '';
      const slow = x.slowest.map((y) => `${y.call} ${f0(y.ms)} ms`).join('; ');
      return `${f2(x.full.p50)} / ${f2(x.full.p95)}${n} | — | | ${f0(x.requests)} requests, all 200; slowest alone: ${slow}`;
    });
    lines.push(
      `| 业绩 dashboard \`${d.name}\` (${d.widgets} widgets), \`${d.period}\`: every widget's requests, 6 at a time | ${d.as} | ${cells.join(' | ')} |`,
    );
  }
  const row = (label: string, cell: (r: DealsResult) => string) =>
    `| ${label} | | ${results.map(({ r }) => `${cell(r)} | | | `).join(' | ')} |`;
  lines.push(
    row('Deals on each board (sum of the column counts): admin / manager', (r) =>
      r.visible.map((v) => `${v.pipeline} ${f0(v.admin)} / ${f0(v.manager)}`).join('; '),
    ),
    row('SQL queries per request (in the order above)', (r) =>
      r.measurements.map((m) => m.queries.length).join(', '),
    ),
    row(
      `\`bench:data\` deals + follow-ups: s (deals/s); all of bench:data (org, customers, leads too): s`,
      (r) =>
        `${f1(r.generation.seconds)} (${f0(r.generation.dealsPerSec)}); ${f1(r.generation.totalSeconds)}`,
    ),
    row('Generator peak RSS (MiB)', (r) => f0(r.generation.peakRssMiB)),
    row('Database size after generation (MiB)', (r) => f0(r.generation.dbSizeMiB)),
    '',
    '### How it was measured',
    `- Data: \`generate()\` from bench/data.ts into the bench database: a new org with 200 departments, 2,000 users, ${f0(first.customers)} customers and as many leads, ${f0(size)} deals (bench/generators/opportunities.ts) over the two shipped pipelines (≈80 % 通用销售流程), each on a customer and mostly owned by its owner, ≈65 % open (more in the early stages; ≈15 % of the open ones overdue for their next follow-up, ≈10 % due today), ≈20 % won, ≈15 % lost, created in the past year, with one stage-history row per stage passed; ${f0(first.followUps)} follow-ups (≈80 % on deals, ≈15 % on customers, ≈5 % on leads) by the record's owner. No audit or event rows. Then \`vacuum analyze\` (PostgreSQL) or \`pragma optimize\` (SQLite).`,
    `- Users: the org admin (data scope all); a ${first.manager.title} (sales_manager, department_tree) of ${first.manager.department}, the department whose subtree holds closest to 50 active sales reps (${first.manager.reps}); the sales rep of that subtree with the most open deals (${f0(first.repDeals)}).`,
    `- Moves: \`POST /api/v1/opportunities/:id/move\` with \`If-Match: "1"\` as the admin, each on another open deal in 通用销售流程 · 需求确认 above ${f0(first.approvalThreshold / 100)} 元 with an expected close date, into 方案演示 (its gates: amount and expected close date, both met), where an approval definition made through \`POST /api/v1/approval-definitions\` (stage_enter 方案演示, amount > ${f0(first.approvalThreshold)} 分, one step: the manager) applies: each is answered 202 with a pending approval and the deal stays put (checked afterwards: one pending request per moved deal). Moves run first, so the manager's 待办 holds their approvals.`,
    `- Requests one after another on one keep-alive connection through the real server (\`buildApp\` + \`listen\`, \`fetch\` in the bench process), 3 warm-up requests (1 when one takes over a second), then ${o.requests} or as many as fit in ${o.maxSeconds} s (at least 5; n= when fewer); latency to the last byte. Responses: every status code seen, warm-up and the captured request included.`,
    "- Dashboards: the default dashboard of the user's role (`GET /dashboards`, `isDefault`) loaded as the web app loads it (bench/dashboard-load.ts): a metric query per figure, the target tree, the forecast and the insights, six requests at a time on keep-alive connections; the time until the last answer. No raw SQL figure (many requests overlap).",
    '- Raw SQL: the queries one such request issued (captured from the Kysely query log of a second app instance with its own connection, session and permission lookups included), replayed one after another on the bare driver: SQLite on the same better-sqlite3 handle, statements prepared once; PostgreSQL on one node-postgres client. A move is replayed inside `begin … rollback`, the ids the request made replaced by fresh ones each time (its transaction’s own begin/commit are not part of the replay, so the raw figure of a move leaves out the commit’s write to disk). Ratio = full-stack median ÷ raw median.',
    '<!-- /deals -->',
  );
  return lines.join('\n');
}

/** Deal blocks of other sizes in an earlier results file, to keep beside the new ones. */
export function otherDealBlocks(previous: string, sizes: number[]): string[] {
  const out: string[] = [];
  for (const m of previous.matchAll(/<!-- deals size=(\d+) -->[\s\S]*?<!-- \/deals -->/g))
    if (!sizes.includes(Number(m[1]))) out.push(m[0]);
  return out;
}
