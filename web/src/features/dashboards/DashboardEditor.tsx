import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Dropdown,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { ApiProblem } from '../../app/problem';
import { FormDrawer, useShowProblem } from '../../components';
import type { MetricDefinition } from '../performance/metrics.api';
import { DepartmentSelect, PipelineSelect } from '../performance/ScopeSelects';
import { type DashboardPeriod, dashboardPeriods } from '../performance/scope';
import {
  type Dashboard,
  type DashboardBody,
  useSaveDashboard,
  type Widget,
  type WidgetType,
} from './dashboards.api';
import { Reorder, ReorderItem } from './Reorder';
import { widgetTitle } from './WidgetView';

/** Editing a dashboard, copying one into a new one of the reader's own, or starting afresh. */
export type Editing = { dashboard?: Dashboard; copyOf?: Dashboard };
type Role = { key: string; name: string };

const widgetTypes: WidgetType[] = [
  'kpi',
  'gauge',
  'trend',
  'bars',
  'leaderboard',
  'funnel',
  'stage_conversion',
  'source_table',
  'forecast_target',
  'adoption',
  'insights',
];

/** A new widget of a type, with a sensible first setting. */
function freshWidget(type: WidgetType, taken: Set<string>): Widget {
  let n = 1;
  while (taken.has(`${type}-${n}`)) n += 1;
  const id = `${type}-${n}`;
  switch (type) {
    case 'kpi':
    case 'gauge':
    case 'trend':
      return { id, type, metric: 'won_amount', width: type === 'trend' ? 2 : 1 };
    case 'bars':
      return { id, type, metric: 'won_amount', groupBy: 'department', width: 2 };
    case 'source_table':
      return { id, type, dimension: 'source', width: 2 };
    case 'forecast_target':
      return { id, type, horizon: 'month', width: 1 };
    case 'adoption':
    case 'insights':
      return { id, type, width: 4 };
    default:
      return { id, type, width: 2 } as Widget;
  }
}

type Props = {
  editing: Editing;
  defs: Map<string, MetricDefinition>;
  roles: Role[];
  onClose: () => void;
  onSaved: (d: Dashboard) => void;
};

