import type { TFunction } from 'i18next';
import { leadChannels } from './statuses';

// 学习评分 (成交可能): the factors the server names as "field=value" keys, put into words a rep reads.

export type LearnedFactor = { feature: string; weight: number };
export type FactorWords = { text: string; up: boolean };

/** Fields whose value is shown as 字段=值 (an empty value reads 未填). */
const valued = ['source', 'channel', 'industry', 'province'] as const;
/** Fields that are only yes/no: what the lead filled in or asked. */
const flags = ['company', 'phone', 'email', 'asks_price', 'senior_title'] as const;

const isOf = <T extends string>(list: readonly T[], s: string): s is T =>
  (list as readonly string[]).includes(s);

/** One factor in words, or null for a key this page does not know (it is left out, not shown raw). */
export function factorText(t: TFunction, feature: string): string | null {
  const at = feature.indexOf('=');
  if (at < 0) return null;
  const key = feature.slice(0, at);
  const value = feature.slice(at + 1);
  if (isOf(valued, key)) {
    const field = t(`leads.learned.fields.${key}`);
    if (!value) return t('leads.learned.empty', { field });
    const shown = key === 'channel' && isOf(leadChannels, value) ? t(`leads.channels.${value}`) : value;
    return t('leads.learned.is', { field, value: shown });
  }
  if (isOf(flags, key) && (value === 'yes' || value === 'no'))
    return t(`leads.learned.flags.${key}.${value}`);
  return null;
}

/** The factors that moved the chance, strongest first, each with ↑ (helps) or ↓ (hurts); at most `max`. */
export function factorWords(t: TFunction, factors: LearnedFactor[], max = 4): FactorWords[] {
  return [...factors]
    .filter((f) => f.weight !== 0)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .flatMap((f) => {
      const text = factorText(t, f.feature);
      return text ? [{ text, up: f.weight > 0 }] : [];
    })
    .slice(0, max);
}
