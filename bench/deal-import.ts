// The Maven CRM pipeline (../shared/datasets/maven-crm-sales-opportunities: 8,800 deals of 35 agents
// under 6 managers in 3 offices, public domain) through the real deal import, on a fresh org set up
// as its company is: the Maven pipeline, an office department per regional office, a team per
// manager, every agent a sales rep of their manager's team. Part of `npm run bench` (--maven).
// Measures the upload check, dry run and run, and checks that every deal arrived with its owner,
// team, stage and dates.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app.js';
import { checkImport, optionsOf, receiveUpload, runImport } from '../server/src/modules/imports/engine.js';
import { importTarget } from '../server/src/modules/imports/target.js';
import '../server/src/modules/imports/targets/opportunities.js';
import { createOrg } from '../server/src/modules/org/bootstrap.js';
import { loadActor } from '../server/src/platform/auth/actor-loader.js';
import { measure, type Phase } from './imports.js';
import { benchContext } from './lib/context.js';

export const mavenDir = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  'shared',
  'datasets',
  'maven-crm-sales-opportunities',
);
const holdingCustomer = 'Maven 未指明客户';

export type MavenImportBench = {
  dialect: string;
  rows: number;
  fileMiB: number;
  upload: Phase;
  check: Phase;
  run: Phase;
  created: number;
  /** Deals per office (the owner's team's office), as imported. */
  offices: Record<string, number>;
  stays: number;
};

const csv = (file: string) => {
  const [head, ...lines] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const keys = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i]!, v])));
};

