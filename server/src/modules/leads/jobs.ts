import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { JobRunner } from '../../platform/jobs/worker.js';
import { scoreColumns, scoredLead, scoreOf, scoreRules } from './scoring.js';
import { registerSla } from './sla.js';

/** The SLA sweep, and open leads rescored in batches when the org's scoring rules change. */
export function registerLeadJobs(jobs: JobRunner): void {
  registerSla(jobs);
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
        const cols = scoreColumns(scoreOf(rules, scoredLead(lead)));
        if (cols.score === lead.score && cols.scoreDetail === lead.scoreDetail) continue;
        await tx.updateTable('leads').set(cols).where('id', '=', lead.id).execute();
        changed++;
      }
    });
    after = batch.at(-1)!.id;
  }
}
