import { ApartmentOutlined, UserOutlined } from '@ant-design/icons';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Pool, RecycleRule } from './pools.api';

/** 不限 for no limit, else the number. */
export function LimitText({ value }: { value: number | null }) {
  const { t } = useTranslation();
  return value === null ? (
    <Typography.Text type="secondary">{t('poolSettings.unlimited')}</Typography.Text>
  ) : (
    <span>{value}</span>
  );
}

const shown = 3;

/** The pool's members as tags (departments, then users; admins marked), the rest counted. */
export function MembersSummary({ members }: { members: Pool['members'] }) {
  const { t } = useTranslation();
  if (!members.length)
    return <Typography.Text type="secondary">{t('poolSettings.noMembers')}</Typography.Text>;
  const tag = (m: Pool['members'][number]) => (
    <Tag
      key={`${m.type}:${m.id}`}
      icon={m.type === 'department' ? <ApartmentOutlined /> : <UserOutlined />}
      color={m.role === 'admin' ? 'gold' : undefined}
      style={{ marginInlineEnd: 0 }}
    >
      {m.name}
      {m.role === 'admin' && ` · ${t('poolSettings.memberRoles.admin')}`}
    </Tag>
  );
  const rest = members.slice(shown);
  return (
    <Flex gap={4} wrap>
      {members.slice(0, shown).map(tag)}
      {rest.length > 0 && (
        <Tooltip
          title={
            <Flex gap={4} wrap>
              {rest.map(tag)}
            </Flex>
          }
        >
          <Tag style={{ marginInlineEnd: 0 }}>{t('poolSettings.moreMembers', { n: rest.length })}</Tag>
        </Tooltip>
      )}
    </Flex>
  );
}

/** 未跟进 30 天 · 未成交 240 天 — the triggers of a rule. */
export function useRuleConditions(): (r: RecycleRule) => string {
  const { t } = useTranslation();
  return (r) => {
    const text = [
      r.noFollowUpDays !== null && t('poolSettings.noFollowUpFor', { days: r.noFollowUpDays }),
      r.notWonDays !== null && t('poolSettings.notWonFor', { days: r.notWonDays }),
    ]
      .filter(Boolean)
      .join(t('poolSettings.or'));
    // A sentence starts with a capital in English ("No follow-up for 30 days or no deal for 90 days").
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
}
