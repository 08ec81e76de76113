// The leads section of `npm run bench` (--leads <n>): an org with n leads and n/2 customers (generated,
// or the customers section's org when it has exactly n/2 customers), an inbound API source with its
// secret, a round-robin assignment rule over a branch office's eligible reps and the shipped score
// rules; then leads POSTed through the public inbound API (X-Cadence-Source-Secret) on the real server,
// ~80 % new people and ~20 % already known (the phone of an existing lead or customer, or a customer's
// company), one after another and with --intake-concurrency requests in flight. Afterwards the bench
// checks that every request made exactly one lead, assigned to the rule's reps.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app.js';
import type { Database } from '../server/src/db/index.js';
import type { AppContext } from '../server/src/platform/context.js';
import { databaseSizeMiB, type Session, signIn } from './customers.js';
import { generate } from './data.js';
import { seededRandom } from './generators/context.js';
import { leadPerson } from './generators/leads.js';

export type IntakeRun = {
  concurrency: number;
  requests: number;
  seconds: number;
  leadsPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  outcomes: Record<string, number>;
};

export type LeadsResult = {
  leads: number;
  customers: number;
  generation: { seconds: number; leadsPerSec: number; peakRssMiB: number; dbSizeMiB: number } | null;
  reps: number;
  department: string;
  runs: IntakeRun[];
  /** Leads the intake made, as counted in the database afterwards (must equal the requests sent). */
  made: number;
  assignedToRule: number;
  repsUsed: number;
};

type Body = Record<string, string>;

