import type { TFunction } from 'i18next';
import { currentLanguage } from '../../app/i18n';

// Target periods by key, as the server names them: 2026, 2026-Q4, 2026-11.

export type Level = 'year' | 'quarter' | 'month';

export const levelOf = (key: string): Level =>
  key.includes('Q') ? 'quarter' : key.length === 7 ? 'month' : 'year';

/** The key of the `level` period that holds a calendar day (YYYY-MM-DD). */
export function keyOf(day: string, level: Level): string {
  const year = day.slice(0, 4);
  if (level === 'year') return year;
  const month = Number(day.slice(5, 7));
  return level === 'quarter' ? `${year}-Q${Math.ceil(month / 3)}` : day.slice(0, 7);
}

/** The first day of a period (for a date picker). */
export function firstDayOf(key: string): string {
  const year = key.slice(0, 4);
  if (key.length === 4) return `${year}-01-01`;
  if (key.includes('Q')) return `${year}-${String((Number(key.at(-1)) - 1) * 3 + 1).padStart(2, '0')}-01`;
  return `${key}-01`;
}

/** 2026 年 · 2026 年第 4 季度 · 2026年11月 — and in English (2026 · Q4 2026 · November 2026). */
export function periodLabel(key: string, t: TFunction): string {
  const year = key.slice(0, 4);
  const level = levelOf(key);
  if (level === 'year') return t('targets.periodName.year', { year });
  if (level === 'quarter') return t('targets.periodName.quarter', { year, quarter: Number(key.at(-1)) });
  return new Intl.DateTimeFormat(currentLanguage(), {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${key}-01T00:00:00Z`));
}
