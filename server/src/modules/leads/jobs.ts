import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { JobRunner } from '../../platform/jobs/worker.js';
import { activeModel, learnedColumns, trainOrg } from './learned.js';
import { scoreColumns, scoredLead, scoreOf, scoreRules } from './scoring.js';
import { registerSla } from './sla.js';

/** The SLA sweep, nightly retraining, and open leads rescored in batches when the org's scoring changes. */
export function registerLeadJobs(jobs: JobRunner): void {
  registerSla(jobs);
  // The learned models of the orgs that use one learn from the leads closed since, every night.
  jobs.every('leads.train', 86_400_000);
  jobs.handle('leads.train', async (_job, { db, clock }) => {
    const orgs = await db.selectFrom('leadModels').select('orgId').where('enabled', '=', 1).execute();
    for (const { orgId } of orgs) await retrain(db, orgId, clock.now());
  });
  jobs.handle('leads.rescore', async (job, { db }) => {
    await rescoreOrg(db, String(job.data.orgId));
  });
}

const open = ['new', 'working', 'qualified'];

/**
 * Recomputes the score of every open lead of the org under its current rules, 500 at a time in id
 * order; only changed scores are written. The score is derived data: no new version, no audit entry.
 */
export async function rescoreOrg(db: Kysely<DB>, orgId: string): Promise<number> {
  const rules = await scoreRules(db, orgId);
  const model = await activeModel(db, orgId);
  let after = '';
  let changed = 0;
  for (;;) {
    const batch = await db
      .selectFrom('leads')
      .selectAll()
      .where('orgId', '=', orgId)
      .where('deletedAt', 'is', null)
      .where('status', 'in', open)
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (!batch.length) return changed;
    await db.transaction().execute(async (tx) => {
      for (const lead of batch) {
        const facts = scoredLead(lead);
        const cols = { ...scoreColumns(scoreOf(rules, facts)), ...learnedColumns(model, lead) };
        if (
          cols.score === lead.score &&
          cols.scoreDetail === lead.scoreDetail &&
          cols.learnedScore === lead.learnedScore &&
          cols.learnedDetail === lead.learnedDetail
        )
          continue;
        await tx.updateTable('leads').set(cols).where('id', '=', lead.id).execute();
        changed++;
      }
    });
    after = batch.at(-1)!.id;
  }
}

/** Trains the org's model again and stores it (keeping whether it is on); rescores if it is on. */
export async function retrain(db: Kysely<DB>, orgId: string, now: number) {
  const trained = await trainOrg(db, orgId);
  if (!trained) return null;
  const values = {
    trainedAt: now,
    samples: trained.samples,
    converted: trained.converted,
    auc: trained.auc,
    model: JSON.stringify(trained.model),
  };
  await db
    .insertInto('leadModels')
    .values({ orgId, ...values })
    .onConflict((oc) =>
      oc.column('orgId').doUpdateSet((eb) => ({ ...values, version: eb('leadModels.version', '+', 1) })),
    )
    .execute();
  if (await activeModel(db, orgId)) await rescoreOrg(db, orgId);
  return trained;
}