export async function benchMavenImport(o: {
  dialect: 'sqlite' | 'postgres';
  url: string;
  gcSampleMs?: number;
  log?: (s: string) => void;
}): Promise<MavenImportBench> {
  const file = path.join(mavenDir, 'sales_pipeline.csv');
  const rows = csv(file);
  const teams = csv(path.join(mavenDir, 'sales_teams.csv'));
  const { database, ctx, close } = await benchContext(o.url);
  const db = database.db;
  try {
    const adminEmail = 'admin@maven.example';
    const adminPassword = 'Maven-admin-2026';
    const org = await db
      .transaction()
      .execute((tx) => createOrg(tx, { name: 'Maven Tech', adminEmail, adminPassword }, Date.now()));

    // The company as the data set has it, set up through the API an administrator would use.
    const app = await buildApp(ctx, { logger: false });
    let pipelineId = '';
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: adminEmail, password: adminPassword },
      });
      const headers = {
        cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken,
      };
      const post = async (url: string, payload: Record<string, unknown>) => {
        const res = await app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });
        if (res.statusCode !== 201) throw new Error(`maven: POST ${url}: ${res.statusCode} ${res.body}`);
        return res.json() as { id: string };
      };
      pipelineId = (
        await post('/pipelines', {
          name: 'Maven',
          stages: [
            { name: 'Prospecting', probability: 10, category: 'pipeline' },
            { name: 'Engaging', probability: 40, category: 'best_case' },
            { name: 'Won', probability: 100, category: 'closed_won' },
            { name: 'Lost', probability: 0, category: 'closed_lost' },
          ],
        })
      ).id;
      const email = (name: string) => `${name.toLowerCase().replace(/ /g, '.')}@maven.example`;
      const offices = new Map<string, string>();
      const teamOf = new Map<string, string>();
      for (const t of teams) {
        const office = t.regional_office!;
        if (!offices.has(office))
          offices.set(
            office,
            (await post('/departments', { parentId: org.rootDepartmentId, name: office })).id,
          );
        if (!teamOf.has(t.manager!)) {
          const manager = await post('/users', {
            name: t.manager,
            email: email(t.manager!),
            departmentId: offices.get(office),
            roles: ['sales_manager'],
          });
          teamOf.set(
            t.manager!,
            (
              await post('/departments', {
                parentId: offices.get(office),
                name: `${t.manager} team`,
                managerId: manager.id,
              })
            ).id,
          );
        }
        await post('/users', {
          name: t.sales_agent,
          email: email(t.sales_agent!),
          departmentId: teamOf.get(t.manager!),
          roles: ['sales_rep'],
        });
      }
    } finally {
      await app.close();
    }

    const actor = (await loadActor(db, org.adminId, 'session'))!;
    const target = importTarget('opportunity')!;
    let id = '';
    o.log?.('maven: upload');
    const upload = await measure(rows.length, async () => {
      id = await receiveUpload(ctx, actor, target, {
        fileName: 'sales_pipeline.csv',
        stream: fs.createReadStream(file),
        truncated: () => false,
      });
    });
    const uploaded = await db
      .selectFrom('imports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // The wizard's step 2: the columns it recognised, engage_date as the day the deal entered Engaging.
    const mapping = {
      ...(JSON.parse(uploaded.mapping ?? '{}') as Record<string, string>),
      5: 'entered.Engaging',
    };
    const options = optionsOf(target, { pipelineId, holdingCustomer, createCustomers: true });
    await target.assertOptions?.(db, actor, options);
    await db
      .updateTable('imports')
      .set({ mapping: JSON.stringify(mapping), options: JSON.stringify(options), status: 'checking' })
      .where('id', '=', id)
      .execute();
    o.log?.('maven: dry run');
    const check = await measure(rows.length, () => checkImport(ctx, id), o.gcSampleMs);
    await db.updateTable('imports').set({ status: 'running', policy: 'skip' }).where('id', '=', id).execute();
    o.log?.('maven: run');
    const run = await measure(rows.length, () => runImport(ctx, id), o.gcSampleMs);
    const imp = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (imp.status !== 'done') throw new Error(`maven: import ${imp.status} ${imp.error}`);
    const created = (JSON.parse(imp.result) as { created: number }).created;

    // Every deal there, owned by its agent, in its stage, with the stays its dates give.
    const deals = await db
      .selectFrom('opportunities as o')
      .innerJoin('pipelineStages as st', 'st.id', 'o.stageId')
      .leftJoin('users as u', 'u.id', 'o.ownerId')
      .select(['o.externalId', 'st.name as stage', 'u.name as owner', 'o.amount', 'o.closedAt'])
      .where('o.orgId', '=', org.orgId)
      .execute();
    const byId = new Map(deals.map((d) => [d.externalId, d]));
    const wrong = rows.filter((r) => {
      const d = byId.get(r.opportunity_id!);
      return (
        !d ||
        d.stage !== r.deal_stage ||
        d.owner !== r.sales_agent ||
        d.amount !== (r.close_value ? Number(r.close_value) * 100 : 0) ||
        (d.closedAt === null) !== !r.close_date
      );
    });
    if (deals.length !== rows.length || created !== rows.length || wrong.length)
      throw new Error(
        `maven: ${rows.length} rows, ${created} reported created, ${deals.length} deals, ${wrong.length} not as in the file (first: ${wrong[0]?.opportunity_id})`,
      );
    const stays = Number(
      (
        await db
          .selectFrom('opportunityStageHistory')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('orgId', '=', org.orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const expectedStays = rows.reduce(
      (n, r) => n + Math.max(1, (r.engage_date ? 1 : 0) + (r.close_date ? 1 : 0)),
      0,
    );
    if (stays !== expectedStays)
      throw new Error(`maven: ${stays} stage stays, the dates give ${expectedStays}`);
    const perOffice = await sql<{ office: string; n: number | string }>`
      select office.name as office, count(*) as n from opportunities o
      join users u on u.id = o.owner_id
      join departments team on team.id = u.department_id
      join departments office on office.id = team.parent_id
      where o.org_id = ${org.orgId} group by office.name order by office.name`.execute(db);
    return {
      dialect: o.dialect,
      rows: rows.length,
      fileMiB: fs.statSync(file).size / 2 ** 20,
      upload,
      check,
      run,
      created,
      offices: Object.fromEntries(perOffice.rows.map((r) => [r.office, Number(r.n)])),
      stays,
    };
  } finally {
    await close();
  }
}

export function mavenMarkdown(results: MavenImportBench[], stamp: string): string {
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  const live = (p: Phase) => (Number.isNaN(p.liveHeapMiB) ? 'n/a' : f(p.liveHeapMiB));
  const first = results[0]!;
  return [
    '<!-- deal-import -->',
    '## Import: the Maven CRM pipeline (8,800 deals, historical dates kept)',
    '',
    stamp,
    '',
    '| database | rows | file MiB | upload check s | dry run s (rows/s) | run s (rows/s) | rows/min end to end | created | stage stays written | heap after gc, peak MiB (dry run / run) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) => {
      const total = r.upload.seconds + r.check.seconds + r.run.seconds;
      return `| ${r.dialect} | ${f(r.rows)} | ${r.fileMiB.toFixed(1)} | ${r.upload.seconds.toFixed(1)} | ${r.check.seconds.toFixed(1)} (${f(r.check.rowsPerSec)}) | ${r.run.seconds.toFixed(1)} (${f(r.run.rowsPerSec)}) | ${f((r.rows / total) * 60)} | ${f(r.created)} | ${f(r.stays)} | ${live(r.check)} / ${live(r.run)} |`;
    }),
    '',
    `Deals per office after the import: ${Object.entries(first.offices)
      .map(([k, v]) => `${k} ${f(v)}`)
      .join(', ')}.`,
    '',
    "The file is `sales_pipeline.csv` of the data set as published. A fresh org is set up as Maven's company is, through the API: the pipeline Prospecting → Engaging → Won / Lost, a department per regional office, a team department per manager (the manager as its head), each of the 35 agents a sales rep of their manager's team. The wizard's choices: the columns it recognised, `engage_date` as the day the deal entered Engaging, customers made from `account` where missing and a holding customer for the 1,425 deals without one. The bench then checks every deal against its row (stage, owner, amount, closed or not) and that the stage history holds exactly the stays the dates give; it stops with an error otherwise.",
    '<!-- /deal-import -->',
  ].join('\n');
}
