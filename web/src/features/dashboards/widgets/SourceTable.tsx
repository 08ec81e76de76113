import { Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../app/numbers';
import { formatMetric } from '../../performance/format';
import { type MetricDefinition, type MetricRow, useMetrics } from '../../performance/metrics.api';
import { queryOf, type Scope } from '../../performance/scope';
import { keyLabel } from './keys';

/** The columns: leads and how they turned into deals, then what was won (deals have a source, not a channel). */
export const sourceMetrics = {
  source: ['new_leads', 'leads_to_deal', 'lead_to_deal_rate', 'won_deals', 'won_amount'],
  channel: ['new_leads', 'leads_to_deal', 'lead_to_deal_rate'],
} as const;
type Dimension = keyof typeof sourceMetrics;
const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
type Line = { key: string; label: string; cells: Record<string, MetricRow | undefined> };

type Props = {
  dimension: Dimension;
  scope: Scope;
  defs: Map<string, MetricDefinition>;
  onDrill: (metric: string, value: string | null, label: string) => void;
};

/** 来源分析: per lead source (or channel), the leads, their conversion to deals and the deals won. */
export function SourceTable({ dimension, scope, defs, onDrill }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const ids = sourceMetrics[dimension];
  const queries = useMetrics(
    ids.map((id) => ({ ...queryOf(defs.get(id)!, scope), groupBy: [dimension] })),
    i18n.language,
  );
  const results = ids.map((id, i) => ({ id, result: queries[i]! }));
  const lines = new Map<string, Line>();
  for (const { id, result } of results)
    for (const row of result.data?.rows ?? []) {
      const key = row.keys[dimension] ?? '';
      const line = lines.get(key) ?? { key, label: keyLabel(row, dimension, t), cells: {} };
      line.cells[id] = row;
      lines.set(key, line);
    }
  const sorted = [...lines.values()].sort(
    (a, b) =>
      (b.cells.new_leads?.value ?? 0) - (a.cells.new_leads?.value ?? 0) || a.label.localeCompare(b.label),
  );
  const columns: ColumnsType<Line> = [
    {
      title: capitalized(t(`dashboards.dimensions.${dimension}`)),
      dataIndex: 'label',
      key: 'label',
      ellipsis: true,
      fixed: 'left',
      width: 96,
    },
    ...ids.map((id): ColumnsType<Line>[number] => {
      const def = defs.get(id)!;
      return {
        title: <Tooltip title={def.description}>{def.name}</Tooltip>,
        key: id,
        align: 'right',
        width: 104,
        sorter: (a, b) => (a.cells[id]?.value ?? -1) - (b.cells[id]?.value ?? -1),
        render: (_v, l) => {
          const row = l.cells[id];
          if (!row) return '—';
          return (
            <Typography.Link onClick={() => onDrill(id, row.keys[dimension] ?? null, l.label)}>
              {formatMetric(row.value, def.unit, locale, def.unit === 'money')}
            </Typography.Link>
          );
        },
      };
    }),
  ];
  return (
    <Table<Line>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={sorted}
      pagination={false}
      scroll={{ x: 96 + 104 * ids.length, y: 320 }}
      loading={results.some((r) => r.result.isPending)}
      locale={{ emptyText: t('dashboards.noData') }}
      data-testid="source-table"
    />
  );
}
