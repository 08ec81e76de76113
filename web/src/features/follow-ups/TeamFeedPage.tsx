import { Card, Empty, Flex, Segmented, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../app/auth';
import { LoadError, LoadMore, PageHeader, PageSpinner, useIsPhone } from '../../components';
import { OwnerSelect } from '../customers/OwnerSelect';
import { FollowUpItem } from './FollowUpItem';
import { type FeedFilters, type FollowUpObject, followUpMethods, useFeed } from './follow-ups.api';

type Period = 'week' | 'month' | 'all';
const day = 86_400_000;

/**
 * 跟进动态: what the team wrote down, newest first — the follow-ups of every lead, customer and deal the
 * user may read (a manager: their teams'), filtered by colleague, object, method and period, each open
 * to 点评.
 */
export function TeamFeedPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const phone = useIsPhone();
  const [authorId, setAuthorId] = useState<string>();
  const [object, setObject] = useState<FollowUpObject | 'all'>('all');
  const [method, setMethod] = useState<FeedFilters['method']>();
  const [period, setPeriod] = useState<Period>('month');
  // The period's start, fixed when chosen (a moving "now" would change the query key every render).
  const [since, setSince] = useState(() => Date.now() - 30 * day);
  const choosePeriod = (p: Period) => {
    setPeriod(p);
    setSince(Date.now() - (p === 'week' ? 7 : 30) * day);
  };
  const filters: FeedFilters = {
    ...(authorId && { authorId }),
    ...(object !== 'all' && { object }),
    ...(method && { method }),
    ...(period !== 'all' && { from: since }),
  };
  const feed = useFeed(filters);
  // Who wrote it matters to someone who sees more than their own records and may look colleagues up.
  const byAuthor = (me.isAdmin || me.permissions.customer?.scope !== 'own') && can('user', 'read');
  const items = feed.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <PageHeader title={t('followUpFeed.title')} subtitle={t('followUpFeed.subtitle')} />
      <Card styles={{ body: { padding: phone ? 12 : 16 } }}>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="feed-filters">
          {byAuthor && (
            <div style={{ width: phone ? '100%' : 220 }}>
              <OwnerSelect
                value={authorId}
                onChange={setAuthorId}
                placeholder={t('followUpFeed.anyAuthor')}
              />
            </div>
          )}
          <Segmented<FollowUpObject | 'all'>
            value={object}
            onChange={setObject}
            options={[
              { value: 'all', label: t('followUpFeed.anyObject') },
              ...(['lead', 'customer', 'opportunity'] as const).map((o) => ({
                value: o,
                label: t(`followUpFeed.objects.${o}`),
              })),
            ]}
            data-testid="feed-object"
          />
          <Select
            allowClear
            value={method}
            onChange={setMethod}
            placeholder={t('followUpFeed.anyMethod')}
            options={followUpMethods.map((m) => ({ value: m, label: t(`followUps.methods.${m}`) }))}
            style={{ width: phone ? 'calc(50% - 4px)' : 140 }}
            data-testid="feed-method"
          />
          <Select<Period>
            value={period}
            onChange={choosePeriod}
            options={(['week', 'month', 'all'] as const).map((p) => ({
              value: p,
              label: t(`followUpFeed.period.${p}`),
            }))}
            style={{ width: phone ? 'calc(50% - 4px)' : 140 }}
            data-testid="feed-period"
          />
        </Flex>
        {feed.isPending ? (
          <PageSpinner />
        ) : feed.isError ? (
          <LoadError error={feed.error} onRetry={() => void feed.refetch()} />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('followUpFeed.empty')} />
        ) : (
          <Flex vertical gap={12} data-testid="feed">
            {items.map((f) => (
              <div key={f.id} style={{ paddingBottom: 12, borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}>
                <FollowUpItem f={f} object={f.object as FollowUpObject} record={{ name: f.recordName }} />
              </div>
            ))}
            <LoadMore query={feed} loaded={items.length} />
          </Flex>
        )}
      </Card>
    </>
  );
}
