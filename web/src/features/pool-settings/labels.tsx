import { ApartmentOutlined, UserOutlined } from '@ant-design/icons';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Pool, PoolObject, RecycleRule } from './pools.api';

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

// The keys of poolSettings.leadPools a lead pool's rule says, and the customer pool's words they stand for.
const ruleLeadWords = {
  noRules: 'noRules',
  ruleHelp: 'ruleHelp',
  ruleDeleteConfirm: 'ruleDeleteConfirm',
  ruleNamePlaceholder: 'ruleNamePlaceholder',
  poolId: 'ruleFields.poolId',
  notWonDays: 'ruleFields.notWonDays',
  noFollowUpDaysHint: 'noFollowUpDaysHint',
  notWonDaysHint: 'notWonDaysHint',
  triggerRequired: 'triggerRequired',
  notWonFor: 'notWonFor',
} as const;

/** A lead pool's rule speaks of leads (未转化) where a customer pool's speaks of customers (未成交). */
export function useRuleWords(object: PoolObject) {
  const { t } = useTranslation();
  return (k: keyof typeof ruleLeadWords, params: Record<string, unknown> = {}) =>
    t(object === 'lead' ? `poolSettings.leadPools.${k}` : `poolSettings.${ruleLeadWords[k]}`, params);
}

/** 未跟进 30 天 · 未成交 240 天 (未转化 for a lead pool's rule) — the triggers of a rule. */
export function useRuleConditions(): (r: RecycleRule) => string {
  const { t } = useTranslation();
  const customerWords = useRuleWords('customer');
  const leadWords = useRuleWords('lead');
  return (r) => {
    const say = r.object === 'lead' ? leadWords : customerWords;
    const text = [
      r.noFollowUpDays !== null && t('poolSettings.noFollowUpFor', { days: r.noFollowUpDays }),
      r.notWonDays !== null && say('notWonFor', { days: r.notWonDays }),
      r.noDealDays !== null && t('poolSettings.noDealFor', { days: r.noDealDays }),
    ]
      .filter(Boolean)
      .join(t('poolSettings.or'));
    // A sentence starts with a capital in English ("No follow-up for 30 days or no deal for 90 days").
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
}