/** 编辑仪表盘: its name, who may open it, the period it opens on, and its widgets in order. */
export function DashboardEditor({ editing, defs, roles, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const showProblem = useShowProblem();
  const save = useSaveDashboard();
  const source = editing.dashboard ?? editing.copyOf;
  const [name, setName] = useState(
    editing.dashboard?.name ??
      (editing.copyOf ? t('dashboards.copyName', { name: editing.copyOf.name }) : ''),
  );
  const [widgets, setWidgets] = useState<Widget[]>(source?.widgets ?? [freshWidget('kpi', new Set())]);
  const [period, setPeriod] = useState<DashboardPeriod>(source?.filters.period ?? 'this_month');
  const [pipelineId, setPipelineId] = useState(source?.filters.pipelineId);
  const [departmentId, setDepartmentId] = useState(source?.filters.departmentId);
  const [sharedRoles, setSharedRoles] = useState<string[]>(editing.dashboard?.sharedRoles ?? []);
  const [org, setOrg] = useState(editing.dashboard?.org ?? false);
  const [defaultFor, setDefaultFor] = useState<string[]>(editing.dashboard?.defaultFor ?? []);
  const [errors, setErrors] = useState<string[]>([]);
  const metrics = [...defs.values()];
  // Every dimension some metric has, in the registry's order (bars offer those of their metric).
  const dimensions = [...new Set(metrics.flatMap((d) => d.dimensions))];

  const update = (i: number, w: Widget) => setWidgets(widgets.map((x, j) => (j === i ? w : x)));
  const move = (from: number, to: number) => {
    const next = [...widgets];
    const [w] = next.splice(from, 1);
    next.splice(to, 0, w!);
    setWidgets(next);
  };
  const submit = () => {
    const body: DashboardBody = {
      name: name.trim(),
      widgets,
      filters: {
        period,
        ...(pipelineId ? { pipelineId } : {}),
        ...(departmentId ? { departmentId } : {}),
      },
      sharedRoles,
      org,
      defaultFor: org ? defaultFor : [],
    };
    setErrors([]);
    save
      .mutateAsync({ id: editing.dashboard?.id ?? null, version: editing.dashboard?.version, body })
      .then((d) => onSaved(d as Dashboard))
      .catch((e) => {
        // The server names each wrong setting (e.g. a gauge on a metric without targets).
        if (e instanceof ApiProblem && e.errors.length)
          setErrors(e.errors.map((x) => `${fieldName(x.path)}${x.message}`));
        else showProblem(e);
      });
  };
  /** "body.widgets.2.metric" → "第 3 个组件：". */
  const fieldName = (path: string) => {
    const m = /^body\.widgets\.(\d+)/.exec(path);
    return m ? t('dashboards.editor.widgetAt', { n: Number(m[1]) + 1 }) : '';
  };
  const metricOptions = (filter: (d: MetricDefinition) => boolean) =>
    metrics.filter(filter).map((d) => ({ value: d.id, label: d.name }));

  return (
    <FormDrawer
      open
      onClose={onClose}
      title={editing.dashboard ? t('dashboards.editor.edit') : t('dashboards.editor.new')}
      width={640}
      onSubmit={submit}
      submitting={save.isPending}
      submitTestId="dashboard-save"
    >
      <Form layout="vertical" onFinish={submit}>
        {errors.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={errors.map((e) => <div key={e}>{e}</div>)}
          />
        )}
        <Form.Item label={t('dashboards.editor.name')} required>
          <Input
            value={name}
            maxLength={40}
            onChange={(e) => setName(e.target.value)}
            data-testid="dashboard-name"
          />
        </Form.Item>
        <Form.Item label={t('dashboards.editor.period')}>
          <Select<DashboardPeriod>
            value={period}
            onChange={setPeriod}
            options={dashboardPeriods.map((p) => ({ value: p, label: t(`dashboards.periods.${p}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('dashboards.editor.filters')} extra={t('dashboards.editor.filtersHint')}>
          <Flex gap={8} wrap>
            <PipelineSelect
              value={pipelineId}
              onChange={setPipelineId}
              style={{ flex: 1, minWidth: 160 }}
              testId="dashboard-default-pipeline"
            />
            <DepartmentSelect
              value={departmentId}
              onChange={setDepartmentId}
              style={{ flex: 1, minWidth: 160 }}
              testId="dashboard-default-department"
            />
          </Flex>
        </Form.Item>
        <Form.Item label={t('dashboards.editor.share')} extra={t('dashboards.editor.shareHint')}>
          <Select
            mode="multiple"
            value={sharedRoles}
            onChange={setSharedRoles}
            options={roles.map((r) => ({ value: r.key, label: r.name }))}
            placeholder={t('dashboards.editor.onlyMe')}
            data-testid="dashboard-share"
          />
        </Form.Item>
        {me?.isAdmin && (
          <Form.Item label={t('dashboards.editor.org')} extra={t('dashboards.editor.orgHint')}>
            <Switch
              checked={org}
              onChange={setOrg}
              disabled={!!editing.dashboard}
              data-testid="dashboard-org"
            />
          </Form.Item>
        )}
        {org && (
          <Form.Item label={t('dashboards.editor.defaultFor')} extra={t('dashboards.editor.defaultForHint')}>
            <Select
              mode="multiple"
              value={defaultFor}
              onChange={setDefaultFor}
              options={roles.map((r) => ({ value: r.key, label: r.name }))}
              data-testid="dashboard-default-for"
            />
          </Form.Item>
        )}
        <Typography.Title level={5}>{t('dashboards.editor.widgets')}</Typography.Title>
        <Reorder ids={widgets.map((w) => w.id)} onMove={move}>
          <Flex vertical gap={8} data-testid="dashboard-widgets">
            {widgets.map((w, i) => (
              <ReorderItem key={w.id} id={w.id}>
                {(handle) => (
                  <Card
                    size="small"
                    title={
                      <span>
                        {handle}
                        {`${i + 1}. ${widgetTitle(w, defs, t as never)}`}
                      </span>
                    }
                    extra={
                      <Space size={0}>
                        <Tooltip title={t('dashboards.editor.up')}>
                          <Button
                            type="text"
                            size="small"
                            icon={<ArrowUpOutlined />}
                            disabled={i === 0}
                            onClick={() => move(i, i - 1)}
                            aria-label={t('dashboards.editor.up')}
                          />
                        </Tooltip>
                        <Tooltip title={t('dashboards.editor.down')}>
                          <Button
                            type="text"
                            size="small"
                            icon={<ArrowDownOutlined />}
                            disabled={i === widgets.length - 1}
                            onClick={() => move(i, i + 1)}
                            aria-label={t('dashboards.editor.down')}
                          />
                        </Tooltip>
                        <Tooltip title={t('dashboards.editor.remove')}>
                          <Button
                            type="text"
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            disabled={widgets.length === 1}
                            onClick={() => setWidgets(widgets.filter((_, j) => j !== i))}
                            aria-label={t('dashboards.editor.remove')}
                            data-testid="widget-remove"
                          />
                        </Tooltip>
                      </Space>
                    }
                    data-testid="widget-config"
                  >
                    <Flex gap={8} wrap>
                      <Typography.Text type="secondary" style={{ width: '100%' }}>
                        {t(`dashboards.types.${w.type}`)}
                      </Typography.Text>
                      {'metric' in w && (
                        <Select
                          showSearch={{ optionFilterProp: 'label' }}
                          value={w.metric}
                          onChange={(metric: string) => update(i, { ...w, metric } as Widget)}
                          options={metricOptions((d) =>
                            w.type === 'gauge' ? d.targetable : w.type === 'trend' ? !d.snapshot : true,
                          )}
                          style={{ minWidth: 180, flex: 1 }}
                          aria-label={t('dashboards.editor.metric')}
                          data-testid="widget-metric"
                        />
                      )}
                      {w.type === 'bars' && (
                        <>
                          <Select
                            value={w.groupBy}
                            onChange={(groupBy) => update(i, { ...w, groupBy })}
                            options={dimensions
                              .filter((d) => defs.get(w.metric)?.dimensions.includes(d))
                              .map((d) => ({ value: d, label: t(`dashboards.dimensions.${d}`) }))}
                            style={{ width: 130 }}
                            aria-label={t('dashboards.editor.groupBy')}
                            data-testid="widget-group-by"
                          />
                          <Select
                            allowClear
                            placeholder={t('dashboards.editor.stackBy')}
                            value={w.stackBy}
                            onChange={(stackBy) => update(i, { ...w, stackBy })}
                            options={dimensions
                              .filter((d) => d !== w.groupBy && defs.get(w.metric)?.dimensions.includes(d))
                              .map((d) => ({ value: d, label: t(`dashboards.dimensions.${d}`) }))}
                            style={{ width: 130 }}
                            aria-label={t('dashboards.editor.stackBy')}
                          />
                        </>
                      )}
                      {w.type === 'source_table' && (
                        <Select
                          value={w.dimension ?? 'source'}
                          onChange={(dimension) => update(i, { ...w, dimension })}
                          options={(['source', 'channel'] as const).map((d) => ({
                            value: d,
                            label: t(`dashboards.dimensions.${d}`),
                          }))}
                          style={{ width: 130 }}
                        />
                      )}
                      {w.type === 'forecast_target' && (
                        <Select
                          value={w.horizon ?? 'month'}
                          onChange={(horizon) => update(i, { ...w, horizon })}
                          options={(['month', 'quarter'] as const).map((h) => ({
                            value: h,
                            label: t(`forecast.horizons.${h}`),
                          }))}
                          style={{ width: 130 }}
                        />
                      )}
                      <Select
                        value={w.width ?? 2}
                        onChange={(width: number) => update(i, { ...w, width })}
                        options={([1, 2, 3, 4] as const).map((n) => ({
                          value: n,
                          label: t(`dashboards.editor.widths.${n}`),
                        }))}
                        style={{ width: 110 }}
                        aria-label={t('dashboards.editor.width')}
                      />
                      <Input
                        value={w.title ?? ''}
                        maxLength={40}
                        placeholder={t('dashboards.editor.title')}
                        onChange={(e) => update(i, { ...w, title: e.target.value || undefined })}
                        style={{ flex: 1, minWidth: 160 }}
                        aria-label={t('dashboards.editor.title')}
                      />
                    </Flex>
                  </Card>
                )}
              </ReorderItem>
            ))}
            {widgets.length < 24 && (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: widgetTypes.map((type) => ({ key: type, label: t(`dashboards.types.${type}`) })),
                  onClick: ({ key }) =>
                    setWidgets([
                      ...widgets,
                      freshWidget(key as WidgetType, new Set(widgets.map((w) => w.id))),
                    ]),
                }}
              >
                <Button block icon={<PlusOutlined />} data-testid="widget-add">
                  {t('dashboards.editor.add')}
                </Button>
              </Dropdown>
            )}
          </Flex>
        </Reorder>
      </Form>
    </FormDrawer>
  );
}
