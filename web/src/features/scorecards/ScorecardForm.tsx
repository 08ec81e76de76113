import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, InputNumber, Popconfirm, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useShowProblem } from '../../components';
import { DepartmentSelect } from '../org/departments/DepartmentSelect';
import { useRoleOptions } from '../org/roles/role-options';
import type { MetricDefinition } from '../performance/metrics.api';
import { fromTyped, toTyped } from './rules';
import { type Scorecard, type ScorecardBody, useScorecardMutations } from './scorecards.api';

const groups = ['result', 'process', 'customer'] as const;
type Group = (typeof groups)[number];

/** As the form holds an item: one rule's fields side by side, thresholds as typed (元, %). */
type FormItem = {
  metric: string;
  group: Group;
  weight: number;
  type: 'target' | 'linear' | 'rank';
  cap?: number;
  zero?: number;
  full?: number;
  better?: 'higher' | 'lower';
};
type Values = Omit<ScorecardBody, 'items'> & { items: FormItem[] };

/** Where a server's field error shows: an item's field, a group's weight, or (sums) the message. */
function fieldOfPath(path: string): (string | number)[] | null {
  const [, first, index, field, sub] = path.split('.');
  if (first === 'items')
    return index === undefined
      ? []
      : ['items', Number(index), field === 'rule' ? (sub ?? 'type') : (field ?? 'metric')];
  if (first === 'weights') return index ? ['weights', index] : [];
  return null;
}

/** A new 考核方案 starts as the article's: results 60, process 30, customers 10. */
const starter = (departmentId: string | undefined): Values => ({
  name: '',
  subject: 'rep',
  granularity: 'month',
  departmentId: departmentId ?? '',
  roleKeys: ['sales_rep'],
  weights: { result: 60, process: 30, customer: 10 },
  items: [
    { metric: 'won_amount', group: 'result', weight: 70, type: 'target', cap: 120 },
    { metric: 'win_rate', group: 'result', weight: 30, type: 'linear', zero: 20, full: 60 },
    { metric: 'follow_ups', group: 'process', weight: 100, type: 'rank', better: 'higher' },
    { metric: 'new_customers', group: 'customer', weight: 100, type: 'rank', better: 'higher' },
  ],
});

type Props = {
  editing: Scorecard | null;
  /** Metrics that can be scored per period (no snapshots). */
  metrics: MetricDefinition[];
  topDepartmentId?: string;
  onClose: (saved?: Scorecard) => void;
};

