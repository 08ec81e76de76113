import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { formatNumber, type Locale } from '../../app/numbers';
import { useIsPhone } from '../../components';
import { periodLabel } from '../targets/periods';
import { SubjectCell } from './ScoreTable';
import type { ScoreHistory } from './scorecards.api';

type Row = ScoreHistory['rows'][number];

type Props = {
  history: ScoreHistory;
  loading: boolean;
  /** Opens a period's ranking (a cell was clicked). */
  onOpen: (period: string) => void;
};

/** 考核历史: each one's total and rank per period, the latest last; a cell opens that period's ranking. */
export function HistoryTable({ history, loading, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const card = history.scorecard;
  // A phone shows three periods: narrow enough that the latest is on screen.
  const phone = useIsPhone();
  const nameWidth = phone ? 96 : 110;
  const periodWidth = phone ? 80 : 104;
  const columns: ColumnsType<Row> = [
    {
      title: card.subject === 'rep' ? t('scorecards.columns.rep') : t('scorecards.columns.team'),
      key: 'name',
      fixed: 'left',
      width: nameWidth,
      render: (_v, r) => <SubjectCell name={r.name} departmentName={r.departmentName} />,
    },
    ...history.periods.map((p, i): ColumnsType<Row>[number] => ({
      title: periodLabel(p.key, t),
      key: p.key,
      align: 'right',
      width: 104,
      render: (_v, r) => {
        const s = r.scores[i];
        if (!s || s.total === null) return <Typography.Text type="secondary">—</Typography.Text>;
        const before = r.scores[i - 1]?.total;
        const delta = before === null || before === undefined ? null : s.total - before;
        return (
          <Typography.Link onClick={() => onOpen(p.key)} data-testid="history-cell">
            <div style={{ fontWeight: 600, color: 'rgba(0,0,0,0.88)' }}>
              {formatNumber(s.total, locale, 1)}
              {delta !== null && Math.abs(delta) >= 0.05 && (
                <span
                  style={{
                    fontSize: 12,
                    fontWeight: 400,
                    marginInlineStart: 4,
                    color: delta > 0 ? '#389e0d' : '#cf1322',
                  }}
                >
                  {delta > 0 ? '↑' : '↓'}
                </span>
              )}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.rank === null ? '' : t('scorecards.history.rank', { rank: s.rank })}
            </Typography.Text>
          </Typography.Link>
        );
      },
    })),
  ];
  return (
    <Table<Row>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={history.rows}
      pagination={history.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: nameWidth + periodWidth * history.periods.length }}
      loading={loading}
      locale={{ emptyText: t('scorecards.noRows') }}
      data-testid="score-history"
    />
  );
}
