// `npm run bench`: measures the real server (buildApp + listen, logger off) on a seeded demo org, on
// SQLite and, when reachable, PostgreSQL, and writes bench/results/latest.md. Not a test: nothing here
// asserts on timing. Options: --duration <s> (per load run, default 10), --connections <n> (default 10),
// --dialects sqlite,postgres, --pg <url> (server to create a throw-away database on), --customers <n>
// (customers of the customers section, default 100000; 0 skips it), --customer-requests <n> (sequential
// requests per measurement, default 200), --customer-max-seconds <s> (cap per measurement, default 15),
// --leads <n> (leads of the leads section's org, which has n/2 customers — the customers section's org
// when --customers is n/2; default 200000; 0 skips it), --intake-requests <n> (inbound API requests per
// intake run, default 200), --intake-concurrency <n> (requests in flight in the second run, default 4),
// --imports <sizes> (rows of the .xlsx import files, default 20000,100000; 0 skips them),
// --import-objects customer,lead (which files, default both), --lead-imports <sizes> (rows of the lead
// files when not the --imports sizes), --import-gc-sample <ms> (force a full gc at
// this interval during the dry run and the run, and report the largest heap left after one, printing
// each; default 2000, 0 turns it off), --imports-only (only the import section; the other sections' figures stay
// as they are in the file), --out <file> (default bench/results/latest.md). Sections not run keep their
// previous figures in the file (customers and leads per size, imports as one block). --deals <n> (deals
// of the deals section's org, with 10×n follow-ups; default 0 skips it), --deal-requests <n> (sequential
// requests per deals measurement, default 100; capped by --customer-max-seconds). --maven (import the
// Maven CRM pipeline of ../shared/datasets, 8,800 deals, on each dialect; with --imports-only --imports 0
// it is all that runs).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app.js';
import { createOrg } from '../server/src/modules/org/bootstrap.js';
import { demoPassword, demoPeople, seedDemoOrg } from '../server/src/seed/demo-org.js';
import { benchCustomers, type CustomersResult, customersMarkdown, otherCustomerBlocks } from './customers.js';
import { generate } from './data.js';
import { benchMavenImport, type MavenImportBench, mavenMarkdown } from './deal-import.js';
import { benchDeals, type DealsResult, dealsMarkdown, otherDealBlocks } from './deals.js';
import { benchImport, customersXlsx, type ImportBench, importsMarkdown } from './imports.js';
import { benchLeads, type LeadsResult, leadsMarkdown, otherLeadBlocks } from './leads.js';
import { type CapturedQuery, QueryCapture } from './lib/capture.js';
import { benchContext } from './lib/context.js';
import {
  defaultPgUrl,
  pgReachable,
  type ThrowAwayDatabase,
  throwAwayPostgres,
  throwAwaySqlite,
} from './lib/databases.js';
import { type LoadResult, load } from './lib/load.js';
import { type MachineInfo, machineInfo } from './lib/machine.js';
import { type RawResult, rawPostgres, rawSqlite } from './lib/raw.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    pg: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? defaultPgUrl },
    customers: { type: 'string', default: '100000' },
    imports: { type: 'string', default: '20000,100000' },
    out: { type: 'string', default: path.join(import.meta.dirname, 'results', 'latest.md') },
    'customer-requests': { type: 'string', default: '200' },
    'customer-max-seconds': { type: 'string', default: '15' },
    leads: { type: 'string', default: '200000' },
    'intake-requests': { type: 'string', default: '200' },
    'intake-concurrency': { type: 'string', default: '4' },
    'import-objects': { type: 'string', default: 'customer,lead' },
    'lead-imports': { type: 'string' },
    'import-gc-sample': { type: 'string', default: '2000' },
    'imports-only': { type: 'boolean', default: false },
    deals: { type: 'string', default: '0' },
    'deal-requests': { type: 'string', default: '100' },
    maven: { type: 'boolean', default: false },
  },
});
const customerCount = Number(args.customers);
const importSizes = args.imports
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const customerRequests = Number(args['customer-requests']);
const leadCount = Number(args.leads);
const intakeRequests = Number(args['intake-requests']);
const intakeConcurrency = Number(args['intake-concurrency']);
const importObjects = args['import-objects']
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is 'customer' | 'lead' => s === 'customer' || s === 'lead');
const importGcSample = Number(args['import-gc-sample']);
const leadImportSizes = (args['lead-imports'] ?? args.imports)
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const customerMaxSeconds = Number(args['customer-max-seconds']);
const dealCount = Number(args.deals);
const dealRequests = Number(args['deal-requests']);
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const generatorCounts = { departments: 200, users: 2000 };

