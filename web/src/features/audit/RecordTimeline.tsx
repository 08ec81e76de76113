import { useInfiniteQuery } from '@tanstack/react-query';
import { Empty, Flex, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { AuditEntry } from '../../app/api-types';
import { translateDynamic } from '../../app/i18n';
import { unwrap } from '../../app/problem';
import { LoadError, LoadMore, PageSpinner, Time } from '../../components';
import { attachmentEventText } from '../attachments';
import type { FieldChange } from './field-changes';

type Props = {
  /** The record's object as the audit log names it (`customer`, `lead`). */
  object: string;
  id: string;
  /** The feature's query key, so its mutations refresh the timeline along with the record. */
  queryKey: readonly unknown[];
  /** The locale namespace holding `timeline.{empty,create,update,…,field}` for this object. */
  ns: string;
  /** The fields an entry set or changed, labelled, before → after. */
  changesOf: (e: AuditEntry) => FieldChange[];
};

/** 操作日志 of one record, newest first, 30 per page. */
function useRecordTimeline(object: string, id: string, queryKey: readonly unknown[]) {
  return useInfiniteQuery({
    queryKey: [...queryKey, 'timeline', id],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/timeline/{object}/{id}', {
          params: { path: { object, id }, query: { limit: 30, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** 操作日志: who did what and when to a record, with each changed field before → after. */
export function RecordTimeline({ object, id, queryKey, ns, changesOf }: Props) {
  const { t } = useTranslation();
  const log = useRecordTimeline(object, id, queryKey);
  const entries = log.data?.pages.flatMap((p) => p.data) ?? [];
  if (log.isPending) return <PageSpinner />;
  if (log.isError) return <LoadError error={log.error} onRetry={() => void log.refetch()} />;
  if (!entries.length) return <Empty description={translateDynamic(`${ns}.timeline.empty`, '')} />;
  return (
    <>
      <Timeline
        data-testid={`${object}-timeline`}
        items={entries.map((e) => ({
          key: e.id,
          content: (
            <Flex vertical gap={4} data-testid={`timeline-${e.action}`}>
              <Flex gap={8} wrap align="baseline">
                <Typography.Text strong>{e.actorName ?? t('common.system')}</Typography.Text>
                <Typography.Text style={{ wordBreak: 'break-word' }}>
                  {attachmentEventText(t, e) ??
                    // A child record's entry (a follow-up on a lead) may have its own words.
                    translateDynamic(
                      `${ns}.timeline.${e.object}.${e.action}`,
                      translateDynamic(
                        `${ns}.timeline.${e.action}`,
                        translateDynamic(`audit.actions.${e.action}`, e.action),
                      ),
                    )}
                </Typography.Text>
                <Typography.Text type="secondary">
                  <Time ms={e.at} relative />
                </Typography.Text>
              </Flex>
              {changesOf(e).map((c) => (
                <Typography.Text key={c.field} style={{ wordBreak: 'break-word' }}>
                  <Typography.Text type="secondary">
                    {translateDynamic(`${ns}.timeline.field`, `${c.label}: `, { field: c.label })}
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
