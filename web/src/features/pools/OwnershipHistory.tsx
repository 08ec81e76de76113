import { Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError, Time } from '../../components';
import { type OwnershipEntry, type PoolObject, useOwnershipHistory } from './pools.api';

/** The words of one line: a lead's own (assigned by the rules, 线索池), else a customer's (公海). */
function sentenceKey(object: PoolObject, e: OwnershipEntry): string {
  if (object === 'customer') return `poolsRep.history.kinds.${e.kind}`;
  // Into a pool instead of to someone, or to someone out of a pool.
  const variant =
    (e.kind === 'assign' || e.kind === 'handover') && !e.to
      ? 'Pool'
      : e.kind === 'transfer' && !e.from
        ? 'FromPool'
        : '';
  return `leads.history.kinds.${e.kind}${variant}`;
}

/** 归属记录: who held the customer or lead, when it went to a pool or a colleague, by whom, and why. */
export function OwnershipHistory({ object = 'customer', id }: { object?: PoolObject; id: string }) {
  const { t } = useTranslation();
  const history = useOwnershipHistory(object, id);
  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} />;
  const rows = history.data?.data ?? [];
  const lead = object === 'lead';
  if (!history.isPending && !rows.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('poolsRep.history.none')} />;
  const sentence = (e: OwnershipEntry) =>
    t(sentenceKey(object, e) as 'poolsRep.history.kinds.claim', {
      from: e.from?.name ?? '—',
      to: e.to?.name ?? '—',
      pool: e.pool?.name ?? t(lead ? 'leads.assignment.somePool' : 'poolsRep.pool'),
      actor: e.actorName ?? t('poolsRep.history.system'),
    });
  // A lead's first follow-up missed: the system's code for it, in words.
  const reason = (r: string) => (lead && r === 'sla_expired' ? t('leads.history.slaExpired') : r);
  return (
    <Timeline
      data-testid="ownership-history"
      items={rows.map((e, i) => ({
        key: `${e.at}-${i}`,
        children: (
          <>
            <div style={{ wordBreak: 'break-word' }}>{sentence(e)}</div>
            {e.reason && (
              <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
                {t('poolsRep.history.reason', { reason: reason(e.reason) })}
              </Typography.Text>
            )}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <Time ms={e.at} />
              </Typography.Text>
            </div>
          </>
        ),
      }))}
    />
  );
}
