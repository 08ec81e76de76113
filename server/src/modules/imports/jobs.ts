import type { JobRunner } from '../../platform/jobs/worker.js';
import { checkImport, runImport } from './engine.js';
import './targets/customers.js';
import './targets/users.js';
import './targets/leads.js';

/** The dry run and the run of an import, as durable jobs (retried after a crash; the run resumes). */
export function registerImportJobs(jobs: JobRunner): void {
  jobs.handle('import.check', (job, ctx) => checkImport(ctx, String(job.data.importId)));
  jobs.handle('import.run', (job, ctx) => runImport(ctx, String(job.data.importId), job));
}
