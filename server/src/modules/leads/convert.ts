import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, assertRecordAccess, can } from '../../platform/access/index.js';
import { AppError, invalid } from '../../platform/errors.js';
import { normalizePhone } from '../../platform/normalize/index.js';
import { createContact } from '../contacts/contacts.service.js';
import { type ChangeContext, createCustomer } from '../customers/customers.service.js';
import { calendarDay, money } from '../opportunities/opportunities.schema.js';
import { createOpportunity } from '../opportunities/opportunities.service.js';
import type { LeadRow } from './leads.repo.js';
import { editable, writeLead } from './leads.service.js';

// 转化 (C6): one step turns a lead into a customer (new, dedup-checked — or an existing one the rep may
// change), a contact and, if asked, a deal (商机), carrying over source, region, industry, the enquiry and the files; the lead
// keeps a link to what it became, and its history (follow-ups, changes) shows on the customer.

const text = (max: number) => z.string().trim().max(max);

export const convertBody = z.strictObject({
  customer: z.discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('new'),
      /** Defaults to the lead's company (or the person, for a private buyer). */
      name: text(200).min(1).optional(),
      level: z.enum(['A', 'B', 'C']).nullable().optional(),
      /** Why a customer is created although similar names exist (as when creating one by hand). */
      nearDuplicateReason: text(500).min(2).optional(),
    }),
    z.strictObject({ mode: z.literal('existing'), customerId: z.uuid() }),
  ]),
  /** Add the lead's person as a contact of the customer (unless they are one already). */
  contact: z.boolean().default(true),
  /** Also open a deal (商机) for the customer, with the lead's source and person (needs the right to create deals). */
  opportunity: z
    .strictObject({
      /** Defaults to the customer's name and the enquiry's first words. */
      name: text(100).min(1).optional(),
      amount: money,
      pipelineId: z.uuid().optional(),
      expectedCloseDate: calendarDay.nullable().optional(),
    })
    .optional(),
});

export type ConvertResult = { customerId: string; contactId: string | null; opportunityId: string | null };

/**
 * Converts a lead the actor may update, in the caller's transaction. A new customer goes through the
 * one create path (a collision answers 409 duplicate_customer naming the existing one, to convert
 * into instead); an existing customer must be one the actor may update.
 */
export async function convertLead(
  tx: Kysely<DB>,
  actor: Actor,
  leadId: string,
  b: z.infer<typeof convertBody>,
  meta: ChangeContext & { version?: number },
): Promise<ConvertResult> {
  const lead = await editable(tx, actor, leadId, meta.version);
  if (lead.status === 'disqualified') throw new AppError(409, 'lead_disqualified');
  if (b.opportunity && !can(actor, 'opportunity', 'create')) throw new AppError(403, 'forbidden');
  const source = { leadId: lead.id };
  const customerId =
    b.customer.mode === 'existing'
      ? await existingCustomer(tx, actor, b.customer.customerId)
      : await createCustomer(
          tx,
          actor,
          {
            name: b.customer.name ?? lead.company ?? lead.name,
            level: b.customer.level,
            industry: lead.industry,
            region: { province: lead.province, city: lead.city },
            source: lead.source,
            // A private buyer (no company) is reached on their own phone and e-mail.
            ...(lead.company ? {} : { phone: lead.phone, email: lead.email }),
            ownerId: lead.ownerId ?? actor.userId,
          },
          { ...meta, nearDuplicateReason: b.customer.nearDuplicateReason, source },
        );
  const contactId = b.contact ? await contactFor(tx, actor, customerId, lead, meta) : null;
  const opportunityId = b.opportunity
    ? await createOpportunity(
        tx,
        actor,
        {
          name:
            b.opportunity.name ??
            `${lead.company ?? lead.name}${lead.inquiry ? ` ${lead.inquiry.slice(0, 20)}` : ''}`,
          customerId,
          amount: b.opportunity.amount,
          pipelineId: b.opportunity.pipelineId,
          expectedCloseDate: b.opportunity.expectedCloseDate,
          ownerId: lead.ownerId ?? actor.userId,
          source: lead.source,
          leadId: lead.id,
          contactIds: contactId ? [contactId] : [],
        },
        meta,
      )
    : null;
  // The lead's files go with it to the customer.
  await tx
    .updateTable('attachments')
    .set({ object: 'customer', recordId: customerId })
    .where('orgId', '=', actor.orgId)
    .where('object', '=', 'lead')
    .where('recordId', '=', lead.id)
    .execute();
  await writeLead(
    tx,
    lead,
    {
      status: 'converted',
      convertedCustomerId: customerId,
      convertedContactId: contactId,
      convertedOpportunityId: opportunityId,
      convertedAt: meta.at,
      slaState: lead.firstFollowUpAt === null ? null : lead.slaState,
      slaDueAt: lead.firstFollowUpAt === null ? null : lead.slaDueAt,
      nextFollowUpAt: null,
    },
    meta,
  );
  return { customerId, contactId, opportunityId };
}

async function existingCustomer(tx: Kysely<DB>, actor: Actor, customerId: string): Promise<string> {
  await assertRecordAccess(tx, actor, 'customer', 'update', customerId).catch(() => {
    throw invalid([{ path: 'body.customer.customerId', code: 'not_found' }]);
  });
  return customerId;
}

/** The lead's person as a contact of the customer — the one they already are, if their mobile matches. */
async function contactFor(
  tx: Kysely<DB>,
  actor: Actor,
  customerId: string,
  lead: LeadRow,
  meta: ChangeContext,
): Promise<string> {
  const mobile = lead.phone ? normalizePhone(lead.phone)?.e164 : null;
  if (mobile) {
    const known = await tx
      .selectFrom('contacts')
      .select('id')
      .where('orgId', '=', actor.orgId)
      .where('customerId', '=', customerId)
      .where((eb) => eb.or([eb('mobileE164', '=', mobile), eb('phoneE164', '=', mobile)]))
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (known) return known.id;
  }
  return createContact(
    tx,
    actor,
    customerId,
    {
      name: lead.name,
      title: lead.title,
      mobile: lead.phone,
      email: lead.email,
      wechat: lead.wechat,
      notes: lead.inquiry,
    },
    { ...meta, source: { leadId: lead.id } },
  );
}
