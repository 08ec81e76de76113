import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AccountModal } from '../../features/account';
import { useAuth, useMe } from '../auth';

export function UserMenu({ showName }: { showName: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [accountOpen, setAccountOpen] = useState(false);
  const logout = async () => {
    await signOut();
    navigate('/login', { replace: true });
  };
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'account', icon: <UserOutlined />, label: t('header.myAccount') },
            { key: 'api-keys', icon: <KeyOutlined />, label: t('nav.apiKeys') },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
          ],
          onClick: ({ key }) => {
            if (key === 'account') setAccountOpen(true);
            if (key === 'api-keys') navigate('/account/api-keys');
            if (key === 'logout') void logout();
          },
        }}
      >
        <Button type="text" data-testid="user-menu" style={{ paddingInline: 4 }}>
          <Avatar size="small" style={{ backgroundColor: '#1f5fd6' }}>
            {me.name.slice(0, 1)}
          </Avatar>
          {showName && me.name}
        </Button>
      </Dropdown>
      {accountOpen && (
        <Suspense fallback={null}>
          <AccountModal open onClose={() => setAccountOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
