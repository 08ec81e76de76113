import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { LoadError, LoadMore, PageSpinner } from '../../components';
import { DealCard } from './DealCard';
import { DealFormDrawer } from './DealFormDrawer';
import { useOpportunityList } from './opportunities.api';
import { useMoney } from './use-money';

/** The 商机 tab of a customer: its deals the viewer may see, their count and amount, and 新建商机 for it. */
export function CustomerDeals({ customer }: { customer: { id: string; name: string } }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const money = useMoney();
  const [creating, setCreating] = useState(false);
  const list = useOpportunityList({ customerId: customer.id, sort: '-updatedAt' }, { limit: 20 });
  const deals = list.data?.pages.flatMap((p) => p.data) ?? [];
  const first = list.data?.pages[0];
  return (
    <Flex vertical gap={12} data-testid="customer-deals">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary">
          {first &&
            t('opportunities.customerDeals', { count: first.totalCount, amount: money(first.totalAmount) })}
        </Typography.Text>
        {can('opportunity', 'create') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="customer-create-deal"
          >
            {t('opportunities.create')}
          </Button>
        )}
      </Flex>
      {list.isPending ? (
        <PageSpinner />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : deals.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.empty')} />
      ) : (
        <>
          {deals.map((d) => (
            <DealCard key={d.id} deal={d} showStage />
          ))}
          <LoadMore
            loaded={deals.length}
            query={list}
            total={first?.totalCount}
            totalCapped={first?.totalCapped}
          />
        </>
      )}
      <DealFormDrawer open={creating} customer={customer} onClose={() => setCreating(false)} />
    </Flex>
  );
}
