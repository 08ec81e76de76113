import { Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { formatNumber, type Locale } from '../../app/numbers';
import { formatMetric } from './format';
import { type MetricDefinition, type MetricRow, useMetric } from './metrics.api';
import { queryOf, type Scope } from './scope';

/** The adoption metrics, in the order a manager reads them. */
export const adoptionMetrics = [
  'active_days',
  'follow_ups',
  'follow_ups_per_active_day',
  'data_completeness',
] as const;
type Line = { rep: string; name: string } & Partial<Record<(typeof adoptionMetrics)[number], MetricRow>>;

type Props = {
  scope: Scope;
  defs: Map<string, MetricDefinition>;
  /** Opens the records behind a rep's figure of a metric. */
  onDrill: (metric: string, rep: string, name: string) => void;
};

/**
 * 使用情况: per rep, the days they logged follow-ups, how many, how many per such day, and how complete
 * the customers they own are — the registry's metrics, in the reader's scope.
 */
export function AdoptionTable({ scope, defs, onDrill }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const by = (id: string) => ({ ...queryOf(defs.get(id)!, scope), groupBy: ['rep' as const] });
  const results = {
    active_days: useMetric(by('active_days'), i18n.language),
    follow_ups: useMetric(by('follow_ups'), i18n.language),
    follow_ups_per_active_day: useMetric(by('follow_ups_per_active_day'), i18n.language),
    data_completeness: useMetric(by('data_completeness'), i18n.language),
  };
  const lines = new Map<string, Line>();
  for (const id of adoptionMetrics)
    for (const row of results[id].data?.rows ?? []) {
      const rep = row.keys.rep;
      if (!rep) continue; // customers in the pool: no rep to hold to account
      const line = lines.get(rep) ?? { rep, name: row.labels.rep ?? '—' };
      line[id] = row;
      lines.set(rep, line);
    }
  const sorted = [...lines.values()].sort(
    (a, b) => (b.active_days?.value ?? 0) - (a.active_days?.value ?? 0) || a.name.localeCompare(b.name),
  );
  const column = (id: (typeof adoptionMetrics)[number]): ColumnsType<Line>[number] => {
    const def = defs.get(id);
    return {
      title: def ? <Tooltip title={def.description}>{def.name}</Tooltip> : id,
      key: id,
      align: 'right',
      sorter: (a, b) => (a[id]?.value ?? -1) - (b[id]?.value ?? -1),
      render: (_v, l) => {
        const row = l[id];
        if (!row || !def) return '—';
        // Follow-ups per active day is a count with a fraction (1.5), not a whole count.
        const shown =
          id === 'follow_ups_per_active_day'
            ? row.value === null
              ? '—'
              : formatNumber(row.value, locale, 1)
            : formatMetric(row.value, def.unit, locale);
        return (
          <Typography.Link onClick={() => onDrill(id, l.rep, l.name)} data-testid={`adoption-${id}`}>
            {shown}
          </Typography.Link>
        );
      },
    };
  };
  const columns: ColumnsType<Line> = [
    { title: t('performance.rep'), dataIndex: 'name', key: 'name', ellipsis: true, fixed: 'left', width: 96 },
    ...adoptionMetrics.map(column),
  ];
  return (
    <Table<Line>
      size="small"
      rowKey="rep"
      columns={columns}
      dataSource={sorted}
      pagination={false}
      scroll={{ x: 'max-content' }}
      loading={adoptionMetrics.some((id) => results[id].isPending)}
      locale={{ emptyText: t('performance.adoption.none') }}
      data-testid="adoption-table"
    />
  );
}
