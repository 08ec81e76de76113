import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Pool } from './pools.api';

/** 今日已领 2/10 · 名下 45/200 · 释放后 30 天内不能再领 — the user's own quota in a pool of customers or leads. */
export function PoolQuota({ pool }: { pool: Pool }) {
  const { t } = useTranslation();
  const q = pool.myQuota;
  const lead = pool.object === 'lead';
  const of = (used: number, limit: number | null) =>
    limit === null ? `${used} / ${t('poolsRep.unlimited')}` : `${used} / ${limit}`;
  return (
    <Flex gap={16} wrap data-testid="pool-quota">
      <Typography.Text>
        {t(lead ? 'leads.pool.quota.today' : 'poolsRep.quota.today')}{' '}
        <strong>{of(q.claimedToday, q.dailyClaimLimit)}</strong>
      </Typography.Text>
      <Typography.Text>
        {t(lead ? 'leads.pool.quota.owned' : 'poolsRep.quota.owned')}{' '}
        <strong>{of(q.owned, q.ownershipCap)}</strong>
      </Typography.Text>
      {q.reclaimCooldownDays > 0 && (
        <Typography.Text type="secondary">
          {t(lead ? 'leads.pool.quota.cooldown' : 'poolsRep.quota.cooldown', { days: q.reclaimCooldownDays })}
        </Typography.Text>
      )}
      {pool.description && <Typography.Text type="secondary">{pool.description}</Typography.Text>}
    </Flex>
  );
}
