import { Button, Card, Empty, Flex, Input, Segmented, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, LoadMore, PageHeader, PageSpinner, useIsPhone } from '../../components';
import { type Pool, PoolQuota, usePools } from '../pools';
import { ClaimButton } from './ClaimButton';
import { LeadTable } from './LeadTable';
import { useLeadList } from './leads.api';

/** 线索池: leads waiting in the lead pools the user belongs to; members claim them within their quota. */
export function LeadPoolPage() {
  const { t } = useTranslation();
  const pools = usePools('lead');
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
        title={t('leads.pool.title')}
        subtitle={t('leads.pool.subtitle')}
        extra={
          <Link to="/leads/recycle-due">
            <Button data-testid="recycle-due-link">{t('poolsRep.due.title')}</Button>
          </Link>
        }
      />
      {!pool ? (
        <Card>
          <Empty description={t('leads.pool.noPools')} />
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
            <PoolLeads key={pool.id} pool={pool} />
          </Flex>
        </Card>
      )}
    </>
  );
}

/** The pool's waiting leads, highest score first: the ones worth claiming come first. */
function PoolLeads({ pool }: { pool: Pool }) {
  const { t } = useTranslation();
  const [q, setQ] = useState<string>();
  const list = useLeadList({ poolId: pool.id, q, sort: '-score' });
  const leads = list.data?.pages.flatMap((p) => p.data) ?? [];
  const canClaim = pool.isMember || pool.isAdmin;
  return (
    <>
      <Input.Search
        allowClear
        placeholder={t('leads.pool.searchPlaceholder')}
        onSearch={(v) => setQ(v.trim() || undefined)}
        style={{ maxWidth: 360 }}
        data-testid="lead-pool-search"
      />
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <LeadTable
            mode="pool"
            leads={leads}
            loading={list.isPending}
            rowAction={canClaim ? (l) => <ClaimButton lead={l} size="small" /> : undefined}
            empty={
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t(q ? 'leads.noMatch' : 'leads.pool.empty')}
              />
            }
          />
          {!list.isPending && leads.length > 0 && (
            <LoadMore
              loaded={leads.length}
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