/** 考核方案 editor: who is scored, per which period, the group weights and each metric's rule. */
export function ScorecardForm({ editing, metrics, topDepartmentId, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const [form] = Form.useForm<Values>();
  const { create, update, remove } = useScorecardMutations();
  const unitOf = (id: string) => metrics.find((m) => m.id === id)?.unit ?? 'count';
  const initial: Values = editing
    ? {
        ...editing,
        items: editing.items.map((i) => ({
          metric: i.metric,
          group: i.group,
          weight: i.weight,
          type: i.rule.type,
          ...(i.rule.type === 'target' && { cap: i.rule.cap }),
          ...(i.rule.type === 'linear' && {
            zero: toTyped(i.rule.zero, unitOf(i.metric)),
            full: toTyped(i.rule.full, unitOf(i.metric)),
          }),
          ...(i.rule.type === 'rank' && { better: i.rule.better }),
        })),
      }
    : starter(topDepartmentId);
  const weights = Form.useWatch('weights', form) ?? initial.weights;
  const subject = Form.useWatch('subject', form) ?? initial.subject;
  const roleOptions = useRoleOptions();
  const items = (Form.useWatch('items', form) ?? initial.items) as FormItem[];
  const weightSum = groups.reduce((a, g) => a + (weights[g] ?? 0), 0);

  const submit = (v: Values) => {
    const body: ScorecardBody = {
      ...v,
      roleKeys: v.subject === 'rep' ? (v.roleKeys ?? []) : [],
      items: v.items.map((i) => ({
        metric: i.metric,
        group: i.group,
        weight: i.weight,
        rule:
          i.type === 'target'
            ? { type: 'target', cap: i.cap ?? 120 }
            : i.type === 'rank'
              ? { type: 'rank', better: i.better ?? 'higher' }
              : {
                  type: 'linear',
                  zero: fromTyped(i.zero ?? 0, unitOf(i.metric)),
                  full: fromTyped(i.full ?? 0, unitOf(i.metric)),
                },
      })),
    };
    const done = (saved: Scorecard) => {
      void message.success(t('scorecards.form.saved'));
      onClose(saved);
    };
    const fail = (e: unknown) => showProblem(e, { form, onConflict: () => onClose(), fieldOf: fieldOfPath });
    if (editing)
      update.mutate({ id: editing.id, version: editing.version, body }, { onSuccess: done, onError: fail });
    else create.mutate(body, { onSuccess: done, onError: fail });
  };

  return (
    <FormDrawer
      open
      onClose={() => onClose()}
      title={editing ? t('scorecards.form.editTitle', { name: editing.name }) : t('scorecards.form.newTitle')}
      width={720}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="scorecard-save"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        data-testid="scorecard-form"
      >
        <Form.Item name="name" label={t('scorecards.form.name')} rules={[{ required: true, max: 60 }]}>
          <Input placeholder={t('scorecards.form.namePlaceholder')} data-testid="scorecard-name" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="subject" label={t('scorecards.form.subject')}>
            <Radio.Group>
              <Radio value="rep">{t('scorecards.subject.rep')}</Radio>
              <Radio value="team">{t('scorecards.subject.team')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="granularity" label={t('scorecards.form.granularity')}>
            <Radio.Group>
              {(['month', 'quarter', 'year'] as const).map((g) => (
                <Radio key={g} value={g}>
                  {t(`scorecards.granularity.${g}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        </Flex>
        <Form.Item
          name="departmentId"
          label={t('scorecards.form.department')}
          extra={t('scorecards.form.departmentHint')}
          rules={[{ required: true }]}
        >
          <DepartmentSelect />
        </Form.Item>
        {subject === 'rep' && (
          <Form.Item
            name="roleKeys"
            label={t('scorecards.form.roles')}
            extra={t('scorecards.form.rolesHint')}
          >
            <Select
              mode="multiple"
              options={roleOptions}
              placeholder={t('scorecards.form.rolesAll')}
              data-testid="scorecard-roles"
            />
          </Form.Item>
        )}
        <Typography.Text strong>{t('scorecards.form.weights')}</Typography.Text>
        <Flex gap={12} wrap align="end" style={{ marginTop: 8 }}>
          {groups.map((g) => (
            <Form.Item
              key={g}
              name={['weights', g]}
              label={t(`scorecards.groups.${g}`)}
              style={{ marginBottom: 8 }}
            >
              <InputNumber
                min={0}
                max={100}
                precision={0}
                addonAfter="%"
                style={{ width: 120 }}
                data-testid={`weight-${g}`}
              />
            </Form.Item>
          ))}
          <Typography.Text
            type={weightSum === 100 ? 'secondary' : 'danger'}
            style={{ marginBottom: 14 }}
            data-testid="weight-sum"
          >
            {t('scorecards.form.sum', { sum: weightSum })}
          </Typography.Text>
        </Flex>
        <Typography.Text strong>{t('scorecards.form.items')}</Typography.Text>
        <Form.List name="items">
          {(fields, { add, remove: drop }) => (
            <Flex vertical gap={8} style={{ marginTop: 8 }}>
              {fields.map((f) => {
                const item = items[f.name];
                const unit = item ? unitOf(item.metric) : 'count';
                const suffix = unit === 'money' ? '元' : unit === 'ratio' ? '%' : undefined;
                return (
                  <Flex
                    key={f.key}
                    vertical
                    gap={8}
                    data-testid="scorecard-item"
                    style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 8 }}
                  >
                    <Flex gap={8} align="start">
                      <Form.Item
                        name={[f.name, 'metric']}
                        rules={[{ required: true }]}
                        style={{ marginBottom: 0, flex: 1, minWidth: 0 }}
                      >
                        <Select
                          options={metrics.map((m) => ({ value: m.id, label: m.name }))}
                          showSearch={{ optionFilterProp: 'label' }}
                          aria-label={t('scorecards.columns.metric')}
                        />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        onClick={() => drop(f.name)}
                        aria-label={t('scorecards.form.removeItem')}
                      />
                    </Flex>
                    <Flex gap={8} wrap align="start">
                      <Form.Item name={[f.name, 'group']} style={{ marginBottom: 0, width: 90 }}>
                        <Select
                          options={groups.map((g) => ({ value: g, label: t(`scorecards.groups.${g}`) }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'weight']}
                        rules={[{ required: true }]}
                        style={{ marginBottom: 0, width: 104 }}
                      >
                        <InputNumber
                          min={1}
                          max={100}
                          precision={0}
                          addonAfter="%"
                          aria-label={t('scorecards.form.itemWeight')}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'type']} style={{ marginBottom: 0, width: 140 }}>
                        <Select
                          options={(['target', 'linear', 'rank'] as const).map((r) => ({
                            value: r,
                            label: t(`scorecards.rule.${r}`),
                            disabled:
                              r === 'target' && !metrics.find((m) => m.id === item?.metric)?.targetable,
                          }))}
                        />
                      </Form.Item>
                      {item?.type === 'target' && (
                        <Form.Item name={[f.name, 'cap']} style={{ marginBottom: 0, width: 150 }}>
                          <InputNumber min={100} max={200} addonBefore={t('scorecards.rule.cap')} />
                        </Form.Item>
                      )}
                      {item?.type === 'linear' && (
                        <>
                          <Form.Item
                            name={[f.name, 'zero']}
                            rules={[{ required: true }]}
                            style={{ marginBottom: 0, width: 150 }}
                          >
                            <InputNumber addonBefore={t('scorecards.rule.zero')} addonAfter={suffix} />
                          </Form.Item>
                          <Form.Item
                            name={[f.name, 'full']}
                            rules={[{ required: true }]}
                            style={{ marginBottom: 0, width: 150 }}
                          >
                            <InputNumber addonBefore={t('scorecards.rule.full')} addonAfter={suffix} />
                          </Form.Item>
                        </>
                      )}
                      {item?.type === 'rank' && (
                        <Form.Item name={[f.name, 'better']} style={{ marginBottom: 0, width: 130 }}>
                          <Select
                            options={(['higher', 'lower'] as const).map((b) => ({
                              value: b,
                              label: t(`scorecards.rule.better.${b}`),
                            }))}
                          />
                        </Form.Item>
                      )}
                    </Flex>
                  </Flex>
                );
              })}
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    metric: metrics[0]?.id,
                    group: 'process',
                    weight: 100,
                    type: 'rank',
                    better: 'higher',
                  })
                }
                style={{ alignSelf: 'flex-start' }}
                data-testid="scorecard-add-item"
              >
                {t('scorecards.form.addItem')}
              </Button>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('scorecards.form.itemsHint')}
              </Typography.Text>
            </Flex>
          )}
        </Form.List>
        {editing && (
          <Popconfirm
            title={t('scorecards.form.deleteConfirm')}
            onConfirm={() =>
              remove.mutate(editing, {
                onSuccess: () => onClose(),
                onError: (e) => showProblem(e, { onConflict: () => onClose() }),
              })
            }
          >
            <Button danger style={{ marginTop: 24 }} data-testid="scorecard-delete">
              {t('scorecards.form.delete')}
            </Button>
          </Popconfirm>
        )}
      </Form>
    </FormDrawer>
  );
}
