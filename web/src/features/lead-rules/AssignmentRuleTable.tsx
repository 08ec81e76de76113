import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useIsPhone, useShowProblem } from '../../components';
import { LimitText } from '../pool-settings';
import { useConditionWords } from './labels';
import { type AssignmentRule, useAssignmentRuleMutations } from './lead-rules.api';
import { OrderButtons } from './OrderButtons';
import { TargetText } from './TargetText';

type Props = { rules: AssignmentRule[]; loading: boolean; onEdit: (r: AssignmentRule) => void };

/** 分配规则 in their order: when, to whom, how, how many a day, on/off; admins move, edit and delete. */
export function AssignmentRuleTable({ rules, loading, onEdit }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const { update, remove } = useAssignmentRuleMutations();
  const showProblem = useShowProblem();
  const words = useConditionWords();
  const mayEdit = can('lead_rule', 'update');
  const mayDelete = can('lead_rule', 'delete');
  const c = (k: string) => t(`leadRules.columns.${k}` as 'leadRules.columns.name');

  const change = (rule: AssignmentRule, changes: { active?: boolean; position?: number }, done?: string) =>
    update.mutate(
      { rule, changes },
      {
        onSuccess: () => done && void message.success(done),
        onError: (e) => showProblem(e),
      },
    );
  const del = (rule: AssignmentRule) =>
    remove.mutate(rule, {
      onSuccess: () => void message.success(t('leadRules.assignment.deleted')),
      onError: (e) => showProblem(e),
    });

  const order = (i: number) => (
    <OrderButtons
      position={i + 1}
      count={rules.length}
      disabled={update.isPending}
      onMove={(position) => change(rules[i]!, { position })}
    />
  );
  const active = (r: AssignmentRule) => (
    <Switch
      size="small"
      checked={r.active}
      disabled={!mayEdit}
      loading={update.isPending && update.variables?.rule.id === r.id}
      onChange={(on) => change(r, { active: on }, t(on ? 'leadRules.ruleOn' : 'leadRules.ruleOff'))}
      aria-label={c('active')}
      data-testid="assignment-rule-toggle"
    />
  );
  // A pool takes the lead as it is: no method, no cap.
  const method = (r: AssignmentRule) =>
    r.targetType === 'pool' ? '—' : t(`leadRules.assignment.methods.${r.method}`);
  const cap = (r: AssignmentRule) =>
    r.targetType === 'pool' ? (
      '—'
    ) : r.dailyCap === null ? (
      <LimitText value={null} />
    ) : (
      t('leadRules.assignment.perDay', { n: r.dailyCap })
    );
  const expiry = (r: AssignmentRule) =>
    r.targetType === 'pool' ? '—' : t(`leadRules.assignment.expiry.${r.onExpiry}`);
  const actions = (r: AssignmentRule) => (
    <Flex gap={4}>
      {mayEdit && (
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => onEdit(r)}
          data-testid="edit-assignment-rule"
        >
          {t('common.edit')}
        </Button>
      )}
      {mayDelete && (
        <Popconfirm
          title={t('leadRules.assignment.deleteConfirm', { name: r.name })}
          okButtonProps={{ danger: true }}
          onConfirm={() => del(r)}
        >
          <Button size="small" danger icon={<DeleteOutlined />} data-testid="delete-assignment-rule">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
    </Flex>
  );

  const columns: ColumnsType<AssignmentRule> = phone
    ? [
        {
          key: 'rule',
          render: (_, r, i) => (
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8} align="center">
                <Typography.Text strong>{r.name}</Typography.Text>
                {active(r)}
              </Flex>
              <Typography.Text>{words.all(r.conditions)}</Typography.Text>
              <Flex gap={6} align="center" wrap>
                <Typography.Text type="secondary">→</Typography.Text>
                <TargetText rule={r} />
              </Flex>
              {r.targetType !== 'pool' && (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {method(r)} · {c('dailyCap')} {cap(r)} · {c('onExpiry')} {expiry(r)}
                </Typography.Text>
              )}
              {(mayEdit || mayDelete) && (
                <Flex justify="space-between" gap={8}>
                  {mayEdit && order(i)}
                  {actions(r)}
                </Flex>
              )}
            </Flex>
          ),
        },
      ]
    : [
        ...(mayEdit
          ? [
              {
                title: c('order'),
                key: 'order',
                width: 90,
                render: (_: unknown, __: AssignmentRule, i: number) => order(i),
              },
            ]
          : []),
        {
          title: c('name'),
          key: 'name',
          render: (_, r) => <Typography.Text strong>{r.name}</Typography.Text>,
        },
        { title: c('conditions'), key: 'conditions', render: (_, r) => words.all(r.conditions) },
        { title: c('target'), key: 'target', render: (_, r) => <TargetText rule={r} /> },
        { title: c('method'), key: 'method', render: (_, r) => method(r) },
        { title: c('dailyCap'), key: 'cap', render: (_, r) => cap(r) },
        { title: c('onExpiry'), key: 'expiry', render: (_, r) => expiry(r) },
        { title: c('active'), key: 'active', render: (_, r) => active(r) },
        ...(mayEdit || mayDelete
          ? [{ title: c('actions'), key: 'actions', render: (_: unknown, r: AssignmentRule) => actions(r) }]
          : []),
      ];

  return (
    <Table<AssignmentRule>
      rowKey="id"
      columns={columns}
      dataSource={rules}
      loading={loading}
      pagination={false}
      size="small"
      showHeader={!phone}
      scroll={phone ? undefined : { x: 900 }}
      locale={{ emptyText: t('leadRules.assignment.empty') }}
      data-testid="assignment-rule-table"
    />
  );
}
