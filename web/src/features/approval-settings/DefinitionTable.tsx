import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useIsPhone, useShowProblem } from '../../components';
import type { Pipeline } from '../pipeline-settings/pipelines.api';
import { useDefinitionMutations } from './definitions.api';
import type { Definition } from './form-values';
import { useFlowWords } from './labels';

type Props = {
  definitions: Definition[];
  pipelines: Pipeline[];
  loading: boolean;
  onEdit: (d: Definition) => void;
};

/** 审批流程 in the order they are tried: trigger, conditions, steps, on/off; cards on a phone. */
export function DefinitionTable({ definitions, pipelines, loading, onEdit }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const showProblem = useShowProblem();
  const { update, remove } = useDefinitionMutations();
  const words = useFlowWords(pipelines);
  const c = (k: string) => t(`approvalFlows.columns.${k}` as 'approvalFlows.columns.name');
  const mayEdit = can('approval_definition', 'update');
  const mayDelete = can('approval_definition', 'delete');

  const toggle = (definition: Definition, active: boolean) =>
    update.mutate(
      { definition, changes: { active } },
      {
        onSuccess: () =>
          void message.success(t(active ? 'approvalFlows.turnedOn' : 'approvalFlows.turnedOff')),
        onError: (e) => showProblem(e),
      },
    );
  const del = (definition: Definition) =>
    remove.mutate(definition, {
      onSuccess: () => void message.success(t('approvalFlows.deleted')),
      onError: (e) => showProblem(e),
    });

  const conditions = (d: Definition) =>
    d.conditions.length ? (
      <Flex vertical gap={2}>
        {d.conditions.map((x) => (
          <Typography.Text key={JSON.stringify(x)}>{words.condition(x)}</Typography.Text>
        ))}
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t('approvalFlows.always')}</Typography.Text>
    );
  const steps = (d: Definition) => (
    <Flex vertical gap={2} data-testid="flow-steps">
      {d.steps.map((s, i) => (
        <Typography.Text key={`${s.name}-${JSON.stringify(s.approvers)}`}>
          {t('approvalFlows.stepLine', { n: i + 1, name: s.name })}
          {words.approvers(s)}
          {words.hasMode(s) && (
            <Tag style={{ marginInlineStart: 6 }}>{t(`approvalFlows.modeShort.${s.mode}`)}</Tag>
          )}
        </Typography.Text>
      ))}
    </Flex>
  );
  const active = (d: Definition) => (
    <Switch
      size="small"
      checked={d.active}
      disabled={!mayEdit}
      loading={update.isPending && update.variables?.definition.id === d.id}
      onChange={(on) => toggle(d, on)}
      aria-label={c('active')}
      data-testid="flow-toggle"
    />
  );
  const actions = (d: Definition) =>
    (mayEdit || mayDelete) && (
      <Flex gap={4}>
        {mayEdit && (
          <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(d)} data-testid="edit-flow">
            {t('common.edit')}
          </Button>
        )}
        {mayDelete && (
          <Popconfirm
            title={t('approvalFlows.deleteConfirm', { name: d.name })}
            description={t('approvalFlows.deleteHint')}
            okButtonProps={{ danger: true }}
            onConfirm={() => del(d)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} data-testid="delete-flow">
              {t('common.delete')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
    );

  const columns: ColumnsType<Definition> = phone
    ? [
        {
          key: 'flow',
          render: (_, d, i) => (
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8} align="center">
                <Typography.Text strong>
                  {i + 1}. {d.name}
                </Typography.Text>
                {active(d)}
              </Flex>
              <Typography.Text type="secondary">{words.trigger(d)}</Typography.Text>
              {conditions(d)}
              {steps(d)}
              {actions(d)}
            </Flex>
          ),
        },
      ]
    : [
        { title: c('order'), key: 'order', width: 64, render: (_, _d, i) => i + 1 },
        {
          title: c('name'),
          key: 'name',
          render: (_, d) => <Typography.Text strong>{d.name}</Typography.Text>,
        },
        { title: c('trigger'), key: 'trigger', render: (_, d) => words.trigger(d) },
        { title: c('conditions'), key: 'conditions', render: (_, d) => conditions(d) },
        { title: c('steps'), key: 'steps', render: (_, d) => steps(d) },
        { title: c('active'), key: 'active', render: (_, d) => active(d) },
        ...(mayEdit || mayDelete
          ? [{ title: c('actions'), key: 'actions', render: (_: unknown, d: Definition) => actions(d) }]
          : []),
      ];

  return (
    <Table<Definition>
      rowKey="id"
      columns={columns}
      dataSource={definitions}
      loading={loading}
      pagination={false}
      size="small"
      showHeader={!phone}
      scroll={phone ? undefined : { x: 'max-content' }}
      locale={{ emptyText: t('approvalFlows.empty') }}
      onRow={(d) => ({ 'data-name': d.name }) as React.HTMLAttributes<HTMLElement>}
      data-testid="flow-table"
    />
  );
}
