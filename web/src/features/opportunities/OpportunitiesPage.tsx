import { AppstoreOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../app/auth';
import { LoadError, PageHeader, PageSpinner, useIsPhone } from '../../components';
import { ExportButton, ImportButton } from '../imports';
import { type SavedView, SavedViewsMenu } from '../views';
import { Board } from './Board';
import { DealFormDrawer } from './DealFormDrawer';
import { DealList } from './DealList';
import { usePipelines } from './opportunities.api';
import { type Filters, type Sort, sorts, Toolbar } from './Toolbar';

type View = 'board' | 'list';
const viewKey = 'cadence.opportunities.view';
const pipelineKey = 'cadence.opportunities.pipeline';
const savedView = (): View => (localStorage.getItem(viewKey) === 'list' ? 'list' : 'board');

/** 商机: the deals of one pipeline as a 看板 or a 列表 (the choice is remembered), with filters, 导入, 导出 and 新建商机. */
export function OpportunitiesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const phone = useIsPhone();
  const pipelines = usePipelines();
  const [view, setView] = useState<View>(savedView);
  const [chosen, setChosen] = useState(() => localStorage.getItem(pipelineKey) ?? undefined);
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<Sort>('-updatedAt');
  const [creating, setCreating] = useState(false);
  // The saved view last applied (我的视图), until the filters change.
  const [viewId, setViewId] = useState<string>();
  const scope = me.isAdmin ? 'all' : me.permissions.opportunity?.scope;
  const byOwner = !!scope && scope !== 'own' && can('user', 'read');

  if (pipelines.isPending) return <PageSpinner />;
  if (pipelines.isError)
    return <LoadError error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  const all = pipelines.data.data;
  const pipeline = all.find((p) => p.id === chosen) ?? all[0];
  const choose = (id: string) => {
    localStorage.setItem(pipelineKey, id);
    setChosen(id);
    setFilters((f) => ({ ...f, stageId: undefined }));
  };
  // What the page shows: the board has a column per stage, so only the list filters by stage and status.
  const shown: Filters =
    view === 'board'
      ? Object.fromEntries(Object.entries(filters).filter(([k]) => k !== 'stageId' && k !== 'status'))
      : filters;
  const applyView = (v: SavedView) => {
    const { pipelineId, sort: _s, ...rest } = v.state.filters as Record<string, string>;
    if (pipelineId && all.some((p) => p.id === pipelineId)) choose(pipelineId);
    setFilters(rest as Filters);
    if (v.state.sort && (sorts as readonly string[]).includes(v.state.sort)) setSort(v.state.sort as Sort);
    setViewId(v.id);
  };
  const current = {
    filters: Object.fromEntries(
      Object.entries({ ...shown, pipelineId: pipeline?.id }).filter(([, v]) => v !== undefined && v !== ''),
    ) as Record<string, string>,
    ...(view === 'list' && { sort }),
  };
  const switchView = (v: View) => {
    localStorage.setItem(viewKey, v);
    setView(v);
  };
  return (
    <>
      <PageHeader
        title={t('opportunities.title')}
        extra={
          <Space wrap>
            {can('opportunity', 'import') && (
              <ImportButton object="opportunity" label={t('imports.deals.button')} />
            )}
            {can('opportunity', 'export') && pipeline && (
              <ExportButton
                object="opportunity"
                filters={{ ...shown, pipelineId: pipeline.id, sort: view === 'list' ? sort : undefined }}
              />
            )}
            {can('opportunity', 'create') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="create-deal"
              >
                {t('opportunities.create')}
              </Button>
            )}
          </Space>
        }
      />
      <Card styles={{ body: { padding: phone ? 12 : 16 } }}>
        {/* One row on a phone too: the pipeline takes what the 看板 / 列表 switch leaves. */}
        <Flex gap={8} wrap={!phone} align="center" style={{ marginBottom: 12 }}>
          <Select
            value={pipeline?.id}
            onChange={choose}
            aria-label={t('opportunities.pipeline')}
            options={all.map((p) => ({ value: p.id, label: p.name }))}
            style={phone ? { flex: 1, minWidth: 0 } : { width: 220 }}
            data-testid="deal-pipeline-select"
          />
          <Segmented<View>
            value={view}
            onChange={switchView}
            options={[
              { value: 'board', label: t('opportunities.views.board'), icon: <AppstoreOutlined /> },
              { value: 'list', label: t('opportunities.views.list'), icon: <UnorderedListOutlined /> },
            ]}
            data-testid="deal-view"
          />
        </Flex>
        <Toolbar
          value={filters}
          onChange={(f) => {
            setFilters(f);
            setViewId(undefined);
          }}
          extra={
            <SavedViewsMenu object="opportunity" current={current} onApply={applyView} active={viewId} />
          }
          byOwner={byOwner}
          list={view === 'list' && pipeline ? { stages: pipeline.stages, sort, onSort: setSort } : undefined}
        />
        {pipeline &&
          (view === 'board' ? (
            <Board pipeline={pipeline} filters={shown} />
          ) : (
            <DealList filters={{ ...filters, pipelineId: pipeline.id, sort }} />
          ))}
      </Card>
      <DealFormDrawer open={creating} pipelineId={pipeline?.id} onClose={() => setCreating(false)} />
    </>
  );
}
