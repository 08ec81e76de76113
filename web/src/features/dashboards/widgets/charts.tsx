import { BarChart, FunnelChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactECharts from 'echarts-for-react/esm/core';
import { usePrefersReducedMotion } from '../../../components';

// The dashboard's ECharts pictures, in their own chunk (loaded with the first chart shown). Each takes
// what to draw, already labelled and formatted; clicks report the item's index.

echarts.use([BarChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const palette = [
  '#1f5fd6',
  '#13a8a8',
  '#f0a020',
  '#7b61ff',
  '#e8684a',
  '#5b8ff9',
  '#61ddaa',
  '#9270ca',
  '#ff9d4d',
];

type Format = (v: number) => string;

export type StackedProps = {
  categories: string[];
  series: { name: string; values: number[] }[];
  format: Format;
  compact: Format;
  height: number;
  /** Bars run across (long category names, e.g. reps or stages). */
  horizontal?: boolean;
  /** Side by side instead of stacked (rates do not add up). */
  sideBySide?: boolean;
  onClick?: (category: number, series: number) => void;
};

/** Bars by category, stacked by series (one series: plain bars). */
export function StackedBars(p: StackedProps) {
  const { categories, series, format, compact, height, horizontal, onClick } = p;
  const still = usePrefersReducedMotion();
  const category = { type: 'category', data: categories, axisTick: { alignWithLabel: true } };
  const value = { type: 'value', axisLabel: { formatter: compact } };
  const option = {
    animation: !still,
    color: palette,
    grid: { left: 8, right: 16, top: series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
    legend: series.length > 1 ? { type: 'scroll', top: 0 } : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: format },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: series.length > 1 && !p.sideBySide ? 'all' : undefined,
      data: s.values,
      cursor: onClick ? 'pointer' : 'default',
      barMaxWidth: 36,
    })),
  };
  const onEvents = onClick
    ? { click: (e: { dataIndex: number; seriesIndex: number }) => onClick(e.dataIndex, e.seriesIndex) }
    : undefined;
  return <ReactECharts echarts={echarts} option={option} style={{ height }} notMerge onEvents={onEvents} />;
}

export type FunnelProps = {
  steps: { name: string; value: number; note: string }[];
  height: number;
  onClick?: (step: number) => void;
};

/** A funnel in the steps' own order (a pipeline's stages), each with its note (e.g. the count). */
export function Funnel({ steps, height, onClick }: FunnelProps) {
  const still = usePrefersReducedMotion();
  const option = {
    animation: !still,
    color: palette,
    tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => steps[p.dataIndex]?.note ?? '' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: 8,
        right: 8,
        top: 8,
        bottom: 8,
        minSize: '12%',
        gap: 2,
        label: {
          position: 'inside',
          formatter: (p: { dataIndex: number }) =>
            `${steps[p.dataIndex]?.name ?? ''}  ${steps[p.dataIndex]?.value ?? ''}`,
        },
        data: steps.map((s) => ({ name: s.name, value: s.value })),
        cursor: onClick ? 'pointer' : 'default',
      },
    ],
  };
  const onEvents = onClick ? { click: (e: { dataIndex: number }) => onClick(e.dataIndex) } : undefined;
  return <ReactECharts echarts={echarts} option={option} style={{ height }} notMerge onEvents={onEvents} />;
}
