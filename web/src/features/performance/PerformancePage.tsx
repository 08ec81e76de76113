import { Card, Col, Flex, Row, Segmented, Skeleton, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import type { Locale } from '../../app/numbers';
import { LoadError, PageHeader, PageSpinner, useIsPhone } from '../../components';
import { InsightsCard } from '../insights';
import { TargetGauge } from '../targets/TargetGauge';
import { AdoptionCard } from './AdoptionCard';
import { type Drill, DrillDrawer } from './DrillDrawer';
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
  // The period lives in the address, so a record opened from a drill-down comes back to it.
  const [params, setParams] = useSearchParams();
  const asked = params.get('period') as Shown | null;
  const period: Shown = asked && periods.includes(asked) ? asked : 'this_month';
  const setPeriod = (p: Shown) => setParams(p === 'this_month' ? {} : { period: p }, { replace: true });
  const [drill, setDrill] = useState<Drill | null>(null);
  const definitions = useMetricDefinitions(i18n.language);
  if (definitions.isPending) return <PageSpinner />;
  if (definitions.isError)
    return <LoadError error={definitions.error} onRetry={() => void definitions.refetch()} />;
  const defs = new Map(definitions.data.data.map((d) => [d.id, d]));
  const periodName = t(`performance.periods.${period}`);
  /** Opens the records behind a number: the whole period's, or one cell's (a rep, a bucket). */
  const drillInto = (def: MetricDefinition, what: string | null, body: Omit<Drill['body'], 'metric'>) =>
    setDrill({
      def,
      title: t('performance.drill.of', { metric: def.name, what: what ?? periodName }),
      body: { metric: def.id, ...body },
    });
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
              <KpiCard
                def={def}
                period={period}
                parts={partsOf(def)}
                onDrill={() => drillInto(def, null, { period, keys: {} })}
              />
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
            <Trend
              def={defs.get('won_amount')!}
              period={period}
              height={phone ? 220 : 300}
              onDrill={(bucket) =>
                drillInto(defs.get('won_amount')!, bucket, {
                  period,
                  granularity: granularityOf[period],
                  keys: { period: bucket },
                })
              }
            />
          </Card>
        </Col>
        <Col xs={24} md={can('target', 'read') ? 12 : 24} xl={can('target', 'read') ? 8 : 10}>
          <Card title={t('performance.leaderboard')} size="small" styles={{ body: { padding: 0 } }}>
            <Leaderboard
              period={period}
              defs={defs}
              onDrill={(metric, rep, name) => drillInto(defs.get(metric)!, name, { period, keys: { rep } })}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <AdoptionCard
            period={period}
            defs={defs}
            onDrill={(metric, rep, name) => drillInto(defs.get(metric)!, name, { period, keys: { rep } })}
          />
        </Col>
        {can('insight', 'read') && (
          <Col xs={24}>
            <InsightsCard />
          </Col>
        )}
      </Row>
      <DrillDrawer drill={drill} defs={defs} onClose={() => setDrill(null)} />
    </>
  );
}

type TrendProps = { def: MetricDefinition; period: Shown; height: number; onDrill: (bucket: string) => void };

function Trend({ def, period, height, onDrill }: TrendProps) {
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
        <TrendChart
          def={def}
          result={result.data}
          locale={i18n.language as Locale}
          height={height}
          onDrill={onDrill}
        />
      </Suspense>
    </div>
  );
}
