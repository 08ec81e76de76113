import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { LoadError, PageHeader, useIsPhone, useShowProblem } from '../../components';
import {
  type CustomFieldDef,
  type FieldObject,
  fieldObjects,
  useCustomFieldMutations,
  useCustomFields,
} from './custom-fields.api';
import { FieldFormDrawer } from './FieldFormDrawer';
import { fieldLabel } from './labels';

type Editing = { def?: CustomFieldDef } | null;

/** 自定义字段 (系统设置): the fields of customers and contacts, their order, and archive / restore. */
export function CustomFieldsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [object, setObject] = useState<FieldObject>('customer');
  const [editing, setEditing] = useState<Editing>(null);
  const fields = useCustomFields(object);
  const { setActive, reorder } = useCustomFieldMutations();
  const showProblem = useShowProblem();
  const mayEdit = can('custom_field', 'update');
  const defs = fields.data ?? [];

  const move = (i: number, by: -1 | 1) => {
    const ids = defs.map((d) => d.id);
    [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
    reorder.mutate({ object, ids }, { onError: (e) => showProblem(e) });
  };
  const toggle = (def: CustomFieldDef) =>
    setActive.mutate(
      { def, active: !def.active },
      {
        onSuccess: () =>
          void message.success(t(def.active ? 'customFields.archived' : 'customFields.restored')),
        onError: (e) => showProblem(e),
      },
    );

  const label = (d: CustomFieldDef) => (
    <Flex vertical style={{ minWidth: 0 }}>
      <Typography.Text strong>{fieldLabel(d, i18n.language)}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
        {d.key}
      </Typography.Text>
    </Flex>
  );
  const status = (d: CustomFieldDef) =>
    d.active ? (
      <Tag color="green" style={{ marginInlineEnd: 0 }}>
        {t('customFields.active')}
      </Tag>
    ) : (
      <Tag style={{ marginInlineEnd: 0 }}>{t('customFields.archivedTag')}</Tag>
    );
  const order = (i: number) => (
    <Flex gap={4}>
      <Tooltip title={t('customFields.moveUp')}>
        <Button
          size="small"
          icon={<ArrowUpOutlined />}
          disabled={i === 0 || reorder.isPending}
          aria-label={t('customFields.moveUp')}
          onClick={() => move(i, -1)}
          data-testid="move-up"
        />
      </Tooltip>
      <Tooltip title={t('customFields.moveDown')}>
        <Button
          size="small"
          icon={<ArrowDownOutlined />}
          disabled={i === defs.length - 1 || reorder.isPending}
          aria-label={t('customFields.moveDown')}
          onClick={() => move(i, 1)}
          data-testid="move-down"
        />
      </Tooltip>
    </Flex>
  );
  const actions = (d: CustomFieldDef) => (
    <Flex gap={4}>
      <Button
        size="small"
        icon={<EditOutlined />}
        onClick={() => setEditing({ def: d })}
        data-testid="edit-field"
      >
        {t('common.edit')}
      </Button>
      {d.active ? (
        <Popconfirm
          title={t('customFields.archiveConfirm', { label: fieldLabel(d, i18n.language) })}
          onConfirm={() => toggle(d)}
        >
          <Button size="small" data-testid="archive-field">
            {t('customFields.archive')}
          </Button>
        </Popconfirm>
      ) : (
        <Button size="small" onClick={() => toggle(d)} data-testid="restore-field">
          {t('customFields.restore')}
        </Button>
      )}
    </Flex>
  );
  const typeText = (d: CustomFieldDef) => t(`customFields.types.${d.type}`);
  const c = (k: string) => t(`customFields.columns.${k}` as 'customFields.columns.label');

  const columns: ColumnsType<CustomFieldDef> = phone
    ? [
        {
          key: 'field',
          render: (_, d, i) => (
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8}>
                {label(d)}
                {mayEdit && order(i)}
              </Flex>
              <Flex gap={6} wrap align="center">
                <Tag style={{ marginInlineEnd: 0 }}>{typeText(d)}</Tag>
                {d.required && <Tag color="orange">{c('required')}</Tag>}
                {status(d)}
              </Flex>
              {mayEdit && actions(d)}
            </Flex>
          ),
        },
      ]
    : [
        ...(mayEdit
          ? [
              {
                title: c('order'),
                key: 'order',
                width: 90,
                render: (_: unknown, __: CustomFieldDef, i: number) => order(i),
              },
            ]
          : []),
        { title: c('label'), key: 'label', render: (_, d) => label(d) },
        { title: c('type'), key: 'type', render: (_, d) => typeText(d) },
        {
          title: c('required'),
          key: 'required',
          render: (_, d) => t(d.required ? 'customFields.yes' : 'customFields.no'),
        },
        { title: c('status'), key: 'status', render: (_, d) => status(d) },
        ...(mayEdit
          ? [{ title: c('actions'), key: 'actions', render: (_: unknown, d: CustomFieldDef) => actions(d) }]
          : []),
      ];

  return (
    <>
      <PageHeader
        title={t('customFields.title')}
        subtitle={t('customFields.subtitle')}
        extra={
          can('custom_field', 'create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
              data-testid="create-field"
            >
              {t('customFields.create')}
            </Button>
          )
        }
      />
      <Card>
        <Segmented<FieldObject>
          value={object}
          onChange={setObject}
          options={fieldObjects.map((o) => ({ value: o, label: t(`customFields.objects.${o}`) }))}
          style={{ marginBottom: 12 }}
          data-testid="field-object"
        />
        {fields.isError ? (
          <LoadError error={fields.error} onRetry={() => void fields.refetch()} />
        ) : (
          <Table<CustomFieldDef>
            rowKey="id"
            columns={columns}
            dataSource={defs}
            loading={fields.isPending}
            pagination={false}
            size="small"
            showHeader={!phone}
            scroll={phone ? undefined : { x: 'max-content' }}
            locale={{ emptyText: t('customFields.empty') }}
            data-testid="field-table"
          />
        )}
      </Card>
      {editing && <FieldFormDrawer open object={object} def={editing.def} onClose={() => setEditing(null)} />}
    </>
  );
}
