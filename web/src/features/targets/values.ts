import type { Locale } from '../../app/numbers';
import { formatMetric } from '../performance/format';
import type { MetricDefinition } from '../performance/metrics.api';

// A target's value as typed and as read: money is kept in 分 and typed in 元; counts as they are.

type Unit = MetricDefinition['unit'];

export const toInput = (value: number, unit: Unit) => (unit === 'money' ? value / 100 : value);
export const fromInput = (typed: number, unit: Unit) => Math.round(unit === 'money' ? typed * 100 : typed);
/** Compact (¥253万) beside progress; `full` (¥2,530,000.00) beside an input typed in 元. */
export const showValue = (value: number | null, unit: Unit, locale: Locale, full = false) =>
  formatMetric(value, unit, locale, !full);

/** What an amount input shows and reads: 1,234,567.5 (at most two decimals; 元 for money). */
export const amountInput = (unit: Unit) => ({
  min: 0,
  step: unit === 'money' ? 1000 : 1,
  formatter: (v: number | string | undefined) => {
    if (v === undefined || v === '') return '';
    const [whole, fraction] = String(v).split('.');
    const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return fraction && unit === 'money' ? `${grouped}.${fraction.slice(0, 2)}` : grouped;
  },
  parser: (v: string | undefined) => Number((v ?? '').replace(/,/g, '')) || 0,
});
