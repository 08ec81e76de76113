import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useIsPhone, useShowProblem } from '../../components';
import { useConditionWords } from './labels';
import { type ScoreRule, useScoreRuleMutations } from './lead-rules.api';
import { OrderButtons } from './OrderButtons';

type Props = { rules: ScoreRule[]; loading: boolean; onEdit: (r: ScoreRule) => void };

/** +25 in green, -10 in red: what a rule adds to the score when its condition holds. */
export function Points({ points }: { points: number }) {
  return (
    <Tag
      color={points >= 0 ? 'green' : 'red'}
      style={{ marginInlineEnd: 0, fontVariantNumeric: 'tabular-nums' }}
    >
      {points > 0 ? `+${points}` : points}
    </Tag>
  );
}

/** 评分规则 in their order: the condition in words, the points, on/off; admins move, edit and delete. */
export function ScoreRuleTable({ rules, loading, onEdit }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const { update, remove } = useScoreRuleMutations();
  const showProblem = useShowProblem();
  const words = useConditionWords();
  const mayEdit = can('lead_rule', 'update');
  const mayDelete = can('lead_rule', 'delete');
  const c = (k: string) => t(`leadRules.columns.${k}` as 'leadRules.columns.label');

  const change = (rule: ScoreRule, changes: { active?: boolean; position?: number }, done?: string) =>
    update.mutate(
      { rule, changes },
      {
        onSuccess: () => done && void message.success(done),
        onError: (e) => showProblem(e),
      },
    );
  const del = (rule: ScoreRule) =>
    remove.mutate(rule, {
      onSuccess: () => void message.success(t('leadRules.score.deleted')),
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
  const active = (r: ScoreRule) => (
    <Switch
      size="small"
      checked={r.active}
      disabled={!mayEdit}
      loading={update.isPending && update.variables?.rule.id === r.id}
      onChange={(on) => change(r, { active: on }, t(on ? 'leadRules.ruleOn' : 'leadRules.ruleOff'))}
      aria-label={c('active')}
      data-testid="score-rule-toggle"
    />
  );
  const condition = (r: ScoreRule) => <Typography.Text>{words.one(r)}</Typography.Text>;
  const actions = (r: ScoreRule) => (
    <Flex gap={4}>
      {mayEdit && (
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(r)} data-testid="edit-score-rule">
          {t('common.edit')}
        </Button>
      )}
      {mayDelete && (
        <Popconfirm
          title={t('leadRules.score.deleteConfirm', { label: r.label })}
          okButtonProps={{ danger: true }}
          onConfirm={() => del(r)}
        >
          <Button size="small" danger icon={<DeleteOutlined />} data-testid="delete-score-rule">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
    </Flex>
  );

  const columns: ColumnsType<ScoreRule> = phone
    ? [
        {
          key: 'rule',
          render: (_, r, i) => (
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8} align="center">
                <Typography.Text strong>{r.label}</Typography.Text>
                <Flex gap={8} align="center">
                  <Points points={r.points} />
                  {active(r)}
                </Flex>
              </Flex>
              {condition(r)}
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
                render: (_: unknown, __: ScoreRule, i: number) => order(i),
              },
            ]
          : []),
        {
          title: c('label'),
          key: 'label',
          render: (_, r) => <Typography.Text strong>{r.label}</Typography.Text>,
        },
        { title: c('condition'), key: 'condition', render: (_, r) => condition(r) },
        { title: c('points'), key: 'points', align: 'right', render: (_, r) => <Points points={r.points} /> },
        { title: c('active'), key: 'active', render: (_, r) => active(r) },
        ...(mayEdit || mayDelete
          ? [{ title: c('actions'), key: 'actions', render: (_: unknown, r: ScoreRule) => actions(r) }]
          : []),
      ];

  return (
    <Table<ScoreRule>
      rowKey="id"
      columns={columns}
      dataSource={rules}
      loading={loading}
      pagination={false}
      size="small"
      showHeader={!phone}
      scroll={phone ? undefined : { x: 720 }}
      locale={{ emptyText: t('leadRules.score.empty') }}
      data-testid="score-rule-table"
    />
  );
}
