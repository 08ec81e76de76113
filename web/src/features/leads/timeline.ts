import type { TFunction } from 'i18next';
import type { AuditEntry, Lead } from '../../app/api-types';
import { type FieldChange, fieldChanges } from '../audit/field-changes';
import { leadChannels, leadStatuses } from './statuses';

// Fields of a lead's audit snapshots worth showing, in form order; the rest (match keys, pinyin,
// org and version columns, custom values as stored) are bookkeeping.
const fields = [
  'name',
  'company',
  'title',
  'phone',
  'email',
  'wechat',
  'province',
  'city',
  'industry',
  'source',
  'channel',
  'inquiry',
  'status',
  'disqualifyReason',
  'ownerId',
] as const;
type Field = (typeof fields)[number];

const isIn = <T extends string>(list: readonly T[], v: unknown): v is T => list.includes(v as T);

function show(t: TFunction, field: Field, v: unknown, lead: Lead): string {
  if (v === undefined || v === null || v === '') return '—';
  if (field === 'status' && isIn(leadStatuses, v)) return t(`leads.statuses.${v}`);
  if (field === 'channel' && isIn(leadChannels, v)) return t(`leads.channels.${v}`);
  // Only the current owner's name is known here; an earlier owner shows as changed.
  if (field === 'ownerId') return v === lead.ownerId && lead.ownerName ? lead.ownerName : '…';
  return String(v);
}

// A follow-up on the lead's timeline (写了跟进): how, what, and when next.
const followUpFields = ['method', 'content', 'nextAt'] as const;
type FollowUpField = (typeof followUpFields)[number];

function showFollowUp(t: TFunction, field: FollowUpField, v: unknown, time: (ms: number) => string): string {
  if (v === undefined || v === null || v === '') return '—';
  if (field === 'method') return t(`followUps.methods.${v as 'phone'}`, String(v));
  if (field === 'nextAt' && typeof v === 'number') return time(v);
  return String(v);
}

const followUpLabel: Record<
  FollowUpField,
  'followUps.method' | 'followUps.content' | 'leads.fields.nextFollowUpAt'
> = {
  method: 'followUps.method',
  content: 'followUps.content',
  nextAt: 'leads.fields.nextFollowUpAt',
};

/**
 * The lead fields an entry set (create) or changed (update), before → after, labelled; for a
 * follow-up on the lead, its method, content and next time (`time` writes an instant).
 */
export function changesOf(
  t: TFunction,
  entry: AuditEntry,
  lead: Lead,
  time: (ms: number) => string = String,
): FieldChange[] {
  if (entry.object === 'follow_up')
    return fieldChanges(
      entry,
      followUpFields,
      (field, v) => showFollowUp(t, field, v, time),
      (field) => t(followUpLabel[field]),
    );
  return fieldChanges(
    entry,
    fields,
    (field, v) => show(t, field, v, lead),
    (field) => t(`leads.fields.${field}`),
  );
}
