import { registerFollowUpDigest } from './modules/follow-ups/digest.js';
import { registerImportJobs } from './modules/imports/jobs.js';
import { registerInsightDigest } from './modules/insights/digest.js';
import { registerLeadJobs } from './modules/leads/jobs.js';
import { registerRecycling } from './modules/pools/recycle.js';
import type { AppContext } from './platform/context.js';
import { registerHousekeeping } from './platform/jobs/housekeeping.js';
import { JobRunner } from './platform/jobs/worker.js';
import { registerPlatformNotices } from './platform/notify/subscribers.js';

/** The job runner with every module's handlers, subscribers and recurring jobs. */
export function buildJobRunner(
  ctx: AppContext,
  opts?: ConstructorParameters<typeof JobRunner>[1],
): JobRunner {
  const jobs = new JobRunner(ctx, opts);
  registerHousekeeping(jobs);
  registerPlatformNotices(jobs);
  registerImportJobs(jobs);
  registerRecycling(jobs);
  registerLeadJobs(jobs);
  registerFollowUpDigest(jobs);
  registerInsightDigest(jobs);
  return jobs;
}
