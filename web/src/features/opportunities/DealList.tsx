import { Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, LoadMore, useIsPhone } from '../../components';
import { DealCard, DealMarkers } from './DealCard';
import { NextFollowUpAt } from './NextFollowUpAt';
import { type Opportunity, type OpportunityFilters, useOpportunityList } from './opportunities.api';
import { useMoney } from './use-money';

const statusColor = { open: 'blue', won: 'green', lost: 'default' } as const;

/** 列表: a table (cards on a phone) of the deals matching the filters, with count, amount and 加载更多. */
export function DealList({ filters }: { filters: OpportunityFilters }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const money = useMoney();
  const list = useOpportunityList(filters);
  const deals = list.data?.pages.flatMap((p) => p.data) ?? [];
  const first = list.data?.pages[0];
  const f = (k: string) => t(`opportunities.fields.${k}` as 'opportunities.fields.name');
  const columns: ColumnsType<Opportunity> = [
    {
      title: f('name'),
      key: 'name',
      render: (_, d) => (
        <Flex vertical gap={2}>
          <Link to={`/opportunities/${d.id}`} data-testid="deal-link">
            {d.name}
          </Link>
          <Flex gap={4} wrap>
            <DealMarkers deal={d} />
          </Flex>
        </Flex>
      ),
    },
    {
      title: f('customer'),
      key: 'customer',
      render: (_, d) => <Link to={`/customers/${d.customerId}`}>{d.customerName}</Link>,
    },
    {
      title: f('stage'),
      key: 'stage',
      render: (_, d) => (
        <Tag color={statusColor[d.status]} style={{ marginInlineEnd: 0 }}>
          {d.stageName}
        </Tag>
      ),
    },
    {
      title: f('amount'),
      key: 'amount',
      align: 'right',
      render: (_, d) => <span style={{ whiteSpace: 'nowrap' }}>{money(d.amount, d.currency)}</span>,
    },
    { title: f('probability'), key: 'p', align: 'right', render: (_, d) => `${d.probability}%` },
    { title: f('expectedCloseDate'), dataIndex: 'expectedCloseDate', render: (v: string | null) => v ?? '—' },
    { title: f('owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '—' },
    { title: f('nextFollowUpAt'), key: 'next', render: (_, d) => <NextFollowUpAt deal={d} /> },
  ];
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.noMatch')} />;
  return (
    <Flex vertical gap={8}>
      {first && (
        <Typography.Text type="secondary" data-testid="deal-totals">
          {t('opportunities.totals', {
            count: first.totalCapped
              ? `${first.totalCount.toLocaleString()}+`
              : first.totalCount.toLocaleString(),
            amount: money(first.totalAmount),
          })}
        </Typography.Text>
      )}
      {phone ? (
        <Flex vertical gap={8} data-testid="deal-cards">
          {!list.isPending && deals.length === 0 && empty}
          {deals.map((d) => (
            <DealCard key={d.id} deal={d} showStage />
          ))}
        </Flex>
      ) : (
        <Table<Opportunity>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          columns={columns}
          dataSource={deals}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: empty }}
          data-testid="deal-table"
        />
      )}
      {!list.isPending && deals.length > 0 && (
        <LoadMore
          loaded={deals.length}
          query={list}
          total={first?.totalCount}
          totalCapped={first?.totalCapped}
        />
      )}
    </Flex>
  );
}
