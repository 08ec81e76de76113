import { Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPercent, type Locale } from '../../app/numbers';
import type { ForecastDeal } from './forecast.api';
import { money } from './money';

/** The open deals that add most to the forecast, each with the two chances it is made of. */
export function DealTable({ deals, loading }: { deals: ForecastDeal[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const pct = (x: number) => formatPercent(x, locale, 0);
  const columns: ColumnsType<ForecastDeal> = [
    {
      title: t('forecast.deals.name'),
      key: 'name',
      fixed: 'left',
      render: (_v, d) => <Link to={`/opportunities/${d.id}`}>{d.name}</Link>,
    },
    { title: t('forecast.deals.owner'), dataIndex: 'ownerName', responsive: ['md'] },
    {
      title: t('forecast.deals.stage'),
      key: 'stage',
      responsive: ['md'],
      render: (_v, d) => <Tag>{d.stageName}</Tag>,
    },
    {
      title: t('forecast.deals.amount'),
      key: 'amount',
      align: 'right',
      responsive: ['sm'],
      render: (_v, d) => money(d.amount, locale),
    },
    {
      title: t('forecast.deals.closeDate'),
      dataIndex: 'expectedCloseDate',
      responsive: ['lg'],
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('forecast.deals.win'),
      key: 'win',
      align: 'right',
      responsive: ['lg'],
      render: (_v, d) => pct(d.winChance),
    },
    {
      title: t('forecast.deals.timing'),
      key: 'timing',
      align: 'right',
      responsive: ['lg'],
      render: (_v, d) => (
        <Tooltip title={t(`forecast.deals.basis.${d.timingBasis}`)}>
          <span>{pct(d.timingChance)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('forecast.deals.expected'),
      key: 'expected',
      align: 'right',
      render: (_v, d) => <strong data-testid="deal-expected">{money(d.expected, locale)}</strong>,
    },
  ];
  return (
    <Table<ForecastDeal>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={deals}
      loading={loading}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 'max-content' }}
      data-testid="forecast-deals"
    />
  );
}
