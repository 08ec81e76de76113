import { Card, Flex, Segmented, Skeleton, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent, type Locale } from '../../app/numbers';
import { useIsPhone } from '../../components';
import { type Filters, useBacktest } from './forecast.api';

// ECharts only loads with the chart.
const BacktestChart = lazy(() => import('./BacktestChart'));

/** 预测准确度: the back-test's mean error per horizon beside the weighted pipeline's, and its points. */
export function BacktestCard({ filters }: { filters: Filters }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const phone = useIsPhone();
  const backtest = useBacktest(filters);
  const [days, setDays] = useState(30);
  const pct = (x: number) => formatPercent(x, locale, 0);
  return (
    <Card
      size="small"
      title={t('forecast.backtest.title')}
      extra={
        <Segmented<number>
          size="small"
          value={days}
          onChange={setDays}
          options={[30, 90].map((d) => ({ value: d, label: t('forecast.backtest.horizon', { days: d }) }))}
          data-testid="backtest-horizon"
        />
      }
      style={{ marginBottom: 16 }}
      data-testid="forecast-backtest"
    >
      {backtest.isPending ? (
        <Skeleton active />
      ) : backtest.isError ? (
        <Typography.Text type="danger">{t('performance.loadFailed')}</Typography.Text>
      ) : (
        <>
          <Flex vertical gap={2} style={{ marginBottom: 8 }}>
            {backtest.data.summary.map((s) => (
              <Typography.Text
                key={s.horizonDays}
                strong={s.horizonDays === days}
                data-testid="backtest-summary"
              >
                {s.mape === null
                  ? t('forecast.backtest.noPoints', { days: s.horizonDays })
                  : `${t('forecast.backtest.summary', {
                      days: s.horizonDays,
                      mape: pct(s.mape),
                      baseline: s.baselineMape === null ? '—' : pct(s.baselineMape),
                      points: s.points,
                    })} · ${t('forecast.backtest.accuracy', { value: pct(Math.max(0, 1 - s.mape)) })}`}
              </Typography.Text>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('forecast.backtest.hint')} {t('forecast.backtest.honest')}
            </Typography.Text>
          </Flex>
          <Suspense fallback={<Skeleton active />}>
            <BacktestChart
              points={backtest.data.points.filter((p) => p.horizonDays === days)}
              locale={locale}
              height={phone ? 220 : 280}
            />
          </Suspense>
        </>
      )}
    </Card>
  );
}
