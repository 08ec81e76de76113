import { formatMoney, formatMoneyCompact, type Locale } from '../../app/numbers';

/** The forecast's sums in 分: compact on cards and in tables (¥253万), in full where a number is typed beside them. */
export const money = (minor: number, locale: Locale, full = false) =>
  full ? formatMoney(minor, 'CNY', locale) : formatMoneyCompact(wholeYuan(minor), 'CNY', locale);

/** Expected values are fractions of a deal: shown to the 元 (¥6,205, not ¥6,205.17). */
const wholeYuan = (minor: number) => Math.round(minor / 100) * 100;
