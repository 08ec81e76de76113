import { Empty, Flex, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../app/api-types';
import { translateDynamic } from '../../app/i18n';
import { LoadError, LoadMore, PageSpinner, Time } from '../../components';
import { attachmentEventText } from '../attachments';
import { useCustomerTimeline } from './customers.api';
import { changesOf } from './timeline';

/** 操作日志: who did what and when to this customer, with each changed field before → after. */
export function CustomerTimeline({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const log = useCustomerTimeline(customer.id);
  const entries = log.data?.pages.flatMap((p) => p.data) ?? [];
  if (log.isPending) return <PageSpinner />;
  if (log.isError) return <LoadError error={log.error} onRetry={() => void log.refetch()} />;
  if (!entries.length) return <Empty description={t('customers.timeline.empty')} />;
  return (
    <>
      <Timeline
        data-testid="customer-timeline"
        items={entries.map((e) => ({
          key: e.id,
          content: (
            <Flex vertical gap={4} data-testid={`timeline-${e.action}`}>
              <Flex gap={8} wrap align="baseline">
                <Typography.Text strong>{e.actorName ?? t('common.system')}</Typography.Text>
                <Typography.Text style={{ wordBreak: 'break-word' }}>
                  {attachmentEventText(t, e) ??
                    translateDynamic(
                      `customers.timeline.${e.action}`,
                      translateDynamic(`audit.actions.${e.action}`, e.action),
                    )}
                </Typography.Text>
                <Typography.Text type="secondary">
                  <Time ms={e.at} relative />
                </Typography.Text>
              </Flex>
              {changesOf(t, e, customer).map((c) => (
                <Typography.Text key={c.field} style={{ wordBreak: 'break-word' }}>
                  <Typography.Text type="secondary">
                    {t('customers.timeline.field', { field: c.label })}
                  </Typography.Text>
                  {e.action === 'create' ? (
                    c.after
                  ) : (
                    <>
                      <Typography.Text delete={c.before !== '—'}>{c.before}</Typography.Text> →{' '}
                      <Typography.Text type="success">{c.after}</Typography.Text>
                    </>
                  )}
                </Typography.Text>
              ))}
            </Flex>
          ),
        }))}
      />
      <LoadMore loaded={entries.length} query={log} />
    </>
  );
}