export async function benchLeads(o: {
  dialect: 'sqlite' | 'postgres';
  url: string;
  database: Database;
  ctx: AppContext;
  leads: number;
  requests: number;
  concurrency: number;
  /** The customers section's org, reused when it has exactly leads / 2 customers. */
  reuse?: { orgId: string; adminEmail: string; adminPassword: string };
  log: (s: string) => void;
}): Promise<LeadsResult> {
  const { database, log } = o;
  const db = database.db;
  const customers = Math.round(o.leads / 2);
  let org = o.reuse;
  let generation: LeadsResult['generation'] = null;
  const counts = org
    ? { departments: 0, users: 0, customers: 0, leads: o.leads }
    : { departments: 200, users: 2000, customers, leads: o.leads };
  log(
    `leads: bench:data ${Object.entries(counts)
      .map(([k, v]) => `--${k} ${v}`)
      .join(' ')}${org ? ' (into the customers org)' : ''}`,
  );
  const gen = await generate(
    {
      databaseUrl: o.url,
      counts,
      orgId: org?.orgId,
      orgName: org ? undefined : '基准线索公司',
      seed: 11,
      log: (l) => log(`  ${l.trim()}`),
    },
    database,
  );
  org ??= { orgId: gen.orgId, adminEmail: gen.adminEmail!, adminPassword: gen.adminPassword! };
  if (o.dialect === 'postgres') await sql`vacuum analyze`.execute(db);
  else await sql`pragma optimize = 0x10002`.execute(db);
  const st = gen.stats.leads!;
  generation = {
    seconds: st.seconds,
    leadsPerSec: o.leads / st.seconds,
    peakRssMiB: st.peakRssMiB ?? 0,
    dbSizeMiB: await databaseSizeMiB(o.dialect, o.url, database),
  };
  log(`leads: generated in ${st.seconds.toFixed(1)} s; database ${generation.dbSizeMiB.toFixed(0)} MiB`);

  // A branch office (分公司, second level) and its eligible reps: the rule's candidates.
  const branch = await db
    .selectFrom('departments as d')
    .innerJoin('departments as p', 'p.id', 'd.parentId')
    .innerJoin('departments as root', 'root.id', 'p.parentId')
    .select(['d.id', 'd.name'])
    .where('d.orgId', '=', org.orgId)
    .where('root.parentId', 'is', null)
    .orderBy('p.sortOrder')
    .orderBy('d.sortOrder')
    .executeTakeFirstOrThrow();
  const reps = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.orgId', '=', org.orgId)
    .where('u.active', '=', 1)
    .where('u.leadEligible', '=', 1)
    .where('u.departmentId', 'in', (eb) =>
      eb.selectFrom('departmentClosure').select('descendantId').where('ancestorId', '=', branch.id),
    )
    .execute();
  const repIds = new Set(reps.map((r) => r.id));

  // What a known person sends again: phones of leads and customers, customers' companies.
  const knownLeads = await db
    .selectFrom('leads')
    .select(['phone'])
    .where('orgId', '=', org.orgId)
    .where('phone', 'is not', null)
    .limit(5000)
    .execute();
  const knownCustomers = await db
    .selectFrom('customers')
    .select(['name', 'phone'])
    .where('orgId', '=', org.orgId)
    .limit(5000)
    .execute();

  const app = await buildApp(o.ctx, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const admin = await signIn(base, org.adminEmail, org.adminPassword);
    const source = (await post(base, admin, '/api/v1/lead-sources', {
      kind: 'api',
      name: '基准 API 来源',
      source: '百度推广',
      campaign: '基准活动 2026',
      onDuplicate: 'flag',
    })) as { id: string; secret: string };
    await post(base, admin, '/api/v1/lead-assignment-rules', {
      name: `${branch.name}轮流分配`,
      conditions: [],
      targetType: 'department',
      targetIds: [branch.id],
      method: 'round_robin',
    });
    const random = seededRandom(2026);
    let serial = 0;
    const body = (): Body => {
      const i = serial++;
      const p = leadPerson(random, i);
      const b: Body = {
        name: p.name,
        ...(p.company ? { company: p.company } : {}),
        ...(p.title ? { title: p.title } : {}),
        // New people: a mobile no generated lead has (19x numbers are not in the generators' prefixes).
        phone: `199${String(10_000_000 + ((i * 7919) % 89_999_999)).slice(0, 8)}`,
        province: p.province,
        city: p.city,
        industry: p.industry,
        ...(p.inquiry ? { inquiry: p.inquiry } : {}),
        utm_source: 'bench',
        utm_medium: 'api',
        externalId: `bench-${i}`,
      };
      const r = random();
      if (r < 0.1 && knownLeads.length)
        b.phone = knownLeads[Math.floor(random() * knownLeads.length)]!.phone!;
      else if (r < 0.2 && knownCustomers.length) {
        const c = knownCustomers[Math.floor(random() * knownCustomers.length)]!;
        if (c.phone && random() < 0.5) b.phone = c.phone;
        else b.company = c.name;
      }
      return b;
    };
    const intake = async (b: Body) => {
      const res = await fetch(`${base}/api/v1/public/sources/${source.id}/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cadence-source-secret': source.secret },
        body: JSON.stringify(b),
      });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`intake: ${res.status} ${text}`);
      return (JSON.parse(text) as { outcome: string }).outcome;
    };
    const before = await leadCount(database, org.orgId);
    const startedAt = Date.now();
    for (let i = 0; i < 3; i++) await intake(body()); // warm-up
    const runs: IntakeRun[] = [];
    for (const concurrency of [1, o.concurrency]) {
      const times: number[] = [];
      const outcomes: Record<string, number> = {};
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < o.requests) {
            next++;
            const b = body();
            const t = performance.now();
            const outcome = await intake(b);
            times.push(performance.now() - t);
            outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      times.sort((a, b) => a - b);
      const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
      const run = {
        concurrency,
        requests: times.length,
        seconds,
        leadsPerSec: times.length / seconds,
        p50: at(0.5),
        p95: at(0.95),
        p99: at(0.99),
        outcomes,
      };
      log(
        `leads: intake ×${concurrency}: ${run.leadsPerSec.toFixed(1)} leads/s, p50 ${run.p50.toFixed(1)} / p95 ${run.p95.toFixed(1)} ms, ${JSON.stringify(outcomes)}`,
      );
      runs.push(run);
    }
    const sent = 3 + runs.reduce((n, r) => n + r.requests, 0);
    // Every request made one lead (flag policy: known people are kept, marked), routed by the rule.
    const made = (await leadCount(database, org.orgId)) - before;
    const routed = await db
      .selectFrom('leads')
      .select(['ownerId', 'assignment'])
      .where('orgId', '=', org.orgId)
      .where('channel', '=', 'api')
      .where('createdAt', '>=', startedAt)
      .execute();
    const toRule = routed.filter(
      (l) => l.ownerId && repIds.has(l.ownerId) && l.assignment?.includes('"kind":"rule"'),
    );
    const used = new Set(toRule.map((l) => l.ownerId));
    if (made !== sent || routed.length !== sent)
      throw new Error(`leads: ${sent} intake requests made ${made} leads (${routed.length} via the API)`);
    if (toRule.length !== sent)
      throw new Error(`leads: only ${toRule.length} of ${sent} leads went to the rule's reps`);
    log(`leads: ${made} leads made, all assigned by the rule to ${used.size} of ${reps.length} reps`);
    return {
      leads: o.leads,
      customers,
      generation,
      reps: reps.length,
      department: branch.name,
      runs,
      made,
      assignedToRule: toRule.length,
      repsUsed: used.size,
    };
  } finally {
    await app.close();
  }
}

async function leadCount(database: Database, orgId: string): Promise<number> {
  const r = await database.db
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('orgId', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function post(base: string, s: Session, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { cookie: s.cookie, 'content-type': 'application/json', 'x-csrf-token': s.csrfToken },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

export function leadsMarkdown(results: { name: string; r: LeadsResult }[], stamp: string): string {
  const size = results[0]!.r.leads;
  const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
  const f1 = (n: number) => n.toFixed(1);
  const row = (label: string, cell: (r: LeadsResult) => string) =>
    `| ${label} | ${results.map(({ r }) => cell(r)).join(' | ')} |`;
  const run = (r: LeadsResult, c: number) => r.runs.find((x) => x.concurrency === c) ?? r.runs.at(-1)!;
  const conc = results[0]!.r.runs.at(-1)!.concurrency;
  return [
    `<!-- leads size=${size} -->`,
    `## Leads: intake through the inbound API, ${f0(size)} leads and ${f0(results[0]!.r.customers)} customers`,
    '',
    stamp,
    '',
    `| measurement | ${results.map((x) => x.name).join(' | ')} |`,
    `|---|${results.map(() => '---:').join('|')}|`,
    row('Intake one at a time: leads/s', (r) => f1(run(r, 1).leadsPerSec)),
    row('Intake one at a time: p50 / p95 / p99 latency (ms)', (r) => {
      const x = run(r, 1);
      return `${f1(x.p50)} / ${f1(x.p95)} / ${f1(x.p99)}`;
    }),
    row(`Intake ${conc} in flight: leads/s`, (r) => f1(run(r, conc).leadsPerSec)),
    row(`Intake ${conc} in flight: p50 / p95 / p99 latency (ms)`, (r) => {
      const x = run(r, conc);
      return `${f1(x.p50)} / ${f1(x.p95)} / ${f1(x.p99)}`;
    }),
    row('Requests per run', (r) => r.runs.map((x) => f0(x.requests)).join(' / ')),
    row('Outcomes (all runs)', (r) => {
      const all: Record<string, number> = {};
      for (const x of r.runs) for (const [k, n] of Object.entries(x.outcomes)) all[k] = (all[k] ?? 0) + n;
      return Object.entries(all)
        .map(([k, n]) => `${f0(n)} ${k}`)
        .join(', ');
    }),
    row(
      'Leads made (counted afterwards) / assigned by the rule / reps who got one',
      (r) => `${f0(r.made)} / ${f0(r.assignedToRule)} / ${r.repsUsed} of ${r.reps}`,
    ),
    row(`\`bench:data --leads ${f0(size)}\`: s (leads/s)`, (r) =>
      r.generation ? `${f1(r.generation.seconds)} (${f0(r.generation.leadsPerSec)})` : 'n/a',
    ),
    row('Generator peak RSS (MiB)', (r) => (r.generation ? f0(r.generation.peakRssMiB) : 'n/a')),
    row('Database size after generation (MiB)', (r) => (r.generation ? f0(r.generation.dbSizeMiB) : 'n/a')),
    '',
    '### How it was measured',
    `- Data: \`generate()\` from bench/data.ts: an org with 200 departments, 2,000 users, ${f0(results[0]!.r.customers)} customers (with contacts and 查重 keys) and ${f0(size)} leads in every channel and status (≈10 % in the lead pool, ≈6 % flagged as duplicates of a customer or an earlier lead), scored by the shipped rules, with their 查重 keys (object lead).`,
    `- Set up through the API as the org admin: an inbound API source (\`POST /api/v1/lead-sources\`, kind api, duplicates flagged, source 百度推广, a campaign) and one assignment rule, round robin over the eligible reps of a branch office (${results[0]!.r.department}, ${results[0]!.r.reps} reps including its teams); the shipped score rules.`,
    `- Requests: \`POST /api/v1/public/sources/:id/leads\` with \`X-Cadence-Source-Secret\` on the real server (\`buildApp\` + \`listen\`, \`fetch\` in the bench process, rate limits raised), each with an externalId (the idempotency key) and UTM parameters; ≈80 % new people (a mobile no lead has), ≈10 % the phone of an existing lead, ≈10 % the phone or company of an existing customer. Each one: secret check, idempotency lookup, 查重 against leads, customers and contacts, scoring, rule routing (advisory lock on PostgreSQL), lead + 查重 keys + audit + ownership history + notifications, in one transaction. First one request at a time, then ${conc} in flight; latency from sending to the last byte.`,
    '- Checked afterwards: the org has exactly as many new leads as requests were sent (3 warm-up requests included), every one owned by a rep of the branch with the rule named as the reason.',
    '<!-- /leads -->',
  ].join('\n');
}

export function otherLeadBlocks(previous: string, sizes: number[]): string[] {
  const out: string[] = [];
  for (const m of previous.matchAll(/<!-- leads size=(\d+) -->[\s\S]*?<!-- \/leads -->/g))
    if (!sizes.includes(Number(m[1]))) out.push(m[0]);
  return out;
}
