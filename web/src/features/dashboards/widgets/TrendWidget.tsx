import { Skeleton, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../app/numbers';
import { type MetricDefinition, useMetric } from '../../performance/metrics.api';
import { granularityOf, queryOf, type Scope } from '../../performance/scope';

// ECharts only loads with the chart.
const TrendChart = lazy(() => import('../../performance/TrendChart'));

type Props = { def: MetricDefinition; scope: Scope; height: number; onDrill: (bucket: string) => void };

/** A metric over the period's days, weeks or months. */
export function TrendWidget({ def, scope, height, onDrill }: Props) {
  const { t, i18n } = useTranslation();
  const result = useMetric(
    { ...queryOf(def, scope), groupBy: ['period'], granularity: granularityOf(scope.period) },
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
