import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useIsPhone, useShowProblem } from '../../components';
import { useRuleConditions, useRuleWords } from './labels';
import { type PoolObject, type RecycleRule, useRuleMutations } from './pools.api';

/** `rules`: those of `object`'s pools. */
type Props = { object: PoolObject; rules: RecycleRule[]; loading: boolean; onEdit: (r: RecycleRule) => void };

/**
 * 回收规则: what each rule catches, where it sends them, the warning, on/off — and, for customers, the
 * levels and exemptions (a lead pool's rules have none: closed leads always stay).
 */
export function RuleTable({ object, rules, loading, onEdit }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const { update, remove } = useRuleMutations();
  const showProblem = useShowProblem();
  const conditions = useRuleConditions();
  const say = useRuleWords(object);
  const customer = object === 'customer';
  const mayEdit = can('pool', 'update');
  const c = (k: string) => t(`poolSettings.ruleColumns.${k}` as 'poolSettings.ruleColumns.name');

  const toggle = (rule: RecycleRule, enabled: boolean) =>
    update.mutate(
      { rule, changes: { enabled } },
      {
        onSuccess: () => void message.success(t(enabled ? 'poolSettings.ruleOn' : 'poolSettings.ruleOff')),
        onError: (e) => showProblem(e),
      },
    );
  const del = (rule: RecycleRule) =>
    remove.mutate(rule, {
      onSuccess: () => void message.success(t('poolSettings.ruleDeleted')),
      onError: (e) => showProblem(e),
    });

  const levels = (r: RecycleRule) =>
    r.levels.length ? (
      <Flex gap={4} wrap>
        {r.levels.map((l) => (
          <Tag key={l} style={{ marginInlineEnd: 0 }}>
            {t('customers.levelValue', { level: l })}
          </Tag>
        ))}
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t('poolSettings.allLevels')}</Typography.Text>
    );
  const exemptions = (r: RecycleRule) => {
    const tags = [
      r.exemptLocked && t('poolSettings.exemptLocked'),
      r.exemptWon && t('poolSettings.exemptWon'),
    ].filter((x): x is string => !!x);
    return tags.length ? (
      <Flex gap={4} wrap>
        {tags.map((x) => (
          <Tag key={x} color="green" style={{ marginInlineEnd: 0 }}>
            {x}
          </Tag>
        ))}
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t('poolSettings.noExemptions')}</Typography.Text>
    );
  };
  const enabled = (r: RecycleRule) => (
    <Switch
      size="small"
      checked={r.enabled}
      disabled={!mayEdit}
      loading={update.isPending && update.variables?.rule.id === r.id}
      onChange={(on) => toggle(r, on)}
      aria-label={c('enabled')}
      data-testid="rule-toggle"
    />
  );
  const actions = (r: RecycleRule) =>
    mayEdit && (
      <Flex gap={4}>
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(r)} data-testid="edit-rule">
          {t('common.edit')}
        </Button>
        <Popconfirm
          title={say('ruleDeleteConfirm', { name: r.name })}
          okButtonProps={{ danger: true }}
          onConfirm={() => del(r)}
        >
          <Button size="small" danger icon={<DeleteOutlined />} data-testid="delete-rule">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      </Flex>
    );
  const warn = (r: RecycleRule) =>
    r.warnDays > 0 ? t('poolSettings.warnBefore', { days: r.warnDays }) : t('poolSettings.noWarning');

  const columns: ColumnsType<RecycleRule> = phone
    ? [
        {
          key: 'rule',
          render: (_, r) => (
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8} align="center">
                <Typography.Text strong>{r.name}</Typography.Text>
                {enabled(r)}
              </Flex>
              <Typography.Text>
                {conditions(r)} → {r.poolName}
              </Typography.Text>
              {customer && (
                <Flex gap={6} wrap align="center">
                  {levels(r)}
                  {exemptions(r)}
                </Flex>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {warn(r)}
              </Typography.Text>
              {actions(r)}
            </Flex>
          ),
        },
      ]
    : [
        {
          title: c('name'),
          key: 'name',
          render: (_, r) => <Typography.Text strong>{r.name}</Typography.Text>,
        },
        { title: c('conditions'), key: 'conditions', render: (_, r) => conditions(r) },
        ...(customer
          ? [{ title: c('levels'), key: 'levels', render: (_: unknown, r: RecycleRule) => levels(r) }]
          : []),
        { title: c('pool'), key: 'pool', dataIndex: 'poolName' },
        { title: c('warn'), key: 'warn', render: (_, r) => warn(r) },
        ...(customer
          ? [{ title: c('exempt'), key: 'exempt', render: (_: unknown, r: RecycleRule) => exemptions(r) }]
          : []),
        { title: c('enabled'), key: 'enabled', render: (_, r) => enabled(r) },
        ...(mayEdit
          ? [{ title: c('actions'), key: 'actions', render: (_: unknown, r: RecycleRule) => actions(r) }]
          : []),
      ];

  return (
    <Table<RecycleRule>
      rowKey="id"
      columns={columns}
      dataSource={rules}
      loading={loading}
      pagination={false}
      size="small"
      showHeader={!phone}
      scroll={phone ? undefined : { x: 'max-content' }}
      locale={{ emptyText: say('noRules') }}
      data-testid="rule-table"
    />
  );
}
