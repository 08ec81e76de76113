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

/** The lead fields an entry set (create) or changed (update), before → after, labelled. */
export function changesOf(t: TFunction, entry: AuditEntry, lead: Lead): FieldChange<Field>[] {
  return fieldChanges(
    entry,
    fields,
    (field, v) => show(t, field, v, lead),
    (field) => t(`leads.fields.${field}`),
  );
}
