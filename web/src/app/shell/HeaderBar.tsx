import { MenuOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../components';
import { DuplicateCheckButton } from '../../features/customers';
import { NotificationBell } from '../../features/notifications';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';

type Props = { showMenuButton: boolean; onOpenMenu: () => void };

export function HeaderBar({ showMenuButton, onOpenMenu }: Props) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  return (
    <Flex align="center" justify="space-between" gap={8} style={{ height: '100%', width: '100%' }}>
      <Flex align="center" gap={8} style={{ minWidth: 0 }}>
        {showMenuButton && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            onClick={onOpenMenu}
            aria-label={t('header.openMenu')}
            data-testid="open-menu"
          />
        )}
        {showMenuButton && <Brand compact={phone} />}
      </Flex>
      <Flex align="center" gap={phone ? 0 : 4}>
        <DuplicateCheckButton />
        <LanguageSwitch signedIn showLabel={!phone} />
        <NotificationBell />
        <UserMenu showName={!phone} />
      </Flex>
    </Flex>
  );
}
