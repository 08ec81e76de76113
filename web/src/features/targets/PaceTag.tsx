import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPercent, type Locale } from '../../app/numbers';
import type { MetricDefinition } from '../performance/metrics.api';
import type { TargetRow } from './targets.api';
import { showValue } from './values';

/** 进度: ahead of or behind an even spread of the target over the period, with what was due by today. */
export function PaceTag({ row, unit }: { row: TargetRow; unit: MetricDefinition['unit'] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const p = row.progress;
  if (!p || p.pace === null) return <span>—</span>;
  const ahead = p.pace >= 1;
  const label = ahead
    ? t('targets.ahead', { percent: formatPercent(p.pace - 1, locale, 0) })
    : t('targets.behind', { percent: formatPercent(1 - p.pace, locale, 0) });
  return (
    <Tooltip title={t('targets.expectedByToday', { value: showValue(p.expected, unit, locale) })}>
      <Tag
        color={ahead ? 'green' : p.pace >= 0.8 ? 'orange' : 'red'}
        data-testid="pace"
        style={{ marginInlineEnd: 0 }}
      >
        {label}
      </Tag>
    </Tooltip>
  );
}
