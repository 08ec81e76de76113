import { CopyOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Col, Empty, Flex, Row, Select, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { LoadError, PageHeader, PageSpinner, useIsPhone, useShowProblem } from '../../components';
import { useDepartments } from '../org/departments/departments.api';
import { type Drill, DrillDrawer } from '../performance/DrillDrawer';
import { useMetricDefinitions } from '../performance/metrics.api';
import { DepartmentSelect, PipelineSelect } from '../performance/ScopeSelects';
import { breakdownRoot, type DashboardPeriod, dashboardPeriods, type Scope } from '../performance/scope';
import { DashboardEditor, type Editing } from './DashboardEditor';
import { type Dashboard, useDashboards, useDeleteDashboard, type Widget } from './dashboards.api';
import { WidgetView } from './WidgetView';

/** Columns (of 24) a widget spans: its width in quarters on a desktop, half or all of a tablet's row; on a phone, two KPI cards a row. */
const spanOf = (w: Widget) => {
  const width = w.width ?? 2;
  return { xs: w.type === 'kpi' ? 12 : 24, md: width >= 2 ? 24 : 12, xl: width * 6 };
};

/**
 * 业绩: the reader's dashboard — their role's by default, or one they pick — under the filters of the
 * address (period, department, pipeline). Every figure is the metric registry's, in the reader's scope.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const phone = useIsPhone();
  const { can, me } = useAuth();
  const { modal } = AntApp.useApp();
  const showProblem = useShowProblem();
  const [params, setParams] = useSearchParams();
  const [drill, setDrill] = useState<Drill | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const definitions = useMetricDefinitions(i18n.language);
  const dashboards = useDashboards(i18n.language);
  const byDepartment = can('department', 'read') && me?.permissions.opportunity?.scope !== 'own';
  const departments = useDepartments();
  const remove = useDeleteDashboard();

  if (definitions.isPending || dashboards.isPending) return <PageSpinner />;
  if (definitions.isError)
    return <LoadError error={definitions.error} onRetry={() => void definitions.refetch()} />;
  if (dashboards.isError)
    return <LoadError error={dashboards.error} onRetry={() => void dashboards.refetch()} />;
  const defs = new Map(definitions.data.data.map((d) => [d.id, d]));
  const list = dashboards.data.data;
  const current: Dashboard | undefined =
    list.find((d) => d.id === params.get('d')) ?? list.find((d) => d.isDefault) ?? list[0];

  // The address holds what differs from the dashboard's own filters, so a link shows the same figures.
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v);
      else next.delete(k);
    setParams(next, { replace: true });
  };
  const asked = params.get('period') as DashboardPeriod | null;
  // A filter the dashboard opens with, cleared by the reader, is "all" in the address.
  const filterOf = (k: string, opening?: string) => {
    const v = params.get(k);
    return v === 'all' ? undefined : (v ?? opening);
  };
  const clearable = (v: string | undefined, opening?: string) => v ?? (opening ? 'all' : undefined);
  const scope: Scope = {
    period: asked && dashboardPeriods.includes(asked) ? asked : (current?.filters.period ?? 'this_month'),
    departmentId: filterOf('department', current?.filters.departmentId),
    pipelineId: filterOf('pipeline', current?.filters.pipelineId),
  };
  scope.breakdownUnder = breakdownRoot(departments.data ?? [], scope.departmentId);
  const allowed = (object: string) => can(object, 'read');
  const mayCreate = can('dashboard', 'create');

  const picker = (
    <Select
      value={current?.id}
      onChange={(d: string) => setParams({ d }, { replace: true })}
      options={list.map((d) => ({
        value: d.id,
        label: (
          <span>
            {d.name}
            {d.isDefault && (
              <Tag bordered={false} color="blue" style={{ marginInlineStart: 6 }}>
                {t('dashboards.default')}
              </Tag>
            )}
          </span>
        ),
        title: d.name,
      }))}
      style={{ width: phone ? '100%' : 220 }}
      aria-label={t('dashboards.pick')}
      data-testid="dashboard-picker"
    />
  );
  const actions = (
    <>
      {current?.editable && (
        <Tooltip title={t('dashboards.edit')}>
          <Button
            icon={<EditOutlined />}
            aria-label={t('dashboards.edit')}
            onClick={() => setEditing({ dashboard: current })}
            data-testid="dashboard-edit"
          />
        </Tooltip>
      )}
      {mayCreate && current && (
        <Tooltip title={t('dashboards.copy')}>
          <Button
            icon={<CopyOutlined />}
            aria-label={t('dashboards.copy')}
            onClick={() => setEditing({ copyOf: current })}
            data-testid="dashboard-copy"
          />
        </Tooltip>
      )}
      {mayCreate && (
        <Button icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="dashboard-new">
          {t('dashboards.new')}
        </Button>
      )}
      {current?.editable && !current.builtinKey && (
        <Tooltip title={t('dashboards.delete')}>
          <Button
            danger
            icon={<DeleteOutlined />}
            aria-label={t('dashboards.delete')}
            onClick={() =>
              modal.confirm({
                title: t('dashboards.deleteConfirm', { name: current.name }),
                okButtonProps: { danger: true },
                onOk: () =>
                  remove
                    .mutateAsync({ id: current.id, version: current.version })
                    .then(() => setParams({}, { replace: true }))
                    .catch(showProblem),
              })
            }
            data-testid="dashboard-delete"
          />
        </Tooltip>
      )}
    </>
  );
  return (
    <>
      <PageHeader
        title={t('performance.title')}
        subtitle={t('performance.subtitle')}
        extra={
          <>
            {picker}
            {actions}
          </>
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Select<DashboardPeriod>
          value={scope.period}
          onChange={(period) => set({ period })}
          options={dashboardPeriods.map((p) => ({ value: p, label: t(`dashboards.periods.${p}`) }))}
          style={{ width: phone ? 'calc(50% - 4px)' : 120 }}
          aria-label={t('dashboards.period')}
          data-testid="performance-period"
        />
        <PipelineSelect
          value={scope.pipelineId}
          onChange={(p) => set({ pipeline: clearable(p, current?.filters.pipelineId) })}
          style={{ width: phone ? 'calc(50% - 4px)' : 180 }}
          testId="dashboard-pipeline"
        />
        {byDepartment && (
          <DepartmentSelect
            value={scope.departmentId}
            onChange={(d) => set({ department: clearable(d, current?.filters.departmentId) })}
            style={{ width: phone ? '100%' : 180 }}
            testId="dashboard-department"
          />
        )}
      </Flex>
      {current ? (
        <Row gutter={[12, 12]} data-testid="dashboard-grid">
          {current.widgets.map((w) => (
            <Col key={`${current.id}:${w.id}`} {...spanOf(w)}>
              <WidgetView
                widget={w}
                scope={scope}
                defs={defs}
                phone={phone}
                can={allowed}
                onDrill={setDrill}
              />
            </Col>
          ))}
        </Row>
      ) : (
        <Empty description={t('dashboards.noDashboard')} />
      )}
      <DrillDrawer drill={drill} defs={defs} onClose={() => setDrill(null)} />
      {editing && (
        <DashboardEditor
          editing={editing}
          defs={defs}
          roles={dashboards.data.roles}
          onClose={() => setEditing(null)}
          onSaved={(d) => {
            setEditing(null);
            setParams({ d: d.id }, { replace: true });
          }}
        />
      )}
    </>
  );
}
