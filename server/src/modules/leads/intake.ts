import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { isUniqueViolation } from '../../db/errors.js';
import type { DB, LeadSourcesTable } from '../../db/schema.js';
import { type Actor, orgActor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { notify } from '../../platform/notify/service.js';
import { dedupKeysOf } from '../customers/dedup.js';
import { identityOf, selectLeads } from './leads.repo.js';
import { createLead, leadDuplicates } from './leads.service.js';

// Intake from outside (C1, C2): a public web form or an inbound API/webhook of a lead source. The
// source stamps its `source` and campaign on the lead, and UTM parameters, referrer and form go into
// the channel details; the assignment rules route it. A duplicate never bounces back to the visitor:
// the source's policy flags it (kept, marked with what it matches, their owners told) or merges it
// into the lead it matches (no new lead; that lead's owner is told). A delivery key makes a webhook
// delivered twice one lead.

export type LeadSource = Selectable<LeadSourcesTable>;

/** What a form or webhook may send (the same limits as manual entry). */
const text = (max: number) => z.string().trim().max(max);
export const intakeBody = z.object({
  name: text(100).min(1),
  company: text(200).optional(),
  title: text(50).optional(),
  phone: text(50).optional(),
  email: text(254).optional(),
  wechat: text(50).optional(),
  province: text(30).optional(),
  city: text(30).optional(),
  industry: text(50).optional(),
  inquiry: text(2000).optional(),
  /** The caller's own id for this lead (makes a repeated delivery one lead). */
  externalId: text(100).optional(),
  utm_source: text(100).optional(),
  utm_medium: text(100).optional(),
  utm_campaign: text(100).optional(),
  utm_term: text(100).optional(),
  utm_content: text(100).optional(),
});
export type IntakeBody = z.infer<typeof intakeBody>;

export const intakeFields = [
  'name',
  'company',
  'title',
  'phone',
  'email',
  'wechat',
  'province',
  'city',
  'industry',
  'inquiry',
] as const;

export type IntakeOutcome = { leadId: string; outcome: 'created' | 'flagged' | 'merged' };

/** A new public key (form URL) or API secret: random, URL-safe. */
export const randomToken = (bytes = 24) => randomBytes(bytes).toString('base64url');
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Constant-time check of an API secret against the stored hash. */
export function secretMatches(source: LeadSource, secret: string | undefined): boolean {
  if (!secret || !source.secretHash) return false;
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(source.secretHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The identity intake acts as: the source itself, with every right in its org (it only ever creates
 * leads); its creator is recorded as the leads' creator.
 */
async function sourceActor(db: Kysely<DB>, source: LeadSource): Promise<Actor> {
  const root = await db
    .selectFrom('departments')
    .select('id')
    .where('orgId', '=', source.orgId)
    .where('parentId', 'is', null)
    .executeTakeFirstOrThrow();
  return orgActor({
    orgId: source.orgId,
    departmentId: root.id,
    userId: source.createdBy ?? '',
    name: source.name,
  });
}

/**
 * Takes one lead from a source (in its own transaction): idempotent by `deliveryKey`; the source's
 * duplicate policy; created through the one create path with `assign: 'rules'`.
 */
export async function intakeLead(
  db: Kysely<DB>,
  source: LeadSource,
  body: IntakeBody,
  o: IntakeOptions,
): Promise<IntakeOutcome> {
  try {
    return await intakeOnce(db, source, body, o);
  } catch (err) {
    // The same delivery arrived twice at once: the other one made the lead; answer with it.
    if (o.deliveryKey && isUniqueViolation(err)) return intakeOnce(db, source, body, o);
    throw err;
  }
}

type IntakeOptions = {
  at: number;
  deliveryKey?: string;
  detail: Record<string, unknown>;
  requestId?: string;
};

async function intakeOnce(
  db: Kysely<DB>,
  source: LeadSource,
  body: IntakeBody,
  o: IntakeOptions,
): Promise<IntakeOutcome> {
  return db.transaction().execute(async (tx) => {
    if (o.deliveryKey) {
      const seen = await tx
        .selectFrom('leadIntakeKeys')
        .select(['leadId', 'outcome'])
        .where('orgId', '=', source.orgId)
        .where('sourceId', '=', source.id)
        .where('deliveryKey', '=', o.deliveryKey)
        .executeTakeFirst();
      if (seen) return { leadId: seen.leadId, outcome: seen.outcome as IntakeOutcome['outcome'] };
    }
    const actor = await sourceActor(tx, source);
    const meta = { orgId: source.orgId, actorId: null, at: o.at, requestId: o.requestId };
    const utm = Object.fromEntries(
      Object.entries(body).filter(([k, v]) => k.startsWith('utm_') && v),
    ) as Record<string, string>;
    const detail = {
      ...o.detail,
      sourceId: source.id,
      sourceName: source.name,
      ...(source.campaign ? { campaign: source.campaign } : {}),
      ...(Object.keys(utm).length ? { utm } : {}),
      ...(body.externalId ? { externalId: body.externalId } : {}),
    };
    const fields = {
      name: body.name,
      company: body.company || null,
      title: body.title || null,
      phone: body.phone || null,
      email: body.email || null,
      wechat: body.wechat || null,
      region: { province: body.province || null, city: body.city || null },
      industry: body.industry || null,
      inquiry: body.inquiry || null,
      source: source.source,
    };
    let result: IntakeOutcome;
    const hits = await leadDuplicates(tx, source.orgId, dedupKeysOf(identityOf(fields)));
    const lead = source.onDuplicate === 'merge' ? hits.find((h) => h.object === 'lead') : undefined;
    if (lead) {
      // 合并: the existing lead hears of the new enquiry (on its timeline); its owner is told.
      const existing = await selectLeads(tx, source.orgId)
        .where('l.id', '=', lead.recordId)
        .executeTakeFirstOrThrow();
      await recordChange(tx, {
        ...meta,
        object: 'lead',
        recordId: existing.id,
        action: 'enquired_again',
        payload: { inquiry: fields.inquiry, channel: detail },
      });
      if (existing.ownerId)
        await notify(
          tx,
          source.orgId,
          [existing.ownerId],
          { kind: 'lead_enquired_again', params: { name: existing.name }, link: `/leads/${existing.id}` },
          o.at,
        );
      result = { leadId: existing.id, outcome: 'merged' };
    } else {
      const id = await createLead(
        tx,
        actor,
        { ...fields, assign: 'rules' },
        {
          ...meta,
          intake: { channel: source.kind === 'web_form' ? 'web_form' : 'api', detail },
          onDuplicate: 'flag',
        },
      );
      result = { leadId: id, outcome: hits.length ? 'flagged' : 'created' };
    }
    if (o.deliveryKey)
      await tx
        .insertInto('leadIntakeKeys')
        .values({
          orgId: source.orgId,
          sourceId: source.id,
          deliveryKey: o.deliveryKey,
          leadId: result.leadId,
          outcome: result.outcome,
          createdAt: o.at,
        })
        .execute();
    return result;
  });
}
