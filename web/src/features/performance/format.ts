import { formatMoney, formatMoneyCompact, formatNumber, formatPercent, type Locale } from '../../app/numbers';
import type { MetricDefinition } from './metrics.api';

type Unit = MetricDefinition['unit'];

/** A metric's value as people read it: money in 元 (compact on cards), rates in %, hours and minutes. */
export function formatMetric(value: number | null, unit: Unit, locale: Locale, compact = false): string {
  if (value === null) return '—';
  switch (unit) {
    case 'money':
      return compact
        ? formatMoneyCompact(Math.round(value), 'CNY', locale)
        : formatMoney(Math.round(value), 'CNY', locale);
    case 'ratio':
      return formatPercent(value, locale);
    case 'hours':
      return `${formatNumber(value, locale, 1)} ${locale === 'en' ? 'h' : '小时'}`;
    case 'days':
      return `${formatNumber(value, locale, 1)} ${locale === 'en' ? (value === 1 ? 'day' : 'days') : '天'}`;
    case 'minutes':
      return `${formatNumber(value, locale, 0)} ${locale === 'en' ? 'min' : '分钟'}`;
    default:
      return formatNumber(value, locale, 0);
  }
}
