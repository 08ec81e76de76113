import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { LoadError, PageHeader } from '../../components';
import { PoolFormDrawer } from './PoolFormDrawer';
import { PoolTable } from './PoolTable';
import {
  type Pool,
  type PoolObject,
  poolObjects,
  type RecycleRule,
  usePools,
  useRecycleRules,
} from './pools.api';
import { RuleFormDrawer } from './RuleFormDrawer';
import { RuleTable } from './RuleTable';

type Tab = 'pools' | 'rules';
// By id: after a version conflict the drawers get the reloaded record.
type Editing = { kind: 'pool' | 'rule'; id?: string } | null;

/**
 * 公海设置 (系统设置): the pools — customers' 公海 or leads' 线索池 —, their members and limits, and the
 * recycle rules that send owned records back to them.
 */
export function PoolSettingsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const object: PoolObject = params.get('object') === 'lead' ? 'lead' : 'customer';
  const tab: Tab = params.get('tab') === 'rules' ? 'rules' : 'pools';
  const [editing, setEditing] = useState<Editing>(null);
  const pools = usePools(object);
  const allRules = useRecycleRules();
  // A rule belongs with the pools it sends records back to.
  const rules = allRules.data?.filter((r) => r.object === object);
  const lead = object === 'lead';
  const editedPool: Pool | undefined = pools.data?.find(
    (p) => editing?.kind === 'pool' && p.id === editing.id,
  );
  const editedRule: RecycleRule | undefined = rules?.find(
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
            {t(lead ? 'poolSettings.leadPools.create' : 'poolSettings.create')}
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

  const poolsPane = pools.isError ? (
    <LoadError error={pools.error} onRetry={() => void pools.refetch()} />
  ) : (
    <PoolTable
      object={object}
      pools={pools.data ?? []}
      loading={pools.isPending}
      onEdit={(pool) => setEditing({ kind: 'pool', id: pool.id })}
    />
  );

  return (
    <>
      <PageHeader
        title={t(lead ? 'poolSettings.leadPools.title' : 'poolSettings.title')}
        subtitle={t(lead ? 'poolSettings.leadPools.subtitle' : 'poolSettings.subtitle')}
        extra={create}
      />
      <Card>
        {can('lead', 'read') && (
          <Segmented<PoolObject>
            value={object}
            onChange={(o) =>
              setParams(
                { ...(o === 'lead' ? { object: o } : {}), ...(tab === 'rules' ? { tab } : {}) },
                { replace: true },
              )
            }
            options={poolObjects.map((o) => ({ value: o, label: t(`poolSettings.objects.${o}`) }))}
            style={{ marginBottom: 4 }}
            data-testid="pool-object"
          />
        )}
        <Tabs
          activeKey={tab}
          onChange={(k) =>
            setParams(
              { ...(lead ? { object } : {}), ...(k === 'rules' ? { tab: k } : {}) },
              { replace: true },
            )
          }
          items={[
            {
              key: 'pools',
              label: t(lead ? 'poolSettings.objects.lead' : 'poolSettings.tabs.pools'),
              children: poolsPane,
            },
            {
              key: 'rules',
              label: t('poolSettings.tabs.rules'),
              children: allRules.isError ? (
                <LoadError error={allRules.error} onRetry={() => void allRules.refetch()} />
              ) : (
                <RuleTable
                  object={object}
                  rules={rules ?? []}
                  loading={allRules.isPending}
                  onEdit={(rule) => setEditing({ kind: 'rule', id: rule.id })}
                />
              ),
            },
          ]}
          data-testid="pool-settings-tabs"
        />
      </Card>
      {editing?.kind === 'pool' && (
        <PoolFormDrawer object={object} pool={editedPool} onClose={() => setEditing(null)} />
      )}
      {editing?.kind === 'rule' && (
        <RuleFormDrawer
          object={object}
          rule={editedRule}
          pools={pools.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
