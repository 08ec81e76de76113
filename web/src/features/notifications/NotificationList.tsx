import { Badge, Button, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../app/api-types';
import { LoadMore, Time } from '../../components';
import { noticeText } from './notice-text';
import { useMarkAllRead, useNotifications } from './notifications.api';

type Props = { onOpen: (n: Notice) => void; showTitle: boolean };

export function NotificationList({ onOpen, showTitle }: Props) {
  const { t } = useTranslation();
  const list = useNotifications();
  const markAll = useMarkAllRead();
  const notices = list.data?.pages.flatMap((p) => p.data) ?? [];
  const unread = list.data?.pages[0]?.unreadCount ?? 0;
  return (
    <div data-testid="notification-list">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{showTitle && t('notifications.title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={!unread}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      {notices.length === 0 && !list.isPending && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      )}
      {notices.map((n) => (
        <button
          type="button"
          key={n.id}
          onClick={() => onOpen(n)}
          style={{
            display: 'flex',
            gap: 8,
            width: '100%',
            textAlign: 'start',
            padding: '10px 4px',
            border: 'none',
            borderBottom: '1px solid #f0f0f0',
            background: 'none',
            cursor: 'pointer',
          }}
        >
          <Badge status={n.readAt ? 'default' : 'processing'} />
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Typography.Text strong={!n.readAt} style={{ wordBreak: 'break-word' }}>
              {noticeText(n)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <Time ms={n.createdAt} relative />
            </Typography.Text>
          </Flex>
        </button>
      ))}
      {notices.length > 0 && <LoadMore loaded={notices.length} query={list} />}
    </div>
  );
}
