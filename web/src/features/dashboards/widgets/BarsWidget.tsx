import { Empty, Skeleton, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../app/numbers';
import { formatMetric } from '../../performance/format';
import {
  type MetricDefinition,
  type MetricQueryBody,
  type MetricRow,
  useMetric,
} from '../../performance/metrics.api';
import { granularityOf, queryOf, type Scope } from '../../performance/scope';
import { keyLabel } from './keys';

const StackedBars = lazy(() => import('./charts').then((m) => ({ default: m.StackedBars })));

type Dimension = NonNullable<MetricQueryBody['groupBy']>[number];
/** The most bars (and stacks) drawn; the rest are in the export. */
const MAX_CATEGORIES = 12;
const MAX_SERIES = 8;

type Props = {
  def: MetricDefinition;
  scope: Scope;
  groupBy: Dimension;
  stackBy?: Dimension;
  height: number;
  onDrill: (keys: Partial<Record<Dimension, string | null>>, label: string) => void;
};

/** A metric by one dimension, stacked by another: the largest first (a trend's buckets in order). */
export function BarsWidget({ def, scope, groupBy, stackBy, height, onDrill }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const result = useMetric(
    {
      ...queryOf(def, scope),
      groupBy: stackBy ? [groupBy, stackBy] : [groupBy],
      granularity: granularityOf(scope.period),
    },
    i18n.language,
  );
  if (result.isPending) return <Skeleton active />;
  if (result.isError) return <Typography.Text type="danger">{t('performance.loadFailed')}</Typography.Text>;
  const rows = result.data.rows;
  if (!rows.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.noData')} />;

  const totals = (d: Dimension) => {
    const sums = new Map<string | null, { row: MetricRow; sum: number }>();
    for (const r of rows) {
      const k = r.keys[d] ?? null;
      const e = sums.get(k) ?? { row: r, sum: 0 };
      e.sum += r.value ?? 0;
      sums.set(k, e);
    }
    return [...sums.entries()].sort((a, b) => b[1].sum - a[1].sum);
  };
  const categories =
    groupBy === 'period'
      ? (result.data.buckets ?? []).map((b) => ({
          key: b.key as string | null,
          label: keyLabel({ keys: { period: b.key }, labels: {}, value: null }, 'period', t),
        }))
      : totals(groupBy)
          .slice(0, MAX_CATEGORIES)
          .map(([key, e]) => ({ key, label: keyLabel(e.row, groupBy, t) }));
  const stacks = stackBy
    ? totals(stackBy)
        .slice(0, MAX_SERIES)
        .map(([key, e]) => ({ key, label: keyLabel(e.row, stackBy, t) }))
    : [{ key: null, label: def.name }];
  const cellValue = (c: string | null, s: string | null) =>
    rows
      .filter((r) => (r.keys[groupBy] ?? null) === c && (!stackBy || (r.keys[stackBy] ?? null) === s))
      .reduce((n, r) => n + (r.value ?? 0), 0);
  return (
    <Suspense fallback={<Skeleton active />}>
      <div data-testid="bars-chart">
        <StackedBars
          categories={categories.map((c) => c.label)}
          series={stacks.map((s) => ({
            name: s.label,
            values: categories.map((c) => cellValue(c.key, s.key)),
          }))}
          format={(v) => formatMetric(v, def.unit, locale)}
          compact={(v) => formatMetric(v, def.unit, locale, true)}
          height={height}
          horizontal={groupBy !== 'period' && categories.length > 6}
          sideBySide={def.unit === 'ratio'}
          onClick={(ci, si) => {
            const c = categories[ci];
            const s = stacks[si];
            if (!c) return;
            onDrill(
              { [groupBy]: c.key, ...(stackBy && s ? { [stackBy]: s.key } : {}) },
              stackBy && s ? `${c.label} · ${s.label}` : c.label,
            );
          }}
        />
      </div>
    </Suspense>
  );
}