/** Effectively no rate limit: the bench measures the app, not the limiter. */
const unlimited = '1000000000';

type DialectResult = {
  dialect: 'sqlite' | 'postgres';
  version: string;
  login: LoadResult;
  getById: LoadResult;
  queries: CapturedQuery[];
  raw: RawResult;
  rawUncached?: RawResult;
  generator: { seconds: number; usersPerSec: number };
  customers?: CustomersResult;
  leads?: LeadsResult;
  deals?: DealsResult;
};

async function benchDialect(
  dialect: 'sqlite' | 'postgres',
  target: ThrowAwayDatabase,
): Promise<DialectResult> {
  const log = (s: string) => console.log(`[${dialect}] ${s}`);
  const { database, ctx, close } = await benchContext(target.url, {
    LOG_LEVEL: 'silent',
    CADENCE_RATE_LIMIT_PER_MINUTE: unlimited,
    CADENCE_LOGIN_RATE_LIMIT_PER_MINUTE: unlimited,
    CADENCE_INTAKE_RATE_LIMIT_PER_MINUTE: unlimited,
  });
  try {
    const version = String(
      (
        await sql<{ v: string }>`select ${
          dialect === 'sqlite' ? sql`sqlite_version()` : sql`current_setting('server_version')`
        } as v`.execute(database.db)
      ).rows[0]?.v,
    );
    log('seeding the demo org (real scrypt hashes: a few seconds)');
    const now = Date.now();
    const org = await database.db
      .transaction()
      .execute((tx) =>
        createOrg(
          tx,
          { name: '节拍科技（基准）', adminEmail: 'admin@bench.cadence', adminPassword: 'Bench-admin-2026' },
          now,
        ),
      );
    const demo = await database.db
      .transaction()
      .execute((tx) => seedDemoOrg(tx, org.orgId, org.rootDepartmentId, now));

    const app = await buildApp(ctx, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    let closed = false;
    try {
      // 1. Login throughput: every demo user in turn (they all succeed, so no lockout).
      const logins = demoPeople.map((p) => ({
        method: 'POST' as const,
        path: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: p.email, password: demoPassword }),
      }));
      log(`login: ${warmup} s warm-up, ${duration} s load`);
      await load({ url: base, connections, duration: warmup, requests: logins });
      const login = await load({ url: base, connections, duration, requests: logins });
      log(
        `login: ${login.requestsPerSec.toFixed(1)} req/s, p99 ${login.p99} ms, codes ${JSON.stringify(login.statusCodes)}`,
      );

      // 2. GET /api/v1/users/:id as the admin, through the whole stack.
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'admin@bench.cadence', password: 'Bench-admin-2026' }),
      });
      if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${await res.text()}`);
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const userId = demo.users.get('liu.yang@demo.cadence')!;
      const urlPath = `/api/v1/users/${userId}`;
      const check = await fetch(base + urlPath, { headers: { cookie } });
      if (check.status !== 200) throw new Error(`GET ${urlPath}: ${check.status} ${await check.text()}`);

      // The SQL that one such request issues, captured on a second app over the same database.
      const capture = new QueryCapture();
      const second = capture.open(target.url);
      const captureApp = await buildApp({ ...ctx, db: second.db, database: second }, { logger: false });
      capture.recording = true;
      const captured = await captureApp.inject({ url: urlPath, headers: { cookie } });
      capture.recording = false;
      await captureApp.close();
      await second.close();
      if (captured.statusCode !== 200) throw new Error(`captured GET: ${captured.statusCode}`);
      const queries = capture.queries;
      log(`GET /users/:id issues ${queries.length} queries`);

      log(`GET /users/:id: ${warmup} s warm-up, ${duration} s load`);
      await load({ url: base + urlPath, connections, duration: warmup, headers: { cookie } });
      const getById = await load({ url: base + urlPath, connections, duration, headers: { cookie } });
      log(
        `GET /users/:id: ${getById.requestsPerSec.toFixed(0)} req/s, p50 ${getById.p50} ms, p99 ${getById.p99} ms`,
      );
      if (getById.non2xx || getById.errors)
        throw new Error(`GET /users/:id: ${getById.non2xx} non-2xx, ${getById.errors} errors`);
      await app.close();
      closed = true;

      // 3. The same queries on the bare driver.
      log(`raw SQL: ${duration} s`);
      let raw: RawResult;
      let rawUncached: RawResult | undefined;
      if (database.sqlite) {
        rawSqlite(database.sqlite, queries, warmup * 1000, { cached: true });
        raw = rawSqlite(database.sqlite, queries, duration * 1000, { cached: true });
        rawUncached = rawSqlite(database.sqlite, queries, duration * 1000, { cached: false });
      } else {
        raw = await rawPostgres(target.url, queries, duration * 1000, connections);
      }
      log(
        `raw SQL: ${raw.requestsPerSec.toFixed(0)} request-equivalents/s (${raw.queriesPerSec.toFixed(0)} queries/s)`,
      );

      // 4. The data generator's speed (into the same database, after the measurements above).
      log(`bench:data --users ${generatorCounts.users} --departments ${generatorCounts.departments}`);
      const gen = await generate(
        { databaseUrl: target.url, counts: generatorCounts, log: () => undefined },
        database,
      );

      // 5. Customers: generated data, list / search / 查重 latency against the raw SQL, query plans.
      const customers =
        customerCount > 0
          ? await benchCustomers({
              dialect,
              url: target.url,
              database,
              ctx,
              size: customerCount,
              requests: customerRequests,
              maxSeconds: customerMaxSeconds,
              log,
            })
          : undefined;

      // 6. Leads: intake through the inbound API on an org with --leads leads and half as many customers.
      const leads =
        leadCount > 0
          ? await benchLeads({
              dialect,
              url: target.url,
              database,
              ctx,
              leads: leadCount,
              requests: intakeRequests,
              concurrency: intakeConcurrency,
              reuse: customers && customers.size * 2 === leadCount ? customers.org : undefined,
              log,
            })
          : undefined;

      // 7. Deals: kanban, 待办 and stage moves on an org with --deals deals and 10× as many follow-ups.
      const deals =
        dealCount > 0
          ? await benchDeals({
              dialect,
              url: target.url,
              database,
              ctx,
              deals: dealCount,
              requests: dealRequests,
              maxSeconds: customerMaxSeconds,
              log,
            })
          : undefined;
      return {
        customers,
        leads,
        deals,
        dialect,
        version,
        login,
        getById,
        queries,
        raw,
        rawUncached,
        generator: { seconds: gen.seconds, usersPerSec: generatorCounts.users / gen.seconds },
      };
    } finally {
      if (!closed) await app.close();
    }
  } finally {
    await close();
  }
}

function table(machine: MachineInfo, results: DialectResult[], skipped: string[]): string {
  const names = { sqlite: 'SQLite (file, WAL)', postgres: 'PostgreSQL' };
  const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
  const f1 = (n: number) => n.toFixed(1);
  const rows: [string, (r: DialectResult) => string][] = [
    ['Database version', (r) => r.version],
    ['Login `POST /api/v1/auth/login`: req/s', (r) => f1(r.login.requestsPerSec)],
    ['Login: p99 latency (ms)', (r) => String(r.login.p99)],
    ['Login: responses', (r) => codes(r.login)],
    ['`GET /api/v1/users/:id` full stack: req/s', (r) => f0(r.getById.requestsPerSec)],
    ['`GET /api/v1/users/:id`: p50 / p99 latency (ms)', (r) => `${r.getById.p50} / ${r.getById.p99}`],
    ['SQL queries one such request issues', (r) => String(r.queries.length)],
    [
      'Same queries on the bare driver: requests/s (queries/s)',
      (r) => `${f0(r.raw.requestsPerSec)} (${f0(r.raw.queriesPerSec)})`,
    ],
    [
      '**Full stack ÷ bare driver** (share of the raw speed the app keeps)',
      (r) => `**${(r.getById.requestsPerSec / r.raw.requestsPerSec).toFixed(3)}**`,
    ],
    [
      'Bare driver preparing each statement on every run (no statement cache): requests/s; ratio',
      (r) =>
        r.rawUncached
          ? `${f0(r.rawUncached.requestsPerSec)}; ${(r.getById.requestsPerSec / r.rawUncached.requestsPerSec).toFixed(3)}`
          : 'n/a',
    ],
    [
      `\`bench:data\` ${generatorCounts.users.toLocaleString('en-US')} users, ${generatorCounts.departments} departments: s (users/s)`,
      (r) => `${r.generator.seconds.toFixed(2)} (${f0(r.generator.usersPerSec)})`,
    ],
  ];
  const lines = [
    '# Cadence bench: latest results',
    '',
    `${machine.date} · commit ${machine.commit} · Node ${machine.node} · ${machine.cores} cores (${machine.cpu}) · ${machine.memoryGiB} GiB · ${machine.platform} · load average ${machine.loadAverage.toFixed(2)} at start`,
    '',
    `| measurement | ${results.map((r) => names[r.dialect]).join(' | ')} |`,
    `|---|${results.map(() => '---:').join('|')}|`,
    ...rows.map(([label, cell]) => `| ${label} | ${results.map(cell).join(' | ')} |`),
    '',
    '## How it was measured',
    `- The real server: \`buildApp\` + \`listen\` on 127.0.0.1, random port, logger off, \`NODE_ENV=production\`, in the bench process; a fresh database (a temporary SQLite file; a throw-away \`cadence_bench_*\` PostgreSQL database, dropped afterwards) with one org seeded by \`createOrg\` + \`seedDemoOrg\` (${demoPeople.length} demo users + admin).`,
    `- Load: autocannon 8 in a child process on the same machine (it shares the ${machine.cores} cores with the server), ${connections} connections, ${duration} s per run after a ${warmup} s warm-up run.`,
    `- Login: the demo users sign in in turn with the real scrypt cost (N=2^15; \`CADENCE_SCRYPT_LOG2N\` not set), so the figure is bounded by password hashing. Every sign-in succeeds, so the 5-failure lockout never applies.`,
    `- Rate limits raised for the bench only: \`CADENCE_RATE_LIMIT_PER_MINUTE=${unlimited}\` (global, per IP) and \`CADENCE_LOGIN_RATE_LIMIT_PER_MINUTE=${unlimited}\` (the login route's own limit, default 60/min), so the figures measure the app and not the limiter (all load comes from one IP). The limiter itself still runs on every request.`,
    '- `GET /api/v1/users/:id`: the admin (data scope all) reads a sales rep, with the session cookie (session lookup, actor and permissions, data-scope check, masking, zod response serialisation).',
    "- Bare driver: the exact SQL and parameters that one such request sent (captured from the Kysely query log of a second app instance with its own connection), replayed in a loop: on SQLite on the same better-sqlite3 handle, one after another, statements prepared once (second figure: prepared on every run, as Kysely's SQLite driver would without the statement cache in server/src/db/index.ts); on PostgreSQL with node-postgres `pool.query`, one loop per connection, as many as the load connections. A ratio of 1 would mean no overhead over the SQL.",
    `- \`bench:data\`: \`generate()\` from bench/data.ts into the same database after the measurements (one new org: ${generatorCounts.departments} departments, ${generatorCounts.users} users with roles, batches of 1,000).`,
    ...skipped.map((s) => `- ${s}`),
    '',
    ...results.flatMap((r) => [
      `## SQL of one \`GET /api/v1/users/:id\` on ${names[r.dialect]}`,
      '',
      ...r.queries.map((q, i) => `${i + 1}. \`${q.sql.replace(/\s+/g, ' ').replace(/`/g, "'")}\``),
      '',
    ]),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

