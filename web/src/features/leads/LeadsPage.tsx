import { InboxOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth, useMe } from '../../app/auth';
import { LoadError, LoadMore, PageHeader, useIsPhone } from '../../components';
import { CustomColumnsPicker, useActiveCustomFields, useChosenColumns } from '../custom-fields';
import { ImportButton } from '../imports';
import { BulkActions } from '../pools';
import { LeadFormDrawer } from './LeadFormDrawer';
import { LeadTable } from './LeadTable';
import { type Filters, isSort, LeadToolbar, type Sort } from './LeadToolbar';
import { useLeadList } from './leads.api';
import { QuickFilters } from './QuickFilters';
import { type QuickFilter, quickQuery } from './quick-filters';

/**
 * 线索: the leads the user owns or sees, by keyword, quick filter (deadlines, follow-ups due, hot ones)
 * and filters, with the total count. Leads waiting in a pool are on the 线索池 page.
 */
export function LeadsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const phone = useIsPhone();
  const [creating, setCreating] = useState(false);
  const [filters, setFilters] = useState<Filters>({});
  const [quick, setQuick] = useState<QuickFilter>('all');
  const [sort, setSort] = useState<Sort>('-updatedAt');
  const [selected, setSelected] = useState<string[]>([]);
  const list = useLeadList({ ...filters, ...quickQuery(quick), sort });
  const leads = list.data?.pages.flatMap((p) => p.data) ?? [];
  const customDefs = useActiveCustomFields('lead');
  const columns = useChosenColumns('lead', customDefs);
  const scope = me.isAdmin ? 'all' : me.permissions.lead?.scope;
  const byOwner = !!scope && scope !== 'own' && can('user', 'read');
  const filtered = quick !== 'all' || Object.values(filters).some((v) => v !== undefined);
  const mayCreate = can('lead', 'create');
  // The same rules as on the lead page: 退回线索池 for those who may change leads, 转移 for those who
  // also assign beyond themselves. The server refuses, naming them, leads outside their reach.
  const mayRelease = can('lead', 'update');
  const mayTransfer = mayRelease && byOwner;

  const create = (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => setCreating(true)}
      data-testid="create-lead"
    >
      {t('leads.create')}
    </Button>
  );
  const empty = filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leads.noMatch')} />
  ) : (
    <Empty description={t('leads.empty')} data-testid="leads-empty">
      {mayCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('leads.create')}
        </Button>
      )}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('leads.title')}
        extra={
          <>
            <Link to="/leads/pool">
              <Button icon={<InboxOutlined />} data-testid="lead-pool-link">
                {t('leads.pool.title')}
              </Button>
            </Link>
            {can('lead', 'import') && <ImportButton object="lead" label={t('imports.leads.button')} />}
            {mayCreate && create}
          </>
        }
      />
      <Card>
        <QuickFilters value={quick} onChange={setQuick} />
        <LeadToolbar
          value={filters}
          onChange={setFilters}
          sort={sort}
          onSort={setSort}
          byOwner={byOwner}
          extra={
            !phone && <CustomColumnsPicker defs={customDefs} keys={columns.keys} onChange={columns.choose} />
          }
        />
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            {mayRelease && (
              <BulkActions
                object="lead"
                ids={selected}
                onDone={() => setSelected([])}
                may={{ transfer: mayTransfer, release: true }}
              />
            )}
            <LeadTable
              leads={leads}
              loading={list.isPending}
              customColumns={columns.chosen}
              sorting={{ value: sort, onChange: (s) => setSort(isSort(s) ? s : '-updatedAt') }}
              empty={empty}
              selection={mayRelease ? { ids: selected, onChange: setSelected } : undefined}
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
      </Card>
      <LeadFormDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
