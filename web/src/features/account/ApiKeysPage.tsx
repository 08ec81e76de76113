import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKey } from '../../app/api-types';
import { LoadError, PageHeader, SecretOnce, Time, useShowProblem } from '../../components';
import { useApiKeys, useRevokeApiKey } from './api-keys.api';
import { CreateApiKeyModal } from './CreateApiKeyModal';

const statusOf = (k: ApiKey, now: number) =>
  k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt <= now ? 'expired' : 'active';
const statusColor = { active: 'green', revoked: 'default', expired: 'orange' } as const;

export function ApiKeysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const showProblem = useShowProblem();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [now] = useState(() => Date.now());

  const onRevoke = async (k: ApiKey) => {
    try {
      await revoke.mutateAsync(k.id);
      void message.success(t('apiKeys.revoked'));
    } catch (e) {
      showProblem(e);
    }
  };

  const columns: ColumnsType<ApiKey> = [
    { title: t('apiKeys.name'), dataIndex: 'name' },
    {
      title: t('apiKeys.prefix'),
      dataIndex: 'prefix',
      render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
    },
    {
      title: t('apiKeys.scopes'),
      dataIndex: 'scopes',
      render: (scopes: string[] | null) =>
        scopes ? (
          scopes.map((s) => <Tag key={s}>{s}</Tag>)
        ) : (
          <Typography.Text type="secondary">{t('apiKeys.allScopes')}</Typography.Text>
        ),
    },
    { title: t('apiKeys.createdAt'), dataIndex: 'createdAt', render: (ms: number) => <Time ms={ms} /> },
    {
      title: t('apiKeys.expiresAt'),
      dataIndex: 'expiresAt',
      render: (ms: number | null) => (ms ? <Time ms={ms} /> : t('apiKeys.neverExpires')),
    },
    {
      title: t('apiKeys.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (ms: number | null) => (ms ? <Time ms={ms} relative /> : t('apiKeys.neverUsed')),
    },
    {
      title: t('apiKeys.status'),
      key: 'status',
      render: (_, k) => {
        const s = statusOf(k, now);
        return <Tag color={statusColor[s]}>{t(`apiKeys.statuses.${s}`)}</Tag>;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, k) =>
        !k.revokedAt && (
          <Popconfirm title={t('apiKeys.revokeConfirm', { name: k.name })} onConfirm={() => onRevoke(k)}>
            <Button type="link" danger size="small">
              {t('apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        subtitle={t('apiKeys.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="create-api-key"
          >
            {t('apiKeys.create')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        {keys.isError ? (
          <LoadError error={keys.error} onRetry={() => void keys.refetch()} />
        ) : (
          <Table<ApiKey>
            rowKey="id"
            columns={columns}
            dataSource={keys.data}
            loading={keys.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        )}
      </Card>
      <CreateApiKeyModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setSecret(key);
        }}
      />
      <SecretOnce
        open={!!secret}
        title={t('apiKeys.createdTitle')}
        hint={t('apiKeys.createdHint')}
        value={secret ?? ''}
        onClose={() => setSecret(null)}
      />
    </>
  );
}
