import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../app/numbers';
import { formatMetric } from './format';
import { type MetricDefinition, useMetric } from './metrics.api';
import { queryOf, type Scope } from './scope';

type Line = { rep: string; name: string; wonAmount: number; wonDeals: number; winRate: number | null };
type Props = {
  scope: Scope;
  defs: Map<string, MetricDefinition>;
  /** Opens the records behind a rep's figure of a metric. */
  onDrill: (metric: string, rep: string, name: string) => void;
};

/** 排行榜: the reps the reader can see, by won amount, with their deals won and win rate (the registry's). */
export function Leaderboard({ scope, defs, onDrill }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const by = (id: string) => ({ ...queryOf(defs.get(id)!, scope), groupBy: ['rep' as const] });
  const amount = useMetric(by('won_amount'), i18n.language);
  const rate = useMetric(by('win_rate'), i18n.language);
  const rates = new Map((rate.data?.rows ?? []).map((r) => [r.keys.rep, r]));
  // Everyone who closed a deal, won or lost, has a line (a rep with only losses is on the board too).
  const reps = new Set([...rates.keys(), ...(amount.data?.rows ?? []).map((r) => r.keys.rep)]);
  const amounts = new Map((amount.data?.rows ?? []).map((r) => [r.keys.rep, r]));
  const lines: Line[] = [...reps]
    .filter((rep): rep is string => !!rep)
    .map((rep) => ({
      rep,
      name: amounts.get(rep)?.labels.rep ?? rates.get(rep)?.labels.rep ?? '—',
      wonAmount: amounts.get(rep)?.value ?? 0,
      wonDeals: rates.get(rep)?.numerator ?? 0,
      winRate: rates.get(rep)?.value ?? null,
    }))
    .sort((a, b) => b.wonAmount - a.wonAmount || b.wonDeals - a.wonDeals)
    .slice(0, 10);
  const name = (id: string) => defs.get(id)?.name ?? id;
  const columns: ColumnsType<Line> = [
    { title: '#', key: 'rank', width: 40, render: (_v, _l, i) => i + 1 },
    { title: t('performance.rep'), dataIndex: 'name', key: 'name', ellipsis: true },
    {
      title: name('won_amount'),
      dataIndex: 'wonAmount',
      key: 'wonAmount',
      align: 'right',
      render: (v: number, l) => (
        <Typography.Link
          onClick={() => onDrill('won_amount', l.rep, l.name)}
          data-testid="leaderboard-amount"
        >
          {formatMetric(v, 'money', locale, true)}
        </Typography.Link>
      ),
    },
    { title: name('won_deals'), dataIndex: 'wonDeals', key: 'wonDeals', align: 'right', responsive: ['sm'] },
    {
      title: name('win_rate'),
      dataIndex: 'winRate',
      key: 'winRate',
      align: 'right',
      render: (v: number | null, l) => (
        <Typography.Link onClick={() => onDrill('win_rate', l.rep, l.name)}>
          {formatMetric(v, 'ratio', locale)}
        </Typography.Link>
      ),
    },
  ];
  return (
    <Table<Line>
      size="small"
      rowKey="rep"
      columns={columns}
      dataSource={lines}
      pagination={false}
      loading={amount.isPending || rate.isPending}
      locale={{ emptyText: <Typography.Text type="secondary">{t('performance.noDeals')}</Typography.Text> }}
      data-testid="leaderboard"
    />
  );
}
