import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

// 客户等级 and 客户状态 as the server defines them (levels become configurable per org later).
export const customerLevels = ['A', 'B', 'C'] as const;
export const customerStatuses = ['prospect', 'customer', 'churned'] as const;
export type CustomerLevel = (typeof customerLevels)[number];
export type CustomerStatus = (typeof customerStatuses)[number];

const levelColor: Record<string, string> = { A: 'red', B: 'orange', C: 'default' };
const statusColor: Record<string, string> = { prospect: 'blue', customer: 'green', churned: 'default' };

export const isStatus = (s: string): s is CustomerStatus => customerStatuses.includes(s as CustomerStatus);

export function LevelTag({ level }: { level: string | null }) {
  const { t } = useTranslation();
  if (!level) return <span>—</span>;
  return (
    <Tag color={levelColor[level]} style={{ marginInlineEnd: 0 }}>
      {t('customers.levelValue', { level })}
    </Tag>
  );
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} style={{ marginInlineEnd: 0 }}>
      {isStatus(status) ? t(`customers.statuses.${status}`) : status}
    </Tag>
  );
}

/** 上海 · 浦东新区 — province and city as entered (data, not translated). */
export function regionText(region: { province: string | null; city: string | null }): string {
  const parts = [region.province, region.city].filter(Boolean);
  // A municipality is often entered as both province and city (上海 · 上海).
  return [...new Set(parts)].join(' · ') || '—';
}
