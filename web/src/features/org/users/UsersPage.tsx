import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { LoadError, LoadMore, PageHeader, SecretOnce } from '../../../components';
import { ImportButton } from '../../imports';
import { UserFilters } from './UserFilters';
import { UserFormDrawer } from './UserFormDrawer';
import { UserRowActions } from './UserRowActions';
import { UserTable } from './UserTable';
import { type UserFilters as Filters, useUserList } from './users.api';

type Editing = { userId?: string } | null;

/** 用户: search, filter, create, edit, deactivate and re-invite the org's users. */
export function UsersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [filters, setFilters] = useState<Filters>({});
  const [editing, setEditing] = useState<Editing>(null);
  const [invitation, setInvitation] = useState<string | null>(null);
  const list = useUserList(filters);
  const users = list.data?.pages.flatMap((p) => p.data) ?? [];
  const mayUpdate = can('user', 'update');

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Space wrap>
            {can('user', 'import') && <ImportButton object="user" />}
            {can('user', 'create') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing({})}
                data-testid="create-user"
              >
                {t('users.create')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <UserFilters value={filters} onChange={setFilters} />
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <UserTable
              users={users}
              loading={list.isPending}
              actions={
                mayUpdate
                  ? (u) => (
                      <UserRowActions
                        user={u}
                        onEdit={(x) => setEditing({ userId: x.id })}
                        onInvitation={setInvitation}
                      />
                    )
                  : undefined
              }
            />
            {!list.isPending && (
              <LoadMore loaded={users.length} query={list} total={list.data?.pages[0]?.totalCount} />
            )}
          </>
        )}
      </Card>
      <UserFormDrawer
        open={!!editing}
        userId={editing?.userId}
        defaultDepartmentId={filters.departmentId}
        onClose={() => setEditing(null)}
        onCreated={(url) => {
          setEditing(null);
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
