import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../app/auth';
import { LoadError, LoadMore, PageHeader, useIsPhone } from '../../components';
import { CustomColumnsPicker, useActiveCustomFields, useChosenColumns } from '../custom-fields';
import { LeadFormDrawer } from './LeadFormDrawer';
import { LeadTable } from './LeadTable';
import { type Filters, LeadToolbar, type Sort } from './LeadToolbar';
import { useLeadList } from './leads.api';

/** 线索: the leads in the user's scope, by keyword and filters, with the total count. */
export function LeadsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const phone = useIsPhone();
  const [creating, setCreating] = useState(false);
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<Sort>('-updatedAt');
  const list = useLeadList({ ...filters, sort });
  const leads = list.data?.pages.flatMap((p) => p.data) ?? [];
  const customDefs = useActiveCustomFields('lead');
  const columns = useChosenColumns('lead', customDefs);
  const scope = me.isAdmin ? 'all' : me.permissions.lead?.scope;
  const byOwner = !!scope && scope !== 'own' && can('user', 'read');
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const mayCreate = can('lead', 'create');

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
      <PageHeader title={t('leads.title')} extra={mayCreate && create} />
      <Card>
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
            <LeadTable leads={leads} loading={list.isPending} customColumns={columns.chosen} empty={empty} />
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
