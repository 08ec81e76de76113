import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Role } from '../../../app/api-types';
import { useAuth } from '../../../app/auth';
import { LoadError, PageHeader, useShowProblem } from '../../../components';
import { CreateRoleModal } from './CreateRoleModal';
import { useRoleLabel } from './role-label';
import { useDeleteRole, useRoles } from './roles.api';

/** 角色权限: the org's roles with how many active users hold each. */
export function RolesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const roles = useRoles();
  const remove = useDeleteRole();
  const showProblem = useShowProblem();
  const label = useRoleLabel();
  const [creating, setCreating] = useState(false);

  const onDelete = async (role: Role) => {
    try {
      await remove.mutateAsync(role);
      void message.success(t('common.deleted'));
    } catch (e) {
      showProblem(e);
    }
  };

  const columns: ColumnsType<Role> = [
    {
      title: t('roles.name'),
      key: 'name',
      render: (_, r) => (
        <Flex vertical>
          <Link to={`/system/roles/${r.id}`}>{label(r.key)}</Link>
          {r.description && !r.builtin && <Typography.Text type="secondary">{r.description}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: t('roles.key'),
      dataIndex: 'key',
      render: (k: string) => <Typography.Text code>{k}</Typography.Text>,
    },
    {
      title: t('roles.type'),
      dataIndex: 'builtin',
      render: (b: boolean) =>
        b ? <Tag color="blue">{t('roles.builtin')}</Tag> : <Tag>{t('roles.custom')}</Tag>,
    },
    { title: t('roles.userCount'), dataIndex: 'userCount', align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Flex gap={4}>
          <Link to={`/system/roles/${r.id}`}>
            {r.key === 'admin' || !can('role', 'update') ? t('roles.view') : t('roles.editPermissions')}
          </Link>
          {!r.builtin && can('role', 'delete') && (
            <Popconfirm
              title={t('roles.deleteConfirm', { name: r.name })}
              okButtonProps={{ danger: true }}
              onConfirm={() => onDelete(r)}
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        extra={
          can('role', 'create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="create-role"
            >
              {t('roles.create')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        {roles.isError ? (
          <LoadError error={roles.error} onRetry={() => void roles.refetch()} />
        ) : (
          <Table<Role>
            rowKey="id"
            columns={columns}
            dataSource={roles.data}
            loading={roles.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        )}
      </Card>
      <CreateRoleModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(role) => {
          setCreating(false);
          void message.success(t('roles.created'));
          navigate(`/system/roles/${role.id}`);
        }}
      />
    </>
  );
}
