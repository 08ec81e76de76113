import { Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError, Time } from '../../components';
import { type OwnershipEntry, useOwnershipHistory } from './pools.api';

/** 归属记录: who held the customer, when it went to a pool or a colleague, and why. */
export function OwnershipHistory({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const history = useOwnershipHistory(customerId);
  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} />;
  const rows = history.data?.data ?? [];
  if (!history.isPending && !rows.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('poolsRep.history.none')} />;
  const sentence = (e: OwnershipEntry) =>
    t(`poolsRep.history.kinds.${e.kind}` as 'poolsRep.history.kinds.claim', {
      from: e.from?.name ?? '—',
      to: e.to?.name ?? '—',
      pool: e.pool?.name ?? t('poolsRep.pool'),
      actor: e.actorName ?? t('poolsRep.history.system'),
    });
  return (
    <Timeline
      data-testid="ownership-history"
      items={rows.map((e, i) => ({
        key: `${e.at}-${i}`,
        children: (
          <>
            <div>{sentence(e)}</div>
            {e.reason && (
              <Typography.Text type="secondary">
                {t('poolsRep.history.reason', { reason: e.reason })}
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
