import type { TFunction } from 'i18next';
import type { Locale } from '../../app/numbers';
import { formatMetric } from '../performance/format';
import type { MetricDefinition } from '../performance/metrics.api';
import type { ScorecardItem } from './scorecards.api';

type Unit = MetricDefinition['unit'];

/** A rule's threshold as typed: money in 元, a rate in %. */
export const toTyped = (v: number, unit: Unit) =>
  unit === 'money' ? v / 100 : unit === 'ratio' ? v * 100 : v;
export const fromTyped = (v: number, unit: Unit) =>
  unit === 'money' ? Math.round(v * 100) : unit === 'ratio' ? v / 100 : v;

/** 目标完成率，封顶 120 分 · 0 分 20% → 满分 60% · 排名（越高越好）. */
export function ruleText(item: ScorecardItem, unit: Unit, t: TFunction, locale: Locale): string {
  const r = item.rule;
  if (r.type === 'target') return t('scorecards.rule.targetText', { cap: r.cap });
  if (r.type === 'rank') return t(`scorecards.rule.rankText.${r.better ?? 'higher'}`);
  return t('scorecards.rule.linearText', {
    zero: formatMetric(r.zero, unit, locale),
    full: formatMetric(r.full, unit, locale),
  });
}
