import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { JobRunner } from '../../platform/jobs/worker.js';
import { notify } from '../../platform/notify/service.js';
import type { ChangeContext } from '../customers/customers.service.js';
import { moveRecords } from '../customers/ownership.js';
import { registerFollowUpTarget } from '../follow-ups/registry.js';
import { managersAbove } from '../org/managers.js';
import { onOwned } from '../pools/poolable.js';
import { defaultPool } from '../pools/pools.repo.js';
import { type AssignmentReason, assignmentRules, decide, place } from './assignment.js';
import { selectLeads } from './leads.repo.js';
import { writeLead } from './leads.service.js';
import { scoredLead } from './scoring.js';
import { leadSettingsOf, nextFollowUpAt, slaDueAt } from './settings.js';

// 首次跟进时限 (C5): a lead a rep gets must be followed up within the org's first-response time. The
// owner is reminded before it runs out; when it does, the owner and their manager are alerted and
// the assigning rule's expiry action runs (reassign to the next candidate, or back to the lead pool).
// A recurring job sweeps due leads every minute: each step is a conditional update, so it happens
// once with several instances, and a deadline that passed while the server was down fires after it.

const hour = 3_600_000;

/** The clock starts (again) when a lead gets an owner and has not been followed up yet. */
onOwned('lead', async (tx, orgId, ids, at) => {
  const s = await leadSettingsOf(tx, orgId);
  await tx
    .updateTable('leads')
    .set({ slaDueAt: slaDueAt(s, at), slaState: null })
    .where('orgId', '=', orgId)
    .where('id', 'in', ids)
    .where('firstFollowUpAt', 'is', null)
    .execute();
});

/** A follow-up meets the SLA, moves a new lead to 跟进中 and sets when it is next due. */
registerFollowUpTarget('lead', {
  // A converted lead's follow-ups show on the customer it became.
  recordsUnder: (orgId, parentObject, parentId) =>
    parentObject === 'customer'
      ? sql`select id from leads where org_id = ${orgId} and converted_customer_id = ${parentId}`
      : null,
  async onFollowUp(tx, leadId, followUp, meta) {
    const before = await selectLeads(tx, meta.orgId).where('l.id', '=', leadId).executeTakeFirst();
    if (!before) throw notFound();
    if (before.status === 'converted') throw new AppError(409, 'lead_converted');
    const status = before.status === 'new' ? 'working' : before.status;
    const s = await leadSettingsOf(tx, meta.orgId);
    await writeLead(
      tx,
      before,
      {
        status,
        lastFollowUpAt: meta.at,
        firstFollowUpAt: before.firstFollowUpAt ?? meta.at,
        slaState: before.firstFollowUpAt === null ? 'met' : before.slaState,
        nextFollowUpAt: followUp.nextAt ?? nextFollowUpAt(s, status, meta.at),
      },
      meta,
    );
  },
});

export function registerSla(jobs: JobRunner): void {
  jobs.every('leads.sla', 60_000);
  jobs.handle('leads.sla', async (_job, { db, clock }) => {
    await sweepSla(db, clock.now());
  });
}

/** One sweep over every org: reminders due, then deadlines passed. */
export async function sweepSla(
  db: Kysely<DB>,
  now: number,
): Promise<{ reminded: number; escalated: number }> {
  const orgs = await db
    .selectFrom('leads')
    .select('orgId')
    .distinct()
    .where('slaDueAt', 'is not', null)
    .where((eb) => eb.or([eb('slaState', 'is', null), eb('slaState', '=', 'reminded')]))
    .where('firstFollowUpAt', 'is', null)
    .execute();
  let reminded = 0;
  let escalated = 0;
  for (const { orgId } of orgs) {
    const s = await leadSettingsOf(db, orgId);
    const open = () =>
      db
        .selectFrom('leads')
        .select(['id', 'name', 'ownerId', 'slaDueAt'])
        .where('orgId', '=', orgId)
        .where('ownerId', 'is not', null)
        .where('firstFollowUpAt', 'is', null)
        .where('deletedAt', 'is', null)
        .where('status', 'in', ['new', 'working', 'qualified']);
    for (const l of await open()
      .where('slaState', 'is', null)
      .where('slaDueAt', '<=', now + s.remindBeforeHours * hour)
      .where('slaDueAt', '>', now)
      .limit(1000)
      .execute()) {
      const won = await db
        .updateTable('leads')
        .set({ slaState: 'reminded' })
        .where('id', '=', l.id)
        .where('slaState', 'is', null)
        .where('firstFollowUpAt', 'is', null)
        .executeTakeFirst();
      if (Number(won.numUpdatedRows) !== 1) continue;
      await notify(
        db,
        orgId,
        [l.ownerId!],
        {
          kind: 'lead_sla_soon',
          params: { name: l.name, hours: s.remindBeforeHours },
          link: `/leads/${l.id}`,
        },
        now,
      );
      reminded++;
    }
    for (const l of await open()
      .where((eb) => eb.or([eb('slaState', 'is', null), eb('slaState', '=', 'reminded')]))
      .where('slaDueAt', '<=', now)
      .limit(1000)
      .execute())
      if (await escalate(db, orgId, l.id, now)) escalated++;
  }
  return { reminded, escalated };
}

/** Marks one lead's SLA as missed (once), alerts its owner and their manager, runs the expiry action. */
async function escalate(db: Kysely<DB>, orgId: string, leadId: string, now: number): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const won = await tx
      .updateTable('leads')
      .set({ slaState: 'escalated' })
      .where('id', '=', leadId)
      .where((eb) => eb.or([eb('slaState', 'is', null), eb('slaState', '=', 'reminded')]))
      .where('firstFollowUpAt', 'is', null)
      .where('ownerId', 'is not', null)
      .executeTakeFirst();
    if (Number(won.numUpdatedRows) !== 1) return false;
    const lead = await selectLeads(tx, orgId).where('l.id', '=', leadId).executeTakeFirstOrThrow();
    const ownerId = lead.ownerId!;
    const [manager = null] = await managersAbove(tx, orgId, ownerId);
    await notify(
      tx,
      orgId,
      [ownerId, ...(manager ? [manager] : [])],
      {
        kind: 'lead_sla_missed',
        params: { name: lead.name, owner: lead.ownerName },
        link: `/leads/${lead.id}`,
      },
      now,
    );
    const reason = lead.assignment ? (JSON.parse(lead.assignment) as AssignmentReason) : null;
    const ruleId = reason?.kind === 'rule' ? reason.ruleId : null;
    const rule = ruleId ? (await assignmentRules(tx, orgId)).find((r) => r.rule.id === ruleId) : undefined;
    const action = rule?.row.onExpiry ?? 'none';
    if (action === 'none') return true;
    const meta: ChangeContext = { orgId, actorId: null, at: now };
    // Off the late owner into the lead pool; with `reassign`, on to the next candidate the rules give.
    const pool = await defaultPool(tx, orgId, now, 'lead');
    await moveRecords(
      tx,
      'lead',
      [{ id: lead.id, expectOwner: ownerId, poolId: lead.poolId }],
      { poolId: pool.id },
      'recycle',
      { ...meta, reason: 'sla_expired' },
    );
    if (action === 'reassign') {
      const routed = { ...scoredLead(lead), score: lead.score };
      const { to, reason: next } = await decide(tx, orgId, routed, now, { exclude: [ownerId] });
      await place(tx, { id: lead.id, poolId: pool.id }, to, next, meta);
    }
    return true;
  });
}
