// The customers section of `npm run bench`: generates an org with --customers customers into the
// bench database, then measures list, search and 查重 requests one after another through the real
// server, as an admin (scope all) and as a regional sales manager (department_tree), against the
// same SQL replayed on the bare driver; and records the query plans of the list and search queries.
import fs from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../server/src/app.js';
import { type Database, pgSessionOptions } from '../server/src/db/index.js';
import type { AppContext } from '../server/src/platform/context.js';
import { generate } from './data.js';
import { generatedUserPassword } from './generators/org.js';
import { type CapturedQuery, QueryCapture } from './lib/capture.js';
import { type Stats, sample as timed } from './lib/sample.js';

export type CustomerMeasurement = {
  key: string;
  label: string;
  as: 'admin' | 'manager';
  full: Stats;
  raw: Stats;
  queries: CapturedQuery[];
};

export type Plan = { key: string; label: string; as: 'admin' | 'manager'; sql: string; plan: string[] };

export type CustomersResult = {
  size: number;
  generation: { seconds: number; rowsPerSec: number; peakRssMiB: number; dbSizeMiB: number };
  /** The list's totalCount for each ("10,000+" when capped). */
  visible: { admin: string; manager: string };
  managerTitle: string;
  measurements: CustomerMeasurement[];
  plans: Plan[];
  /** The generated org and its admin (the leads section adds its leads there when sizes fit). */
  org: { orgId: string; adminEmail: string; adminPassword: string };
};

type Req = { key: string; label: string; method: 'GET' | 'POST'; path: string; body?: unknown };

