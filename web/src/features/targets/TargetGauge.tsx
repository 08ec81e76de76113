import { Button, Card, Empty, Flex, Progress, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPercent, type Locale } from '../../app/numbers';
import type { MetricDefinition } from '../performance/metrics.api';
import { PaceTag } from './PaceTag';
import { periodLabel } from './periods';
import { type TreePeriod, useTargetTree } from './targets.api';
import { showValue } from './values';

type Props = {
  def: MetricDefinition;
  period: TreePeriod;
  /** A department to show instead of the reader's own top node (a dashboard's filter), when in reach. */
  departmentId?: string;
};

/**
 * 目标完成 on 业绩: the reader's own top node (the company, their department, themself) against its
 * target for the period shown — the same row as on 业绩目标.
 */
export function TargetGauge({ def, period, departmentId }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const tree = useTargetTree(def.id, period, i18n.language);
  const rows = tree.data?.rows ?? [];
  const top =
    (departmentId && rows.find((r) => r.key === `department:${departmentId}`)) ||
    rows.find((r) => r.parentKey === null);
  const p = top?.progress;
  return (
    <Card
      size="small"
      title={`${t('targets.gauge.title')} · ${def.name}`}
      style={{ height: '100%' }}
      data-testid="target-gauge"
    >
      {tree.isPending ? (
        <Skeleton active />
      ) : tree.isError || !top ? (
        <Typography.Text type="danger">{t('performance.loadFailed')}</Typography.Text>
      ) : !top.target || !p ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.gauge.none')}>
          <Link to="/performance/targets">
            <Button size="small">{t('targets.gauge.setOne')}</Button>
          </Link>
        </Empty>
      ) : (
        <Flex vertical align="center" gap={6}>
          <Typography.Text type="secondary">
            {top.name} · {periodLabel(tree.data.period.key, t)}
          </Typography.Text>
          <Progress
            type="dashboard"
            percent={Math.min((p.completion ?? 0) * 100, 100)}
            format={() => formatPercent(p.completion ?? 0, locale, 0)}
            size={140}
            data-testid="gauge-completion"
          />
          <Typography.Text strong>
            {showValue(top.actual, def.unit, locale)} / {showValue(top.target.value, def.unit, locale)}
          </Typography.Text>
          <Flex gap={8} wrap justify="center" align="center">
            <PaceTag row={top} unit={def.unit} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('targets.gauge.expected', {
                percent: formatPercent(top.target.value ? p.expected / top.target.value : 0, locale, 0),
              })}{' '}
              · {t('targets.gauge.gap', { value: showValue(p.gap, def.unit, locale) })} ·{' '}
              {t('targets.daysLeft', { count: p.daysLeft })}
            </Typography.Text>
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
