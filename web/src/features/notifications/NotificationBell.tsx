import { BellOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Popover } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Notice } from '../../app/api-types';
import { meKey } from '../../app/auth';
import { useIsPhone } from '../../components';
import { NotificationList } from './NotificationList';
import { useMarkRead, useNotifications } from './notifications.api';

/** 通知中心: the bell with the unread count; a popover on desktop, a drawer on the phone. */
export function NotificationBell() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useNotifications();
  const markRead = useMarkRead();
  const unread = list.data?.pages[0]?.unreadCount ?? 0;

  const openNotice = (n: Notice) => {
    if (!n.readAt) markRead.mutate(n.id);
    // New roles change what the menus show: ask the server again who I am.
    if (n.kind === 'roles_changed') void queryClient.invalidateQueries({ queryKey: meKey });
    if (n.link) {
      setOpen(false);
      navigate(n.link);
    }
  };

  const bell = (
    <Button
      type="text"
      aria-label={t('header.notifications')}
      data-testid="notification-bell"
      onClick={phone ? () => setOpen(true) : undefined}
      icon={
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      }
    />
  );
  const content = <NotificationList onOpen={openNotice} showTitle={!phone} />;

  if (phone) {
    return (
      <>
        {bell}
        <Drawer open={open} onClose={() => setOpen(false)} size="100%" title={t('notifications.title')}>
          {content}
        </Drawer>
      </>
    );
  }
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      content={<div style={{ width: 360, maxHeight: 480, overflowY: 'auto' }}>{content}</div>}
    >
      {bell}
    </Popover>
  );
}