export async function benchCustomers(o: {
  dialect: 'sqlite' | 'postgres';
  url: string;
  database: Database;
  ctx: AppContext;
  size: number;
  requests: number;
  maxSeconds: number;
  log: (s: string) => void;
}): Promise<CustomersResult> {
  const { database, ctx, log } = o;
  const db = database.db;
  log(`customers: bench:data --customers ${o.size} (new org, 200 departments, 2,000 users)`);
  const gen = await generate(
    {
      databaseUrl: o.url,
      counts: { departments: 200, users: 2000, customers: o.size },
      orgName: '基准客户公司',
      log: (l) => log(`  ${l.trim()}`),
    },
    database,
  );
  const st = gen.stats.customers!;
  // PostgreSQL's autovacuum analyzes a table soon after a bulk load; do it now so the planner has the
  // statistics it would have in use. SQLite: what the app runs when it opens the database and in its
  // hourly housekeeping (PRAGMA optimize).
  if (o.dialect === 'postgres') await sql`vacuum analyze`.execute(db);
  else await sql`pragma optimize = 0x10002`.execute(db);
  const dbSizeMiB = await databaseSizeMiB(o.dialect, o.url, database);
  log(`customers: generated in ${st.seconds.toFixed(1)} s; database ${dbSizeMiB.toFixed(0)} MiB`);

  // A regional manager: the manager of the first department under the root (大区总监).
  const manager = await db
    .selectFrom('departments as d')
    .innerJoin('departments as root', 'root.id', 'd.parentId')
    .innerJoin('users as u', 'u.id', 'd.managerId')
    .select(['u.email', 'u.title'])
    .where('d.orgId', '=', gen.orgId)
    .where('root.parentId', 'is', null)
    .orderBy('d.sortOrder')
    .executeTakeFirstOrThrow();
  // Search terms and a 查重 probe taken from the generated data (so they hit, as they would in use).
  const sample = await db
    .selectFrom('customers')
    .select(['name', 'phone'])
    .where('orgId', '=', gen.orgId)
    .where('phone', 'is not', null)
    .orderBy('id')
    .limit(2)
    .execute();
  const [first, second] = sample;
  if (!first || !second) throw new Error('customers: no generated customers with phones');
  const requests: Req[] = [
    {
      key: 'list',
      label: 'List `level=A&sort=-updatedAt&limit=50` with totalCount',
      method: 'GET',
      path: '/api/v1/customers?level=A&sort=-updatedAt&limit=50',
    },
    {
      key: 'q-name',
      label: 'Search `q=华瑞` (name substring, Chinese)',
      method: 'GET',
      path: `/api/v1/customers?q=${encodeURIComponent('华瑞')}&limit=50`,
    },
    {
      key: 'q-initials',
      label: 'Search `q=hzhr` (pinyin initials of 杭州华瑞…)',
      method: 'GET',
      path: '/api/v1/customers?q=hzhr&limit=50',
    },
    {
      key: 'q-phone',
      label: 'Search `q=8000` (phone fragment, 4 digits)',
      method: 'GET',
      path: '/api/v1/customers?q=8000&limit=50',
    },
    {
      key: 'q-common',
      label: 'Search `q=科技` (a common term: ≈1 in 5 names)',
      method: 'GET',
      path: `/api/v1/customers?q=${encodeURIComponent('科技')}&limit=50`,
    },
    {
      key: 'dup',
      label: '`POST /customers/check-duplicates` name + phone',
      method: 'POST',
      path: '/api/v1/customers/check-duplicates',
      body: { name: first.name, phone: second.phone },
    },
  ];

  const app = await buildApp(ctx, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const capture = new QueryCapture();
  const captured = capture.open(o.url);
  const captureApp = await buildApp({ ...ctx, db: captured.db, database: captured }, { logger: false });
  const measurements: CustomerMeasurement[] = [];
  const plans: Plan[] = [];
  const visible = { admin: '', manager: '' };
  let pgClient: pg.Client | null = null;
  try {
    if (o.dialect === 'postgres') {
      pgClient = new pg.Client({ connectionString: o.url, options: pgSessionOptions });
      await pgClient.connect();
    }
    const users = [
      { as: 'admin' as const, login: gen.adminEmail!, password: gen.adminPassword! },
      { as: 'manager' as const, login: manager.email, password: generatedUserPassword },
    ];
    for (const u of users) {
      const cookie = await signIn(base, u.login, u.password);
      const all = await call(base, cookie, { method: 'GET', path: '/api/v1/customers?limit=1' });
      const counted = JSON.parse(all.text) as { totalCount: number; totalCapped?: boolean };
      visible[u.as] = `${counted.totalCount.toLocaleString('en-US')}${counted.totalCapped ? '+' : ''}`;
      for (const r of requests) {
        const check = await call(base, cookie, r);
        if (check.status !== 200)
          throw new Error(`${r.method} ${r.path} as ${u.as}: ${check.status} ${check.text}`);
        // The SQL of one such request, captured on a second app over the same database.
        capture.reset();
        capture.recording = true;
        const injected = await captureApp.inject({
          method: r.method,
          url: r.path,
          headers: headersOf(cookie, r),
          payload: r.body ? JSON.stringify(r.body) : undefined,
        });
        capture.recording = false;
        if (injected.statusCode !== 200) throw new Error(`captured ${r.path}: ${injected.statusCode}`);
        const queries = [...capture.queries];

        const full = await timed(o.requests, o.maxSeconds, async () => {
          const res = await call(base, cookie, r);
          if (res.status !== 200) throw new Error(`${r.path} as ${u.as}: ${res.status}`);
        });
        const raw = await timed(o.requests, o.maxSeconds, rawRunner(database, pgClient, queries));
        log(
          `customers: ${r.key} as ${u.as}: full p50 ${full.p50.toFixed(2)} / p95 ${full.p95.toFixed(2)} ms; raw p50 ${raw.p50.toFixed(2)} ms (${queries.length} queries, n=${full.n})`,
        );
        measurements.push({ key: r.key, label: r.label, as: u.as, full, raw, queries });

        const seen = new Set<string>();
        for (const q of queries.filter((x) => /from "(customers|dedup_keys)"/.test(x.sql))) {
          if (seen.has(q.sql)) continue;
          seen.add(q.sql);
          plans.push({
            key: r.key,
            label: r.label,
            as: u.as,
            sql: q.sql,
            plan: await explain(database, pgClient, q),
          });
        }
      }
    }
  } finally {
    await pgClient?.end();
    await captureApp.close();
    await captured.close();
    await app.close();
  }
  return {
    size: o.size,
    generation: {
      seconds: st.seconds,
      rowsPerSec: o.size / st.seconds,
      peakRssMiB: st.peakRssMiB ?? 0,
      dbSizeMiB,
    },
    visible,
    managerTitle: manager.title ?? 'sales manager',
    measurements,
    plans,
    org: { orgId: gen.orgId, adminEmail: gen.adminEmail!, adminPassword: gen.adminPassword! },
  };
}

/** Signs in; the session cookie plus the CSRF token cookie-authenticated writes echo (as the web app). */
export async function signIn(base: string, login: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrfToken };
}

