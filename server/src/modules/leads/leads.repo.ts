import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { DB, LeadsTable } from '../../db/schema.js';
import { invalid } from '../../platform/errors.js';
import { pinyinKeys } from '../../platform/normalize/index.js';
import type { DedupKeys } from '../customers/dedup.js';
import type { lead, leadFields } from './leads.schema.js';

export type LeadFields = Partial<{ [K in keyof typeof leadFields]: z.infer<(typeof leadFields)[K]> }>;

/** Live (not deleted) leads of an org with their owner's name. */
export function selectLeads(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom('leads as l')
    .leftJoin('users as o', 'o.id', 'l.ownerId')
    .selectAll('l')
    .select(['o.name as ownerName'])
    .where('l.orgId', '=', orgId)
    .where('l.deletedAt', 'is', null);
}

export type LeadRow = Selectable<LeadsTable> & { ownerName: string | null };

export function present(r: LeadRow): z.infer<typeof lead> {
  return {
    id: r.id,
    name: r.name,
    company: r.company,
    title: r.title,
    phone: r.phone,
    email: r.email,
    wechat: r.wechat,
    region: { province: r.province, city: r.city },
    industry: r.industry,
    source: r.source,
    channel: r.channel as z.infer<typeof lead>['channel'],
    channelDetail: JSON.parse(r.channelDetail) as Record<string, unknown>,
    inquiry: r.inquiry,
    status: r.status as z.infer<typeof lead>['status'],
    disqualifyReason: r.disqualifyReason,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    ownedSince: r.ownedSince,
    poolId: r.poolId,
    lastFollowUpAt: r.lastFollowUpAt,
    score: r.score,
    scoreExplanation: JSON.parse(r.scoreDetail) as z.infer<typeof lead>['scoreExplanation'],
    learnedScore: r.learnedScore,
    learnedFactors: r.learnedDetail
      ? (JSON.parse(r.learnedDetail) as z.infer<typeof lead>['learnedFactors'])
      : [],
    assignmentReason: r.assignment
      ? (JSON.parse(r.assignment) as z.infer<typeof lead>['assignmentReason'])
      : null,
    assignedAt: r.assignedAt,
    slaDueAt: r.slaDueAt,
    slaState: r.slaState as z.infer<typeof lead>['slaState'],
    firstFollowUpAt: r.firstFollowUpAt,
    nextFollowUpAt: r.nextFollowUpAt,
    convertedCustomerId: r.convertedCustomerId,
    convertedContactId: r.convertedContactId,
    convertedOpportunityId: r.convertedOpportunityId,
    convertedAt: r.convertedAt,
    custom: JSON.parse(r.custom) as Record<string, unknown>,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

/** The identity a lead is matched on (the one normalizer): its company, phone and e-mail. */
export const identityOf = (f: { company?: string | null; phone?: string | null; email?: string | null }) => ({
  name: f.company ?? null,
  phone: f.phone ?? null,
  email: f.email ?? null,
});

/** Column values from API fields (only the fields present); unreadable phones and e-mails are field errors. */
export function columnsOf(f: LeadFields, keys: DedupKeys): Record<string, unknown> {
  const cols: Record<string, unknown> = {};
  if (f.name !== undefined) {
    const py = pinyinKeys(f.name);
    Object.assign(cols, { name: f.name, namePinyin: py.full, nameInitials: py.initials });
  }
  for (const k of ['title', 'wechat', 'industry', 'source', 'inquiry'] as const)
    if (f[k] !== undefined) cols[k] = f[k] || null;
  if (f.company !== undefined) Object.assign(cols, { company: f.company || null, companyKey: keys.company });
  if (f.region !== undefined)
    Object.assign(cols, { province: f.region.province || null, city: f.region.city || null });
  const errors = [];
  if (f.phone !== undefined) {
    if (f.phone && !keys.phone) errors.push({ path: 'body.phone', code: 'invalid_phone' });
    Object.assign(cols, { phone: f.phone || null, phoneE164: keys.phone });
  }
  if (f.email !== undefined) {
    if (f.email && !keys.email) errors.push({ path: 'body.email', code: 'invalid_email' });
    cols.email = keys.email;
  }
  if (errors.length) throw invalid(errors);
  if (f.status !== undefined) cols.status = f.status;
  if (f.ownerId !== undefined) cols.ownerId = f.ownerId;
  return cols;
}
