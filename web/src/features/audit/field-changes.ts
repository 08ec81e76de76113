import type { AuditEntry } from '../../app/api-types';

export type FieldChange<F extends string = string> = {
  field: F;
  label: string;
  before: string;
  after: string;
};

/**
 * The listed fields an audit entry set (create) or changed (update), before → after, in the order
 * given; each value shown by `show`. Other columns of the snapshot (match keys, pinyin, versions) are
 * bookkeeping, and a field a create left blank is not worth a line.
 */
export function fieldChanges<F extends string>(
  entry: Pick<AuditEntry, 'action' | 'before' | 'after'>,
  fields: readonly F[],
  show: (field: F, v: unknown) => string,
  label: (field: F) => string,
): FieldChange<F>[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const out: FieldChange<F>[] = [];
  for (const field of fields) {
    const b = show(field, before[field]);
    const a = show(field, after[field]);
    const differs = JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null);
    if (!(field in after) || !differs || (entry.action === 'create' && a === '—')) continue;
    out.push({ field, label: label(field), before: b, after: a });
  }
  return out;
}