function codes(r: LoadResult): string {
  return Object.entries(r.statusCodes)
    .map(([code, n]) => `${n.toLocaleString('en-US')} × ${code}`)
    .join(', ');
}

/**
 * The import section: each --imports size as an .xlsx file of each --import-objects (customers; leads
 * with a campaign stamp, on an org that has customers and reps), imported on each measured dialect.
 */
async function benchImports(dialects: ('sqlite' | 'postgres')[]): Promise<ImportBench[]> {
  const results: ImportBench[] = [];
  if (!importSizes.length && !leadImportSizes.length) return results;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-bench-xlsx-'));
  try {
    for (const object of importObjects)
      for (const size of object === 'lead' ? leadImportSizes : importSizes) {
        const file = path.join(dir, `${object}-${size}.xlsx`);
        if (object === 'customer') await customersXlsx(size, file);
        for (const dialect of dialects) {
          console.log(`[${dialect}] import: ${size.toLocaleString('en-US')} ${object} rows from .xlsx`);
          const target = dialect === 'sqlite' ? throwAwaySqlite() : await throwAwayPostgres(args.pg);
          try {
            const r = await benchImport({
              object,
              dialect,
              url: target.url,
              size,
              file,
              gcSampleMs: importGcSample,
              log: (s) => console.log(`[${dialect}] ${s}`),
            });
            console.log(
              `[${dialect}] import: ${r.run.rowsPerSec.toFixed(0)} rows/s run, peak RSS ${r.run.peakRssMiB.toFixed(0)} MiB, heap after gc ${r.check.liveHeapMiB.toFixed(0)} (dry run) / ${r.run.liveHeapMiB.toFixed(0)} (run) MiB`,
            );
            for (const phase of ['check', 'run'] as const)
              if (r[phase].series)
                console.log(
                  `[${dialect}] heap after forced gc, ${phase} (MiB): ${r[phase].series!.join(' ')}`,
                );
            results.push(r);
          } finally {
            await target.drop();
          }
        }
      }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** The Maven CRM pipeline through the deal import, on each measured dialect (--maven). */
async function benchMaven(dialects: ('sqlite' | 'postgres')[]): Promise<MavenImportBench[]> {
  const results: MavenImportBench[] = [];
  if (!args.maven) return results;
  for (const dialect of dialects) {
    console.log(`[${dialect}] import: the Maven CRM pipeline`);
    const target = dialect === 'sqlite' ? throwAwaySqlite() : await throwAwayPostgres(args.pg);
    try {
      const r = await benchMavenImport({
        dialect,
        url: target.url,
        gcSampleMs: importGcSample,
        log: (s) => console.log(`[${dialect}] ${s}`),
      });
      console.log(`[${dialect}] maven: ${r.run.rowsPerSec.toFixed(0)} rows/s run, ${r.created} deals`);
      results.push(r);
    } finally {
      await target.drop();
    }
  }
  return results;
}

async function main() {
  const machine = machineInfo();
  const wanted = new Set(args.dialects.split(',').map((d) => d.trim()));
  const results: DialectResult[] = [];
  const skipped: string[] = [];
  const importsOnly = args['imports-only'];
  if (wanted.has('postgres') && !(await pgReachable(args.pg))) {
    wanted.delete('postgres');
    skipped.push(`PostgreSQL skipped: no server answered at ${args.pg.replace(/\/\/[^@/]*@/, '//…@')}.`);
  }
  if (wanted.has('sqlite') && !importsOnly) {
    const target = throwAwaySqlite();
    try {
      results.push(await benchDialect('sqlite', target));
    } finally {
      await target.drop();
    }
  }
  if (wanted.has('postgres') && !importsOnly) {
    const target = await throwAwayPostgres(args.pg);
    try {
      results.push(await benchDialect('postgres', target));
    } finally {
      await target.drop();
    }
  }
  const imports = await benchImports((['sqlite', 'postgres'] as const).filter((d) => wanted.has(d)));
  const maven = await benchMaven((['sqlite', 'postgres'] as const).filter((d) => wanted.has(d)));
  const out = path.resolve(args.out);
  const previous = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  const withCustomers = results.filter((r) => r.customers);
  const withLeads = results.filter((r) => r.leads);
  const withDeals = results.filter((r) => r.deals);
  const names = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
  const blocks = [
    ...(withCustomers.length
      ? [
          customersMarkdown(
            customerCount,
            withCustomers.map((r) => ({
              dialect: r.dialect,
              name: names[r.dialect],
              customers: r.customers!,
            })),
            `${machine.date} · commit ${machine.commit} · ${withCustomers.map((r) => `${names[r.dialect]} ${r.version}`).join(' · ')} · load average ${machine.loadAverage.toFixed(2)} at start`,
            { requests: customerRequests, maxSeconds: customerMaxSeconds },
          ),
        ]
      : []),
    // Runs at other sizes (e.g. --customers 1000000) stay in the file until re-run.
    ...otherCustomerBlocks(previous, withCustomers.length ? [customerCount] : []),
    ...(withLeads.length
      ? [
          leadsMarkdown(
            withLeads.map((r) => ({ name: names[r.dialect], r: r.leads! })),
            `${machine.date} · commit ${machine.commit} · ${withLeads.map((r) => `${names[r.dialect]} ${r.version}`).join(' · ')} · load average ${machine.loadAverage.toFixed(2)} at start`,
          ),
        ]
      : []),
    ...otherLeadBlocks(previous, withLeads.length ? [leadCount] : []),
    ...(withDeals.length
      ? [
          dealsMarkdown(
            withDeals.map((r) => ({ name: names[r.dialect], r: r.deals! })),
            `${machine.date} · commit ${machine.commit} · ${withDeals.map((r) => `${names[r.dialect]} ${r.version}`).join(' · ')} · load average ${machine.loadAverage.toFixed(2)} at start`,
            { requests: dealRequests, maxSeconds: customerMaxSeconds },
          ),
        ]
      : []),
    ...otherDealBlocks(previous, withDeals.length ? [dealCount] : []),
    ...(imports.length
      ? [importsMarkdown(imports, `${machine.date} · commit ${machine.commit}`, importGcSample)]
      : (previous.match(/<!-- imports -->[\s\S]*?<!-- \/imports -->/)?.slice(0, 1) ?? [])),
    ...(maven.length
      ? [mavenMarkdown(maven, `${machine.date} · commit ${machine.commit}`)]
      : (previous.match(/<!-- deal-import -->[\s\S]*?<!-- \/deal-import -->/)?.slice(0, 1) ?? [])),
  ];
  // --imports-only keeps the main table of the previous run.
  const head =
    importsOnly && previous
      ? `${previous.split(/\n<!-- (?:customers|leads|deals|imports|deal-import)\b/)[0]!.trimEnd()}\n`
      : table(machine, results, skipped);
  const md = blocks.length ? `${head}\n${blocks.join('\n\n')}\n` : head;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, md);
  console.log(`\n${md}\nWritten to ${path.relative(process.cwd(), out)}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
