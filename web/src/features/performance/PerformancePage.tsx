import { Card, Col, Flex, Row, Segmented, Skeleton, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import type { Locale } from '../../app/numbers';
import { LoadError, PageHeader, PageSpinner, useIsPhone } from '../../components';
import { InsightsCard } from '../insights';
import { TargetGauge } from '../targets/TargetGauge';
import { KpiCard } from './KpiCard';
import { Leaderboard } from './Leaderboard';
import { type MetricDefinition, useMetric, useMetricDefinitions } from './metrics.api';

// ECharts only loads with the chart.
const TrendChart = lazy(() => import('./TrendChart'));

const periods = ['this_month', 'last_month', 'this_quarter', 'this_year'] as const;
type Shown = (typeof periods)[number];
/** The trend's buckets: days of a month, weeks of a quarter, months of a year. */
const granularityOf = {
  this_month: 'day',
  last_month: 'day',
  this_quarter: 'week',
  this_year: 'month',
} as const;
/** The cards, in the order a sales manager reads them: results, then the pipeline, then the funnel's top. */
const cards = [
  'won_amount',
  'won_deals',
  'win_rate',
  'avg_deal_size',
  'deals_created',
  'weighted_pipeline',
  'new_leads',
  'lead_to_deal_rate',
];

/** 业绩: the period's results, pipeline and leads as the metric registry computes them, in the reader's scope. */
export function PerformancePage() {
  const { t, i18n } = useTranslation();
  const phone = useIsPhone();
  const { can } = useAuth();
  const [period, setPeriod] = useState<Shown>('this_month');
  const definitions = useMetricDefinitions(i18n.language);
  if (definitions.isPending) return <PageSpinner />;
  if (definitions.isError)
    return <LoadError error={definitions.error} onRetry={() => void definitions.refetch()} />;
  const defs = new Map(definitions.data.data.map((d) => [d.id, d]));
  const partsOf = (d: MetricDefinition) =>
    d.ratio
      ? ([defs.get(d.ratio.numerator)!, defs.get(d.ratio.denominator)!] as [
          MetricDefinition,
          MetricDefinition,
        ])
      : undefined;
  return (
    <>
      <PageHeader title={t('performance.title')} subtitle={t('performance.subtitle')} />
      <Flex style={{ marginBottom: 16 }}>
        <Segmented<Shown>
          value={period}
          onChange={setPeriod}
          options={periods.map((p) => ({ value: p, label: t(`performance.periods.${p}`) }))}
          size={phone ? 'small' : 'middle'}
          data-testid="performance-period"
        />
      </Flex>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {cards.map((id) => {
          const def = defs.get(id);
          return def ? (
            <Col key={id} xs={12} md={6}>
              <KpiCard def={def} period={period} parts={partsOf(def)} />
            </Col>
          ) : null;
        })}
      </Row>
      <Row gutter={[16, 16]}>
        {can('target', 'read') && defs.get('won_amount') && (
          <Col xs={24} md={12} xl={6}>
            <TargetGauge def={defs.get('won_amount')!} period={period} />
          </Col>
        )}
        <Col xs={24} xl={can('target', 'read') ? 10 : 14}>
          <Card title={t('performance.trend', { metric: defs.get('won_amount')?.name })} size="small">
            <Trend def={defs.get('won_amount')!} period={period} height={phone ? 220 : 300} />
          </Card>
        </Col>
        <Col xs={24} md={can('target', 'read') ? 12 : 24} xl={can('target', 'read') ? 8 : 10}>
          <Card title={t('performance.leaderboard')} size="small" styles={{ body: { padding: 0 } }}>
            <Leaderboard period={period} defs={defs} />
          </Card>
        </Col>
        {can('insight', 'read') && (
          <Col xs={24}>
            <InsightsCard />
          </Col>
        )}
      </Row>
    </>
  );
}

function Trend({ def, period, height }: { def: MetricDefinition; period: Shown; height: number }) {
  const { t, i18n } = useTranslation();
  const result = useMetric(
    {
      metric: def.id,
      period,
      groupBy: ['period'],
      granularity: granularityOf[period as keyof typeof granularityOf],
    },
    i18n.language,
  );
  if (result.isPending) return <Skeleton active />;
  if (result.isError) return <Typography.Text type="danger">{t('performance.loadFailed')}</Typography.Text>;
  return (
    <div data-testid="performance-trend">
      <Suspense fallback={<Skeleton active />}>
        <TrendChart def={def} result={result.data} locale={i18n.language as Locale} height={height} />
      </Suspense>
    </div>
  );
}
