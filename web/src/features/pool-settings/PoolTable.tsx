import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { SettingName, useIsPhone, useShowProblem } from '../../components';
import { LimitText, MembersSummary } from './labels';
import { type Pool, type PoolObject, usePoolMutations } from './pools.api';

type Props = { object: PoolObject; pools: Pool[]; loading: boolean; onEdit: (p: Pool) => void };

/** The org's pools of one object: who is in each, the claim limits, and how many customers or leads wait there. */
export function PoolTable({ object, pools, loading, onEdit }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const { remove } = usePoolMutations();
  const showProblem = useShowProblem();
  const c = (k: string) => t(`poolSettings.columns.${k}` as 'poolSettings.columns.name');
  const lead = object === 'lead';

  const del = (p: Pool) =>
    remove.mutate(p, {
      onSuccess: () =>
        void message.success(t(lead ? 'poolSettings.leadPools.deleted' : 'poolSettings.deleted')),
      // 409 pool_not_empty / default_pool_required: the server's own words.
      onError: (e) => showProblem(e),
    });

  const name = (p: Pool) => (
    <SettingName
      name={p.name}
      description={p.description}
      isDefault={p.isDefault}
      defaultLabel={t('poolSettings.defaultTag')}
    />
  );
  const overrides = (p: Pool) =>
    p.limitOverrides.length > 0 && (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('poolSettings.overrideCount', { n: p.limitOverrides.length })}
      </Typography.Text>
    );
  const limit = (label: string, value: ReactNode) => (
    <span key={label}>
      <Typography.Text type="secondary">{label}</Typography.Text> {value}
    </span>
  );
  const actions = (p: Pool) => (
    <Flex gap={4}>
      {can('pool', 'update') && (
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(p)} data-testid="edit-pool">
          {t('common.edit')}
        </Button>
      )}
      {can('pool', 'delete') && (
        <Popconfirm
          title={t('poolSettings.deleteConfirm', { name: p.name })}
          description={t(lead ? 'poolSettings.leadPools.deleteHint' : 'poolSettings.deleteHint')}
          okButtonProps={{ danger: true }}
          onConfirm={() => del(p)}
        >
          <Button size="small" danger icon={<DeleteOutlined />} data-testid="delete-pool">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
    </Flex>
  );

  const columns: ColumnsType<Pool> = phone
    ? [
        {
          key: 'pool',
          render: (_, p) => (
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8}>
                {name(p)}
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {t(lead ? 'poolSettings.leadPools.waitingShort' : 'poolSettings.waitingShort', {
                    n: p.waitingCount,
                  })}
                </Typography.Text>
              </Flex>
              <MembersSummary members={p.members} />
              <Flex wrap style={{ fontSize: 13, columnGap: 12, rowGap: 2 }}>
                {limit(c('dailyClaimLimit'), <LimitText value={p.dailyClaimLimit} />)}
                {limit(c('ownershipCap'), <LimitText value={p.ownershipCap} />)}
                {limit(c('cooldown'), t('poolSettings.days', { days: p.reclaimCooldownDays }))}
              </Flex>
              {overrides(p)}
              {actions(p)}
            </Flex>
          ),
        },
      ]
    : [
        {
          title: lead ? t('poolSettings.leadPools.name') : c('name'),
          key: 'name',
          width: 220,
          render: (_, p) => name(p),
        },
        {
          title: c('members'),
          key: 'members',
          width: 240,
          render: (_, p) => <MembersSummary members={p.members} />,
        },
        {
          title: c('dailyClaimLimit'),
          key: 'daily',
          render: (_, p) => (
            <Flex vertical>
              <LimitText value={p.dailyClaimLimit} />
              {overrides(p)}
            </Flex>
          ),
        },
        { title: c('ownershipCap'), key: 'cap', render: (_, p) => <LimitText value={p.ownershipCap} /> },
        {
          title: c('cooldown'),
          key: 'cooldown',
          render: (_, p) => t('poolSettings.days', { days: p.reclaimCooldownDays }),
        },
        {
          title: lead ? t('poolSettings.leadPools.waiting') : c('waiting'),
          key: 'waiting',
          align: 'right',
          render: (_, p) => p.waitingCount,
        },
        { title: c('actions'), key: 'actions', render: (_, p) => actions(p) },
      ];

  return (
    <Table<Pool>
      rowKey="id"
      columns={columns}
      dataSource={pools}
      loading={loading}
      pagination={false}
      size="small"
      showHeader={!phone}
      scroll={phone ? undefined : { x: 960 }}
      locale={{ emptyText: t(lead ? 'poolSettings.leadPools.empty' : 'poolSettings.empty') }}
      data-testid="pool-table"
    />
  );
}
