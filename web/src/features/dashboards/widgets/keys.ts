import type { TFunction } from 'i18next';
import type { MetricRow } from '../../performance/metrics.api';

type Dimension = keyof MetricRow['keys'] & string;

/** How a row's value of a dimension reads: a record's name, a follow-up method's, or the value itself. */
export function keyLabel(row: MetricRow, d: Dimension, t: TFunction): string {
  const v = row.keys[d];
  if (v === null || v === undefined) return t('dashboards.none');
  if (row.labels[d]) return row.labels[d]!;
  if (d === 'method') return t(`followUps.methods.${v as 'phone'}`);
  if (d === 'period' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v.slice(5);
  return v;
}
