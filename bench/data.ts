// Generates a large org into a database, quickly and in constant memory, for benchmarks.
//
//   npm run bench:data -- --users 2000 --departments 200
//   DATABASE_URL=postgres://… npm run bench:data -- --users 100000 --departments 2000 --seed 7
//   npm run bench:data -- --users 2000 --departments 200 --customers 1000000 --leads 2000000
//
// Without --org it creates a new org (admin printed at the end); with --org <id> it adds to that org.
// Later modules add generators (customers, leads, …) in bench/generators/index.ts, with their options.
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/src/config.js';
import { type Database, openDatabase } from '../server/src/db/index.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { createOrg } from '../server/src/modules/org/bootstrap.js';
import { type GenContext, seededRandom } from './generators/context.js';
import { generators } from './generators/index.js';
import { generatedUserPassword } from './generators/org.js';

export type GenerateOptions = {
  databaseUrl: string;
  counts: Record<string, number>;
  orgId?: string;
  orgName?: string;
  seed?: number;
  batchSize?: number;
  log?: (line: string) => void;
};

export type GenerateResult = {
  orgId: string;
  adminEmail: string | null;
  adminPassword: string | null;
  seconds: number;
  counts: Record<string, number>;
  stats: GenContext['stats'];
};

/** Defaults of every generator's counts. */
export function defaultCounts(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of generators) for (const [k, o] of Object.entries(g.options)) out[k] = o.default;
  return out;
}

export async function generate(o: GenerateOptions, database?: Database): Promise<GenerateResult> {
  const log = o.log ?? ((l: string) => console.log(l));
  const started = Date.now();
  const own = !database;
  const db = database ?? openDatabase(o.databaseUrl);
  try {
    await migrateToLatest(db.db);
    const now = Date.now();
    let orgId = o.orgId;
    let adminEmail: string | null = null;
    let adminPassword: string | null = null;
    let rootDepartmentId: string;
    if (orgId) {
      const root = await db.db
        .selectFrom('departments')
        .select('id')
        .where('orgId', '=', orgId)
        .where('parentId', 'is', null)
        .executeTakeFirst();
      if (!root) throw new Error(`no org ${orgId} in this database`);
      rootDepartmentId = root.id;
    } else {
      const tag = Date.now().toString(36);
      adminEmail = `admin.${tag}@bench.cadence`;
      adminPassword = `${generatedUserPassword}-admin`;
      const org = await db.db.transaction().execute((tx) =>
        createOrg(
          tx,
          {
            name: o.orgName ?? `基准数据公司 ${tag}`,
            adminEmail: adminEmail!,
            adminPassword: adminPassword!,
          },
          now,
        ),
      );
      orgId = org.orgId;
      rootDepartmentId = org.rootDepartmentId;
    }
    const ctx: GenContext = {
      db: db.db,
      dialect: db.dialect,
      sqlite: db.sqlite,
      orgId,
      rootDepartmentId,
      now,
      random: seededRandom(o.seed ?? 1),
      batchSize: o.batchSize ?? 1000,
      departmentIds: [],
      userIds: [],
      log,
      stats: {},
    };
    for (const g of generators) {
      log(`${g.name}:`);
      await g.run(ctx, o.counts);
    }
    return {
      orgId,
      adminEmail,
      adminPassword,
      seconds: (Date.now() - started) / 1000,
      counts: o.counts,
      stats: ctx.stats,
    };
  } finally {
    if (own) await db.close();
  }
}

async function main() {
  const countOptions = Object.fromEntries(
    generators.flatMap((g) => Object.keys(g.options)).map((k) => [k, { type: 'string' as const }]),
  );
  const { values } = parseArgs({
    options: {
      ...countOptions,
      'database-url': { type: 'string' },
      org: { type: 'string' },
      'org-name': { type: 'string' },
      seed: { type: 'string' },
      batch: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run bench:data -- [--<count> N …] [--org ID | --org-name NAME] [--seed N] [--batch N]',
    );
    console.log('Database: DATABASE_URL or --database-url (default: the app default SQLite file)');
    for (const g of generators)
      for (const [k, o] of Object.entries(g.options))
        console.log(`  --${k} N  ${o.help} (default ${o.default})`);
    return;
  }
  const counts = defaultCounts();
  for (const k of Object.keys(counts)) {
    const v = values[k as keyof typeof values];
    if (typeof v === 'string') {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`--${k} needs a whole number, got ${v}`);
      counts[k] = n;
    }
  }
  const databaseUrl = values['database-url'] ?? loadConfig().databaseUrl;
  console.log(`Generating into ${databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}: ${JSON.stringify(counts)}`);
  const r = await generate({
    databaseUrl,
    counts,
    orgId: values.org,
    orgName: values['org-name'],
    seed: values.seed ? Number(values.seed) : undefined,
    batchSize: values.batch ? Number(values.batch) : undefined,
    log: (line) => console.error(line), // progress on stderr, the summary on stdout
  });
  console.log(`Done in ${r.seconds.toFixed(1)} s. Org ${r.orgId}.`);
  for (const [name, st] of Object.entries(r.stats))
    console.log(
      `${name}: ${st.rows} in ${st.seconds.toFixed(1)} s (${Math.round(st.rows / st.seconds)} rows/s)${st.peakRssMiB ? `, peak RSS ${st.peakRssMiB} MiB` : ''}`,
    );
  if (r.adminEmail) console.log(`Admin: ${r.adminEmail} / ${r.adminPassword}`);
  console.log(
    `Generated users sign in with their e-mail (u<n>.<run>@bench.cadence) and ${generatedUserPassword}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
