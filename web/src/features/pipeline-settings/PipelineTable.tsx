import { DeleteOutlined, EditOutlined, StarOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { SettingName, useIsPhone, useShowProblem } from '../../components';
import { type Pipeline, usePipelineMutations } from './pipelines.api';
import { StageFlow } from './StageFlow';

type Props = { pipelines: Pipeline[]; loading: boolean; onEdit: (p: Pipeline) => void };

/** The org's pipelines, default first: their stages in order, and what an admin may do with each. */
export function PipelineTable({ pipelines, loading, onEdit }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const { update, remove } = usePipelineMutations();
  const showProblem = useShowProblem();
  const c = (k: 'name' | 'stages' | 'stageCount') => t(`pipelineSettings.columns.${k}`);

  const del = (p: Pipeline) =>
    remove.mutate(p, {
      onSuccess: () => void message.success(t('pipelineSettings.deleted')),
      // 409 pipeline_in_use / default_pipeline_required: the server's own words.
      onError: (e) => showProblem(e),
    });
  const makeDefault = (p: Pipeline) =>
    update.mutate(
      { pipeline: p, changes: { isDefault: true } },
      {
        onSuccess: () => void message.success(t('pipelineSettings.madeDefault', { name: p.name })),
        onError: (e) => showProblem(e),
      },
    );

  const name = (p: Pipeline) => (
    <SettingName
      name={p.name}
      description={p.description}
      isDefault={p.isDefault}
      defaultLabel={t('pipelineSettings.defaultTag')}
    />
  );
  const actions = (p: Pipeline) => (
    <Flex gap={4} wrap>
      {can('pipeline', 'update') && (
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(p)} data-testid="edit-pipeline">
          {t('common.edit')}
        </Button>
      )}
      {can('pipeline', 'update') && !p.isDefault && (
        <Button
          size="small"
          icon={<StarOutlined />}
          onClick={() => makeDefault(p)}
          loading={update.isPending && update.variables?.pipeline.id === p.id}
          data-testid="default-pipeline"
        >
          {t('pipelineSettings.setDefault')}
        </Button>
      )}
      {can('pipeline', 'delete') && (
        <Popconfirm
          title={t('pipelineSettings.deleteConfirm', { name: p.name })}
          description={t('pipelineSettings.deleteHint')}
          okButtonProps={{ danger: true }}
          onConfirm={() => del(p)}
        >
          <Button size="small" danger icon={<DeleteOutlined />} data-testid="delete-pipeline">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
    </Flex>
  );

  const columns: ColumnsType<Pipeline> = phone
    ? [
        {
          key: 'pipeline',
          render: (_, p) => (
            <Flex vertical gap={8}>
              <Flex justify="space-between" gap={8}>
                {name(p)}
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {t('pipelineSettings.stageCount', { count: p.stages.length })}
                </Typography.Text>
              </Flex>
              <StageFlow stages={p.stages} />
              {actions(p)}
            </Flex>
          ),
        },
      ]
    : [
        { title: c('name'), key: 'name', width: 260, render: (_, p) => name(p) },
        { title: c('stages'), key: 'stages', render: (_, p) => <StageFlow stages={p.stages} /> },
        {
          title: c('stageCount'),
          key: 'count',
          width: 90,
          align: 'right',
          render: (_, p) => p.stages.length,
        },
        { title: t('common.actions'), key: 'actions', width: 300, render: (_, p) => actions(p) },
      ];

  return (
    <Table<Pipeline>
      rowKey="id"
      columns={columns}
      dataSource={pipelines}
      loading={loading}
      pagination={false}
      size="small"
      showHeader={!phone}
      scroll={phone ? undefined : { x: 960 }}
      locale={{ emptyText: t('pipelineSettings.empty') }}
      data-testid="pipeline-table"
    />
  );
}
