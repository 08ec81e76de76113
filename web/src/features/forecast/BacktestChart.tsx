import dayjs from 'dayjs';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactECharts from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../app/numbers';
import { usePrefersReducedMotion } from '../../components';
import type { Backtest } from './forecast.api';
import { money } from './money';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Props = { points: Backtest['points']; locale: Locale; height: number };

/** Each past forecast date: what was actually won in its window, the system's forecast and the baseline. */
export function BacktestChart({ points, locale, height }: Props) {
  const { t } = useTranslation();
  const series = (key: 'actual' | 'forecast' | 'baseline', color: string, dashed = false) => ({
    type: 'line',
    name: t(`forecast.backtest.series.${key}`),
    data: points.map((p) => p[key]),
    itemStyle: { color },
    lineStyle: dashed ? { type: 'dashed' } : undefined,
    symbolSize: 6,
  });
  const still = usePrefersReducedMotion();
  const option = {
    animation: !still,
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => money(v, locale) },
    xAxis: {
      type: 'category',
      data: points.map((p) => dayjs(p.asOf).format('MM-DD')),
      name: t('forecast.backtest.asOf'),
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v, locale) } },
    series: [series('actual', '#1f8a4c'), series('forecast', '#1f5fd6'), series('baseline', '#999999', true)],
  };
  return <ReactECharts echarts={echarts} option={option} style={{ height }} notMerge />;
}

export default BacktestChart;
