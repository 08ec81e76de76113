import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { LoadError, LoadMore, SecretOnce } from '../../../components';
import { UserFormDrawer } from '../users/UserFormDrawer';
import { UserTable } from '../users/UserTable';
import { useUserList } from '../users/users.api';
import type { DeptNode } from './tree';

/** The users of a department and its sub-departments; new users can be added right here. */
export function DepartmentMembers({ dept }: { dept: DeptNode }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const list = useUserList({ departmentId: dept.id }, can('user', 'read'));
  const [creating, setCreating] = useState(false);
  const [invitation, setInvitation] = useState<string | null>(null);
  const users = list.data?.pages.flatMap((p) => p.data) ?? [];
  if (!can('user', 'read')) return null;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ margin: '16px 0 8px' }}>
        <Typography.Text strong>{t('departments.membersOf', { name: dept.name })}</Typography.Text>
        {can('user', 'create') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="create-user"
          >
            {t('users.create')}
          </Button>
        )}
      </Flex>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <UserTable users={users} loading={list.isPending} compact />
          {!list.isPending && (
            <LoadMore loaded={users.length} query={list} total={list.data?.pages[0]?.totalCount} />
          )}
        </>
      )}
      <UserFormDrawer
        open={creating}
        defaultDepartmentId={dept.id}
        onClose={() => setCreating(false)}
        onCreated={(url) => {
          setCreating(false);
          setInvitation(url);
        }}
      />
      <SecretOnce
        open={!!invitation}
        title={t('users.invitationTitle')}
        hint={t('users.invitationHint')}
        value={invitation ?? ''}
        onClose={() => setInvitation(null)}
      />
    </>
  );
}