export type Session = { cookie: string; csrfToken: string };

function headersOf(s: Session, r: Pick<Req, 'body'>): Record<string, string> {
  return {
    cookie: s.cookie,
    ...(r.body ? { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken } : {}),
  };
}

async function call(base: string, session: Session, r: Pick<Req, 'method' | 'path' | 'body'>, retry = true) {
  try {
    const res = await fetch(base + r.path, {
      method: r.method,
      headers: headersOf(session, r),
      body: r.body ? JSON.stringify(r.body) : undefined,
    });
    return { status: res.status, text: await res.text() };
  } catch (err) {
    // A keep-alive connection the server closed while the raw replay ran (long at 1M rows): once more.
    if (!retry) throw err;
    return call(base, session, r, false);
  }
}

/** One replay of a request's queries on the bare driver (SQLite: statements prepared once). */
function rawRunner(database: Database, client: pg.Client | null, queries: CapturedQuery[]) {
  if (database.sqlite) {
    const sqlite = database.sqlite;
    const prepared = queries.map((q) => ({ q, stmt: sqlite.prepare(q.sql) }));
    return () => {
      for (const { q, stmt } of prepared) {
        if (stmt.reader) stmt.all(q.parameters);
        else stmt.run(q.parameters);
      }
    };
  }
  return async () => {
    for (const q of queries) await client!.query(q.sql, q.parameters as unknown[]);
  };
}

