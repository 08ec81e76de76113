import { Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { formatNumber, type Locale } from '../../app/numbers';
import { useIsPhone } from '../../components';
import { formatMetric } from '../performance/format';
import type { MetricDefinition } from '../performance/metrics.api';
import { ruleText } from './rules';
import type { ScoreRow, Scores } from './scorecards.api';

const groups = ['result', 'process', 'customer'] as const;
const points = (v: number | null, locale: Locale) => (v === null ? '—' : formatNumber(v, locale, 1));

/** Who a row scores: the rep or team, a rep's department beneath. */
export function SubjectCell({ name, departmentName }: { name: string; departmentName: string | null }) {
  return (
    <div>
      <div>{name}</div>
      {departmentName && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {departmentName}
        </Typography.Text>
      )}
    </div>
  );
}

/** 排名: everyone scored the reader may see, by total, each with the breakdown behind the score. */
export function ScoreTable({ scores, loading }: { scores: Scores; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const phone = useIsPhone();
  const card = scores.scorecard;
  const columns: ColumnsType<ScoreRow> = [
    {
      title: t('scorecards.columns.rank'),
      key: 'rank',
      width: 56,
      render: (_v, r) =>
        r.rank === null ? (
          '—'
        ) : r.rank <= 3 ? (
          <Tag color={['gold', 'default', 'orange'][r.rank - 1]}>{r.rank}</Tag>
        ) : (
          r.rank
        ),
    },
    {
      title: card.subject === 'rep' ? t('scorecards.columns.rep') : t('scorecards.columns.team'),
      key: 'name',
      render: (_v, r) => <SubjectCell name={r.name} departmentName={r.departmentName} />,
    },
    {
      title: t('scorecards.columns.total'),
      key: 'total',
      align: 'right',
      render: (_v, r) => (
        <Typography.Text strong data-testid="score-total">
          {points(r.total, locale)}
        </Typography.Text>
      ),
    },
    ...groups.map((g) => ({
      title: `${t(`scorecards.groups.${g}`)} ${card.weights[g]}%`,
      key: g,
      align: 'right' as const,
      responsive: ['md' as const],
      render: (_v: unknown, r: ScoreRow) =>
        r.groups[g] === null && card.weights[g] > 0 ? (
          <Tooltip title={t('scorecards.groupUnscored')}>
            <Typography.Text type="secondary">0</Typography.Text>
          </Tooltip>
        ) : (
          points(r.groups[g], locale)
        ),
    })),
  ];
  return (
    <Table<ScoreRow>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={scores.rows}
      loading={loading}
      pagination={false}
      expandable={{
        expandedRowRender: (r) => <Breakdown row={r} scores={scores} phone={phone} />,
        rowExpandable: () => true,
      }}
      onRow={(r) => ({ 'data-subject': r.name }) as React.HTMLAttributes<HTMLElement>}
      locale={{ emptyText: t('scorecards.noRows') }}
      data-testid="score-table"
    />
  );
}

type Line = ScoreRow['items'][number] & { index: number };

/** 得分明细: each item's value, target, score and what it adds to the total. */
function Breakdown({ row, scores, phone }: { row: ScoreRow; scores: Scores; phone: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const card = scores.scorecard;
  const unitOf = (m: string) => (card.metrics[m]?.unit ?? 'count') as MetricDefinition['unit'];
  const lines: Line[] = row.items.map((it, index) => ({ ...it, index }));
  return (
    <Table<Line>
      size="small"
      rowKey="index"
      pagination={false}
      dataSource={lines}
      data-testid="score-breakdown"
      columns={[
        {
          title: t('scorecards.columns.metric'),
          key: 'metric',
          render: (_v, l) => {
            const item = card.items[l.index]!;
            return (
              <div>
                <div>
                  {card.metrics[l.metric]?.name} <Tag>{t(`scorecards.groups.${item.group}`)}</Tag>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {ruleText(item, unitOf(l.metric), t, locale)} ·{' '}
                  {t('scorecards.columns.weightOf', { weight: item.weight })}
                </Typography.Text>
              </div>
            );
          },
        },
        {
          title: t('scorecards.columns.value'),
          key: 'value',
          align: 'right',
          render: (_v, l) => (
            <div style={{ whiteSpace: 'nowrap' }}>
              <div>{formatMetric(l.value, unitOf(l.metric), locale, true)}</div>
              {l.target !== null && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('scorecards.columns.targetOf', {
                    value: formatMetric(l.target, unitOf(l.metric), locale, true),
                  })}
                </Typography.Text>
              )}
            </div>
          ),
        },
        {
          title: t('scorecards.columns.score'),
          key: 'score',
          align: 'right',
          render: (_v, l) =>
            l.unscored ? (
              <Tooltip title={t(`scorecards.unscored.${l.unscored}Hint`)}>
                <Tag>{t(`scorecards.unscored.${l.unscored}`)}</Tag>
              </Tooltip>
            ) : (
              points(l.score, locale)
            ),
        },
        ...(phone
          ? []
          : [
              {
                title: t('scorecards.columns.points'),
                key: 'points',
                align: 'right' as const,
                render: (_v: unknown, l: Line) => points(l.points, locale),
              },
            ]),
      ]}
    />
  );
}
