import { ApartmentOutlined, HistoryOutlined, PartitionOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Flex, InputNumber, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent, type Locale } from '../../app/numbers';
import { useIsPhone } from '../../components';
import type { MetricDefinition } from '../performance/metrics.api';
import { PaceTag } from './PaceTag';
import { SumCheck } from './SumCheck';
import type { TargetRow } from './targets.api';
import { amountInput, fromInput, showValue, toInput } from './values';

type Node = TargetRow & { children?: Node[] };
type Props = {
  rows: TargetRow[];
  unit: MetricDefinition['unit'];
  /** Typed values not yet saved, by node key (in the metric's unit). */
  draft: Map<string, number>;
  onType: (row: TargetRow, value: number | null) => void;
  onSplit: (row: TargetRow) => void;
  onHistory: (row: TargetRow) => void;
  loading: boolean;
};

/** The org chart as a tree, one period's target, actual and progress per department and rep. */
export function TargetTable({ rows, unit, draft, onType, onSplit, onHistory, loading }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const phone = useIsPhone();
  const tree = useMemo(() => treeOf(rows), [rows]);
  const expanded = useMemo(() => rows.filter((r) => r.type === 'department').map((r) => r.key), [rows]);
  const columns: ColumnsType<Node> = [
    {
      title: t('targets.columns.node'),
      key: 'name',
      fixed: 'left',
      render: (_v, r) => (
        <Space size={6}>
          {r.type === 'department' ? <ApartmentOutlined /> : <UserOutlined />}
          <span>{r.name}</span>
          {!r.active && <Tag>{t('targets.left')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('targets.columns.target'),
      key: 'target',
      width: phone ? 112 : 150,
      render: (_v, r) => {
        const typed = draft.get(r.key);
        if (!r.writable)
          return (
            <span data-testid="target-value">{r.target ? showValue(r.target.value, unit, locale) : '—'}</span>
          );
        const value = typed ?? r.target?.value;
        return (
          <InputNumber<number>
            size="small"
            {...amountInput(unit)}
            value={value === undefined ? null : toInput(value, unit)}
            onChange={(v) => onType(r, v === null ? null : fromInput(v, unit))}
            status={typed !== undefined ? 'warning' : undefined}
            style={{ width: '100%' }}
            aria-label={t('targets.columns.targetOf', { name: r.name })}
            data-testid="target-input"
          />
        );
      },
    },
    {
      title: t('targets.columns.actual'),
      key: 'actual',
      align: 'right',
      responsive: ['md'],
      render: (_v, r) => <span data-testid="actual">{showValue(r.actual, unit, locale)}</span>,
    },
    {
      title: t('targets.columns.completion'),
      key: 'completion',
      width: phone ? 64 : 150,
      render: (_v, r) =>
        r.progress?.completion == null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : phone ? (
          <span data-testid="completion">{formatPercent(r.progress.completion, locale, 0)}</span>
        ) : (
          <Tooltip
            title={`${showValue(r.actual, unit, locale)} / ${showValue(r.target!.value, unit, locale)}`}
          >
            <Progress
              percent={Math.min(r.progress.completion * 100, 100)}
              format={() => formatPercent(r.progress!.completion!, locale, 0)}
              size="small"
              status={r.progress.completion >= 1 ? 'success' : 'normal'}
              data-testid="completion"
            />
          </Tooltip>
        ),
    },
    {
      title: t('targets.columns.pace'),
      key: 'pace',
      responsive: ['md'],
      render: (_v, r) => <PaceTag row={r} unit={unit} />,
    },
    {
      title: t('targets.columns.gap'),
      key: 'gap',
      align: 'right',
      responsive: ['lg'],
      render: (_v, r) => (r.progress ? showValue(r.progress.gap, unit, locale) : '—'),
    },
    {
      title: t('targets.columns.check'),
      key: 'check',
      responsive: ['lg'],
      render: (_v, r) => <SumCheck row={r} unit={unit} />,
    },
    {
      title: '',
      key: 'actions',
      width: 64,
      // On a phone the table scrolls sideways: the actions stay in sight.
      fixed: phone ? 'right' : undefined,
      render: (_v, r) => (
        <Flex gap={0}>
          {r.writable && (r.type === 'department' || r.periodsSum) && (
            <Tooltip title={t('targets.split.open')}>
              <Button
                type="text"
                size="small"
                icon={<PartitionOutlined />}
                onClick={() => onSplit(r)}
                aria-label={t('targets.split.open')}
                data-testid="split-open"
              />
            </Tooltip>
          )}
          {r.target && (
            <Tooltip title={t('targets.history.open')}>
              <Button
                type="text"
                size="small"
                icon={<HistoryOutlined />}
                onClick={() => onHistory(r)}
                aria-label={t('targets.history.open')}
                data-testid="history-open"
              />
            </Tooltip>
          )}
        </Flex>
      ),
    },
  ];
  return (
    <Table<Node>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={tree}
      pagination={false}
      loading={loading}
      expandable={{ defaultExpandedRowKeys: expanded, indentSize: 12 }}
      key={expanded.join()}
      scroll={{ x: 'max-content' }}
      onRow={(r) => ({ 'data-node': r.key }) as HTMLAttributes<HTMLElement>}
      data-testid="target-table"
    />
  );
}

/** Rows (departments first, then reps) nested under their parent keys. */
function treeOf(rows: TargetRow[]): Node[] {
  const nodes = new Map<string, Node>(rows.map((r) => [r.key, { ...r }]));
  const top: Node[] = [];
  // Reps after the departments beside them.
  for (const r of [...rows].sort((a, b) => (a.type === b.type ? 0 : a.type === 'department' ? -1 : 1))) {
    const node = nodes.get(r.key)!;
    const parent = r.parentKey ? nodes.get(r.parentKey) : undefined;
    if (parent) parent.children = [...(parent.children ?? []), node];
    else top.push(node);
  }
  return top;
}
