import { UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Input, Segmented, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, LoadMore, PageHeader, PageSpinner, useIsPhone, useShowProblem } from '../../components';
import { CustomerTable } from '../customers/CustomerTable';
import { useCustomerList } from '../customers/customers.api';
import { PoolQuota } from './PoolQuota';
import { type Pool, useCustomerMoves, usePools } from './pools.api';

/** 公海: the customers waiting in the pools the user belongs to; members claim them within their quota. */
export function PoolPage() {
  const { t } = useTranslation();
  const pools = usePools();
  const phone = useIsPhone();
  const [chosen, setChosen] = useState<string>();
  if (pools.isPending) return <PageSpinner />;
  if (pools.isError) return <LoadError error={pools.error} onRetry={() => void pools.refetch()} />;
  const mine = pools.data.data.filter((p) => p.isMember || p.isAdmin);
  const shown = mine.length ? mine : pools.data.data;
  const pool = shown.find((p) => p.id === chosen) ?? shown[0];
  const options = shown.map((p) => ({ value: p.id, label: `${p.name} (${p.waitingCount})` }));
  return (
    <>
      <PageHeader
        title={t('poolsRep.title')}
        extra={
          <Link to="/customers/recycle-due">
            <Button data-testid="recycle-due-link">{t('poolsRep.due.title')}</Button>
          </Link>
        }
      />
      {!pool ? (
        <Card>
          <Empty description={t('poolsRep.noPools')} />
        </Card>
      ) : (
        <Card>
          <Flex vertical gap={12}>
            {options.length > 1 &&
              (phone ? (
                <Select value={pool.id} onChange={setChosen} options={options} data-testid="pool-select" />
              ) : (
                <Segmented
                  value={pool.id}
                  onChange={(v) => setChosen(String(v))}
                  options={options}
                  data-testid="pool-tabs"
                />
              ))}
            <PoolQuota pool={pool} />
            <PoolCustomers key={pool.id} pool={pool} />
          </Flex>
        </Card>
      )}
    </>
  );
}

function PoolCustomers({ pool }: { pool: Pool }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [q, setQ] = useState<string>();
  const list = useCustomerList({ poolId: pool.id, q, sort: '-updatedAt' });
  const { claim } = useCustomerMoves();
  const showProblem = useShowProblem();
  const customers = list.data?.pages.flatMap((p) => p.data) ?? [];
  const canClaim = pool.isMember || pool.isAdmin;
  const onClaim = async (id: string, name: string) => {
    try {
      await claim.mutateAsync(id);
      void message.success(t('poolsRep.claimed', { name }));
    } catch (e) {
      showProblem(e);
    }
  };
  return (
    <>
      <Input.Search
        allowClear
        placeholder={t('customers.searchPlaceholder')}
        onSearch={(v) => setQ(v.trim() || undefined)}
        style={{ maxWidth: 360 }}
        data-testid="pool-search"
      />
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <CustomerTable
            customers={customers}
            loading={list.isPending}
            rowAction={
              canClaim
                ? (c) => (
                    <Button
                      size="small"
                      type="primary"
                      ghost
                      icon={<UserAddOutlined />}
                      loading={claim.isPending && claim.variables === c.id}
                      onClick={() => void onClaim(c.id, c.name)}
                      data-testid="claim-row"
                    >
                      {t('poolsRep.claim')}
                    </Button>
                  )
                : undefined
            }
          />
          {!list.isPending && (
            <LoadMore
              loaded={customers.length}
              query={list}
              total={list.data?.pages[0]?.totalCount}
              totalCapped={list.data?.pages[0]?.totalCapped}
            />
          )}
        </>
      )}
    </>
  );
}
