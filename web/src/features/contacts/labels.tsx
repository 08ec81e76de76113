import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

// 角色 of a contact in the customer's buying decision: 决策人 · 影响人 · 使用人 · 其他.
export const contactRoles = ['decision_maker', 'influencer', 'user', 'other'] as const;
export type ContactRole = (typeof contactRoles)[number];

const roleColor: Record<string, string> = {
  decision_maker: 'red',
  influencer: 'orange',
  user: 'blue',
  other: 'default',
};

export const isRole = (s: string): s is ContactRole => contactRoles.includes(s as ContactRole);

export function RoleTag({ role }: { role: string | null }) {
  const { t } = useTranslation();
  if (!role) return <span>—</span>;
  return (
    <Tag color={roleColor[role]} style={{ marginInlineEnd: 0 }}>
      {isRole(role) ? t(`contacts.roles.${role}`) : role}
    </Tag>
  );
}
