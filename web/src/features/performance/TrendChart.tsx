import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactECharts from 'echarts-for-react/esm/core';
import type { Locale } from '../../app/numbers';
import { usePrefersReducedMotion } from '../../components';
import { formatMetric } from './format';
import type { MetricDefinition, MetricResult } from './metrics.api';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Props = {
  def: MetricDefinition;
  result: MetricResult;
  locale: Locale;
  height: number;
  /** A bar was clicked: its bucket's key. */
  onDrill?: (bucket: string) => void;
};

/** A metric by period as bars (every bucket of the range, empty ones as 0). */
export function TrendChart({ def, result, locale, height, onDrill }: Props) {
  const byKey = new Map(result.rows.map((r) => [r.keys.period, r.value ?? 0]));
  const keys = bucketKeys(result);
  const still = usePrefersReducedMotion();
  const option = {
    animation: !still,
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number) => formatMetric(v, def.unit, locale),
    },
    xAxis: { type: 'category', data: keys.map(shortKey), axisTick: { alignWithLabel: true } },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => formatMetric(v, def.unit, locale, true) },
    },
    series: [
      {
        type: 'bar',
        name: def.name,
        data: keys.map((k) => byKey.get(k) ?? 0),
        itemStyle: { color: '#1f5fd6' },
        cursor: onDrill ? 'pointer' : 'default',
      },
    ],
  };
  const onEvents = onDrill
    ? { click: (e: { dataIndex: number }) => keys[e.dataIndex] && onDrill(keys[e.dataIndex]!) }
    : undefined;
  return <ReactECharts echarts={echarts} option={option} style={{ height }} notMerge onEvents={onEvents} />;
}

/** A day's or a week's bucket as MM-DD (the year is the period's); months and quarters as they are. */
const shortKey = (key: string) => (/^\d{4}-\d{2}-\d{2}$/.test(key) ? key.slice(5) : key);

/** Every bucket of the range, in order: the server lists them (rows exist only where there is data). */
const bucketKeys = (result: MetricResult) => (result.buckets ?? []).map((b) => b.key);

export default TrendChart;
