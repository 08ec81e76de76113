import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../app/auth';
import { LoadError, LoadMore, PageHeader, useIsPhone } from '../../components';
import { CustomColumnsPicker, useActiveCustomFields, useChosenColumns } from '../custom-fields';
import { ExportButton, ImportButton } from '../imports';
import { MergeDrawer } from '../merge';
import { BulkActions } from '../pools';
import { type SavedView, SavedViewsMenu } from '../views';
import { type Advanced, AdvancedFilters } from './AdvancedFilters';
import { CustomerFormDrawer } from './CustomerFormDrawer';
import { CustomerTable } from './CustomerTable';
import { CustomerToolbar, type Sort } from './CustomerToolbar';
import { useCustomerList } from './customers.api';
import { type View, viewFilter, viewsFor } from './views';

/** 客户: the customers in the user's scope, by view, keyword and filters, with the total count. */
export function CustomersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const views = viewsFor(me);
  const [view, setView] = useState<View>('all');
  const [q, setQ] = useState<string>();
  const [sort, setSort] = useState<Sort>('-updatedAt');
  const [advanced, setAdvanced] = useState<Advanced>({});
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [merging, setMerging] = useState(false);
  // The saved view last applied, and a counter that remounts the inputs it filled.
  const [savedView, setSavedView] = useState<string>();
  const [applied, setApplied] = useState(0);
  const filters = { ...viewFilter(view, me), ...advanced, q };
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setSavedView(undefined);
      set(v);
    };
  const applyView = (v: SavedView) => {
    const {
      q: keyword,
      ownerId,
      departmentId,
      ...rest
    } = v.state.filters as Record<string, string | undefined>;
    setView(ownerId === me.id ? 'mine' : departmentId === me.departmentId ? 'department' : 'all');
    setQ(keyword);
    setAdvanced(rest as Advanced);
    setAdvancedOpen(Object.keys(rest).length > 0);
    if (v.state.sort) setSort(v.state.sort as Sort);
    setSavedView(v.id);
    setApplied((n) => n + 1);
  };
  const list = useCustomerList({ ...filters, sort });
  const customers = list.data?.pages.flatMap((p) => p.data) ?? [];
  const advancedCount = Object.values(advanced).filter((v) => v !== undefined).length;
  const phone = useIsPhone();
  const customDefs = useActiveCustomFields('customer');
  const columns = useChosenColumns('customer', customDefs);

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        extra={
          <>
            {can('customer', 'import') && <ImportButton />}
            {can('customer', 'export') && <ExportButton filters={{ ...filters, sort }} />}
            {can('customer', 'create') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="create-customer"
              >
                {t('customers.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <CustomerToolbar
          key={applied}
          views={views}
          view={view}
          onView={changed(setView)}
          q={q}
          onSearch={changed(setQ)}
          sort={sort}
          onSort={changed(setSort)}
          advancedCount={advancedCount}
          advancedOpen={advancedOpen}
          onToggleAdvanced={() => setAdvancedOpen((o) => !o)}
          extra={
            <>
              <SavedViewsMenu
                active={savedView}
                onApply={applyView}
                current={{
                  filters: Object.fromEntries(
                    Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''),
                  ) as Record<string, string | number>,
                  sort,
                }}
              />
              {!phone && (
                <CustomColumnsPicker defs={customDefs} keys={columns.keys} onChange={columns.choose} />
              )}
            </>
          }
        />
        {advancedOpen && <AdvancedFilters key={applied} value={advanced} onChange={changed(setAdvanced)} />}
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            {can('customer', 'update') && (
              <BulkActions
                ids={selected}
                onDone={() => setSelected([])}
                extra={
                  <>
                    {can('customer', 'export') && (
                      <ExportButton filters={{ ids: selected.join(','), sort }} />
                    )}
                    {can('customer', 'merge') && selected.length >= 2 && selected.length <= 10 && (
                      <Button size="small" onClick={() => setMerging(true)} data-testid="bulk-merge">
                        {t('merge.action')}
                      </Button>
                    )}
                  </>
                }
              />
            )}
            <CustomerTable
              customers={customers}
              loading={list.isPending}
              customColumns={columns.chosen}
              selection={can('customer', 'update') ? { ids: selected, onChange: setSelected } : undefined}
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
      </Card>
      <CustomerFormDrawer open={creating} onClose={() => setCreating(false)} />
      {merging && (
        <MergeDrawer
          open
          customers={customers.filter((c) => selected.includes(c.id))}
          onClose={() => setMerging(false)}
          onDone={() => setSelected([])}
        />
      )}
    </>
  );
}