async function explain(database: Database, client: pg.Client | null, q: CapturedQuery): Promise<string[]> {
  if (database.sqlite) {
    const rows = database.sqlite.prepare(`explain query plan ${q.sql}`).all(q.parameters) as {
      id: number;
      parent: number;
      detail: string;
    }[];
    const depth = new Map<number, number>([[0, -1]]);
    return rows.map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d)}${r.detail}`;
    });
  }
  const res = await client!.query(`explain ${q.sql}`, q.parameters as unknown[]);
  return res.rows.map((r: Record<string, string>) => r['QUERY PLAN']!);
}

export async function databaseSizeMiB(dialect: string, url: string, database: Database): Promise<number> {
  if (dialect === 'sqlite') {
    database.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    const file = url.replace(/^file:/, '');
    let bytes = 0;
    for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) bytes += fs.statSync(f).size;
    return bytes / 2 ** 20;
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query('select pg_database_size(current_database())::bigint as n');
    return Number(r.rows[0].n) / 2 ** 20;
  } finally {
    await c.end();
  }
}

/** The markdown block of one customers run (one size, one or two databases). */
export function customersMarkdown(
  size: number,
  results: { dialect: 'sqlite' | 'postgres'; name: string; customers: CustomersResult }[],
  header: string,
  o: { requests: number; maxSeconds: number },
): string {
  const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
  const f2 = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
  const sizeLabel = size.toLocaleString('en-US');
  const lines = [
    `<!-- customers size=${size} -->`,
    `## Customers: ${sizeLabel} customers`,
    '',
    header,
    '',
    `| ${sizeLabel} customers | as | ${results.map((r) => `${r.name}: full stack p50 / p95 (ms) | raw SQL p50 / p95 (ms) | **ratio** (p50)`).join(' | ')} |`,
    `|---|---|${results.map(() => '---:|---:|---:').join('|')}|`,
  ];
  const first = results[0]!.customers.measurements;
  for (const m of first) {
    const cells = results.map((r) => {
      const x = r.customers.measurements.find((y) => y.key === m.key && y.as === m.as)!;
      return `${f2(x.full.p50)} / ${f2(x.full.p95)}${x.full.n < o.requests ? ` (n=${x.full.n})` : ''} | ${f2(x.raw.p50)} / ${f2(x.raw.p95)}${x.raw.n < o.requests ? ` (n=${x.raw.n})` : ''} | **${(x.full.p50 / x.raw.p50).toFixed(2)}**`;
    });
    lines.push(`| ${m.label} | ${m.as} | ${cells.join(' | ')} |`);
  }
  const row = (label: string, cell: (c: CustomersResult) => string) =>
    `| ${label} | | ${results.map((r) => `${cell(r.customers)} | | `).join(' | ')} |`;
  lines.push(
    row(
      'Customers the admin / the manager see (the list’s totalCount)',
      (c) => `${c.visible.admin} / ${c.visible.manager}`,
    ),
    row('SQL queries per request (in the order above) as admin', (c) =>
      c.measurements
        .filter((m) => m.as === 'admin')
        .map((m) => m.queries.length)
        .join(', '),
    ),
    row(
      `\`bench:data --customers ${size}\`: s (customers/s)`,
      (c) => `${c.generation.seconds.toFixed(1)} (${f0(c.generation.rowsPerSec)})`,
    ),
    row('Generator peak RSS (MiB)', (c) => f0(c.generation.peakRssMiB)),
    row('Database size after generation (MiB)', (c) => f0(c.generation.dbSizeMiB)),
    '',
    '### How it was measured',
    `- Data: \`generate()\` from bench/data.ts into the bench database (after the measurements above): a new org with 200 departments, 2,000 users and ${sizeLabel} customers (owners spread over the users, ~5% in the pool) with their 查重 keys (≈4 dedup_keys rows a customer), search documents (search_docs: name bigrams and phone 4-digit runs) and 2 contacts each (name, title, mobile and its 查重 key). Generated rows have no audit or event rows. The generator's time includes computing the name key, pinyin and phone/e-mail keys with the app's own functions.`,
    `- Requests one after another (no concurrency) on one keep-alive connection through the real server (\`buildApp\` + \`listen\`, \`fetch\` in the bench process), 3 warm-up requests (1 when one takes over a second), then ${o.requests} requests or as many as fit in ${o.maxSeconds} s (at least 5; a cell says n= when fewer than that were measured); latency from sending to the last byte of the body. As the org admin (data scope all) and as a ${results[0]!.customers.managerTitle} (sales_manager, scope department_tree: the customers owned by users of their region).`,
    '- Raw SQL: the queries one such request issued (captured from the Kysely query log of a second app instance with its own connection, including the session, actor and permission lookups), replayed one after another on the bare driver, timed per request: SQLite on the same better-sqlite3 handle with statements prepared once; PostgreSQL on one node-postgres client. Ratio = full-stack median ÷ raw median (1 = no overhead over the SQL).',
    '- Search terms: `华瑞` is a brand (≈1 in 4,000 names), `hzhr` the initials of 杭州华瑞…, `8000` a 4-digit fragment; 查重 probes the name of one generated customer and the phone of another (an exact hit on both, plus near-duplicate names sharing the first two characters).',
    '',
  );
  for (const r of results) {
    lines.push(`### Query plans on ${r.name}, ${sizeLabel} customers`, '');
    for (const p of r.customers.plans) {
      // A scan of the table, or (SQLite) an index searched on org_id alone: every customer of the org.
      const scans = p.plan.filter((l) =>
        r.dialect === 'sqlite'
          ? /\bSCAN c\b/.test(l) || /SEARCH c USING (COVERING )?INDEX \w+ \(org_id=\?\)/.test(l)
          : /Seq Scan on customers/.test(l),
      ).length;
      lines.push(
        `- ${p.label}, as ${p.as}${scans ? ' — **reads every customer of the org** (a table scan, or an index range on org_id alone; the ordered page query stops after limit+1 hits)' : ''}: \`${p.sql.replace(/\s+/g, ' ').replace(/`/g, "'")}\``,
        '',
        '  ```',
        ...p.plan.map((l) => `  ${l}`),
        '  ```',
      );
    }
    lines.push('');
  }
  lines.push('<!-- /customers -->');
  return lines.join('\n');
}

/** Customer blocks of other sizes in an earlier results file, to keep beside the new ones. */
export function otherCustomerBlocks(previous: string, sizes: number[]): string[] {
  const out: string[] = [];
  for (const m of previous.matchAll(/<!-- customers size=(\d+) -->[\s\S]*?<!-- \/customers -->/g))
    if (!sizes.includes(Number(m[1]))) out.push(m[0]);
  return out;
}
