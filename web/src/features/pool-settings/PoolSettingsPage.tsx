import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { LoadError, PageHeader } from '../../components';
import { PoolFormDrawer } from './PoolFormDrawer';
import { PoolTable } from './PoolTable';
import { type Pool, type RecycleRule, usePools, useRecycleRules } from './pools.api';
import { RuleFormDrawer } from './RuleFormDrawer';
import { RuleTable } from './RuleTable';

type Tab = 'pools' | 'rules';
// By id: after a version conflict the drawers get the reloaded record.
type Editing = { kind: 'pool' | 'rule'; id?: string } | null;

/** 公海设置 (系统设置): the pools, their members and limits, and the rules that fill them. */
export function PoolSettingsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'rules' ? 'rules' : 'pools';
  const [editing, setEditing] = useState<Editing>(null);
  const pools = usePools();
  const rules = useRecycleRules();
  const editedPool: Pool | undefined = pools.data?.find(
    (p) => editing?.kind === 'pool' && p.id === editing.id,
  );
  const editedRule: RecycleRule | undefined = rules.data?.find(
    (r) => editing?.kind === 'rule' && r.id === editing.id,
  );

  const create =
    tab === 'pools'
      ? can('pool', 'create') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ kind: 'pool' })}
            data-testid="create-pool"
          >
            {t('poolSettings.create')}
          </Button>
        )
      : can('pool', 'update') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ kind: 'rule' })}
            disabled={!pools.data?.length}
            data-testid="create-rule"
          >
            {t('poolSettings.createRule')}
          </Button>
        );

  return (
    <>
      <PageHeader title={t('poolSettings.title')} subtitle={t('poolSettings.subtitle')} extra={create} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'rules' ? { tab: k } : {}, { replace: true })}
          items={[
            {
              key: 'pools',
              label: t('poolSettings.tabs.pools'),
              children: pools.isError ? (
                <LoadError error={pools.error} onRetry={() => void pools.refetch()} />
              ) : (
                <PoolTable
                  pools={pools.data ?? []}
                  loading={pools.isPending}
                  onEdit={(pool) => setEditing({ kind: 'pool', id: pool.id })}
                />
              ),
            },
            {
              key: 'rules',
              label: t('poolSettings.tabs.rules'),
              children: rules.isError ? (
                <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
              ) : (
                <RuleTable
                  rules={rules.data ?? []}
                  loading={rules.isPending}
                  onEdit={(rule) => setEditing({ kind: 'rule', id: rule.id })}
                />
              ),
            },
          ]}
          data-testid="pool-settings-tabs"
        />
      </Card>
      {editing?.kind === 'pool' && <PoolFormDrawer pool={editedPool} onClose={() => setEditing(null)} />}
      {editing?.kind === 'rule' && (
        <RuleFormDrawer rule={editedRule} pools={pools.data ?? []} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
