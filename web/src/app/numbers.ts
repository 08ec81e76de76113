// Numbers and money for people: one place, so every screen writes ¥1,234,567.00 and 123.5万 the same way.
// Money travels as integer minor units (分 for CNY) with an ISO currency; never as floats.

export type Locale = 'zh-CN' | 'en';

const minorDigits = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** ¥1,234,567.00 from 123456700 分 (CNY), in the reader's locale. */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** digits);
}

/**
 * Large amounts on dashboards: 123.5万 / 1.2亿 in Chinese, 1.2M / 120K in English (with the currency
 * symbol). Below 10,000 the full amount is shown.
 */
export function formatMoneyCompact(minor: number, currency: string, locale: Locale): string {
  const major = minor / 10 ** minorDigits(currency);
  // Small amounts in full; whole ones without the ,00 that would stand out beside ¥253万.
  if (Math.abs(major) < 10_000)
    return Number.isInteger(major)
      ? new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(major)
      : formatMoney(minor, currency, locale);
  const symbol = formatMoney(0, currency, locale).replace(/[\d.,\s]/g, '');
  if (locale === 'zh-CN') {
    const [value, unit] = Math.abs(major) >= 1e8 ? [major / 1e8, '亿'] : [major / 1e4, '万'];
    return `${symbol}${formatNumber(value, locale, 1)}${unit}`;
  }
  const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(
    major,
  );
  return `${symbol}${compact}`;
}

/** 1,234,567 or 12.5 — thousands separators, at most `maxFraction` decimals. */
export function formatNumber(value: number, locale: Locale, maxFraction = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxFraction }).format(value);
}

/** 37.5% from 0.375. */
export function formatPercent(ratio: number, locale: Locale, maxFraction = 1): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: maxFraction }).format(
    ratio,
  );
}
