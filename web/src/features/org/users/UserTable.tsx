import { Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../app/api-types';
import { Time } from '../../../components';
import { useRoleLabel } from '../roles/role-label';

type Props = {
  users: User[];
  loading: boolean;
  /** Row actions, when the viewer may change users. */
  actions?: (u: User) => ReactNode;
  /** Fewer columns, e.g. beside the department tree. */
  compact?: boolean;
};

/** Users as a table that scrolls sideways on a phone; masked values are shown as the server sends them. */
export function UserTable({ users, loading, actions, compact = false }: Props) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const columns: ColumnsType<User> = [
    {
      title: t('users.name'),
      key: 'name',
      fixed: 'left',
      render: (_, u) => (
        <Flex vertical>
          <Typography.Text strong>{u.name}</Typography.Text>
          {u.title && <Typography.Text type="secondary">{u.title}</Typography.Text>}
        </Flex>
      ),
    },
    { title: t('users.department'), dataIndex: 'departmentName' },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (roles: string[]) => roles.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>),
    },
    { title: t('users.mobile'), dataIndex: 'mobile', render: (m: string | null) => m ?? '—' },
    ...(compact
      ? []
      : [
          { title: t('users.email'), dataIndex: 'email' },
          {
            title: t('users.lastLogin'),
            dataIndex: 'lastLoginAt',
            render: (ms: number | null) => (ms ? <Time ms={ms} relative /> : t('users.neverLoggedIn')),
          },
        ]),
    {
      title: t('users.status'),
      key: 'status',
      render: (_: unknown, u: User) => (
        <Flex gap={4} wrap>
          {u.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>}
          {/* Most people receive leads; the exception is what an admin looks for. */}
          {u.active && !u.leadEligible && <Tag data-testid="no-leads-tag">{t('users.noLeads')}</Tag>}
        </Flex>
      ),
    },
    ...(actions
      ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, u: User) => actions(u) }]
      : []),
  ];
  return (
    <Table<User>
      rowKey="id"
      columns={columns}
      dataSource={users}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      size={compact ? 'small' : 'middle'}
      data-testid="user-table"
    />
  );
}
