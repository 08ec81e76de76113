import { Alert, App, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useShowProblem } from '../../components';
import { customerLevels } from '../customers/labels';
import { blankRule, type RuleValues, ruleBodyOf, ruleValuesOf } from './form-values';
import { useRuleWords } from './labels';
import { type Pool, type PoolObject, type RecycleRule, useRuleMutations } from './pools.api';

/** `pools`: the pools of `object` the rule may send records back to. */
type Props = { object: PoolObject; rule?: RecycleRule; pools: Pool[]; onClose: () => void };

/**
 * 新建/编辑回收规则: which customers (or leads) go back to which pool, after how many days, and — for
 * customers — which levels and who is exempt.
 */
export function RuleFormDrawer({ object, rule, pools, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleValues>();
  const { create, update } = useRuleMutations();
  const showProblem = useShowProblem();
  const f = (k: string) => t(`poolSettings.ruleFields.${k}` as 'poolSettings.ruleFields.name');
  const say = useRuleWords(object);
  const customer = object === 'customer';
  const defaultPool = pools.find((p) => p.isDefault)?.id;

  // After a version conflict the list reloads: show the stored rule (initialValues apply only once).
  const shownVersion = useRef(rule?.version);
  useEffect(() => {
    if (!rule || rule.version === shownVersion.current) return;
    shownVersion.current = rule.version;
    form.setFieldsValue(ruleValuesOf(rule));
  }, [rule, form]);

  const save = async (v: RuleValues) => {
    try {
      if (rule) {
        await update.mutateAsync({ rule, changes: ruleBodyOf(v, object) });
        void message.success(t('poolSettings.ruleUpdated'));
      } else {
        await create.mutateAsync(ruleBodyOf(v, object));
        void message.success(t('poolSettings.ruleCreated'));
      }
      onClose();
    } catch (e) {
      showProblem(e, { form });
    }
  };

  // At least one trigger: no follow-up, not won, or (customers) no deal for N days.
  type Trigger = 'noFollowUpDays' | 'notWonDays' | 'noDealDays';
  const triggers: Trigger[] = [
    'noFollowUpDays',
    'notWonDays',
    ...(customer ? (['noDealDays'] as const) : []),
  ];
  const oneTrigger = {
    validator: () =>
      triggers.every((k) => form.getFieldValue(k) == null)
        ? Promise.reject(new Error(say('triggerRequired')))
        : Promise.resolve(),
  };
  const days = (name: Trigger, testId: string) => (
    <Form.Item
      name={name}
      label={name === 'notWonDays' ? say('notWonDays') : f(name)}
      extra={name === 'noDealDays' ? t('poolSettings.noDealDaysHint') : say(`${name}Hint` as const)}
      dependencies={triggers.filter((k) => k !== name)}
      rules={[oneTrigger]}
    >
      <InputNumber<number>
        min={1}
        max={3650}
        precision={0}
        suffix={t('poolSettings.daysUnit')}
        placeholder={t('poolSettings.dayTriggerOff')}
        style={{ width: '100%' }}
        data-testid={testId}
      />
    </Form.Item>
  );

  return (
    <FormDrawer
      open
      onClose={onClose}
      width={560}
      title={t(rule ? 'poolSettings.editRule' : 'poolSettings.createRule')}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="rule-form-submit"
    >
      <Alert type="info" showIcon title={say('ruleHelp')} style={{ marginBottom: 16 }} />
      <Form<RuleValues>
        form={form}
        layout="vertical"
        initialValues={rule ? ruleValuesOf(rule) : blankRule(object, defaultPool)}
        onFinish={(v) => void save(v)}
        data-testid="rule-form"
      >
        <Form.Item
          name="name"
          label={f('name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: f('name') }) }]}
        >
          <Input maxLength={50} placeholder={say('ruleNamePlaceholder')} data-testid="rule-name" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="poolId"
              label={say('poolId')}
              rules={[{ required: true, message: t('common.required', { field: say('poolId') }) }]}
            >
              <Select options={pools.map((p) => ({ value: p.id, label: p.name }))} data-testid="rule-pool" />
            </Form.Item>
          </Col>
          {customer && (
            <Col xs={24} sm={12}>
              <Form.Item name="levels" label={f('levels')}>
                <Select
                  mode="multiple"
                  allowClear
                  placeholder={t('poolSettings.allLevels')}
                  options={customerLevels.map((l) => ({
                    value: l,
                    label: t('customers.levelValue', { level: l }),
                  }))}
                  data-testid="rule-levels"
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={12}>
            {days('noFollowUpDays', 'rule-no-follow-up')}
          </Col>
          <Col xs={24} sm={12}>
            {days('notWonDays', 'rule-not-won')}
          </Col>
          {customer && (
            <Col xs={24} sm={12}>
              {days('noDealDays', 'rule-no-deal')}
            </Col>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="warnDays" label={f('warnDays')} extra={t('poolSettings.warnDaysHint')}>
              <InputNumber<number>
                min={0}
                max={60}
                precision={0}
                suffix={t('poolSettings.daysUnit')}
                style={{ width: '100%' }}
                data-testid="rule-warn"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          {customer && (
            <>
              <Col xs={24} sm={8}>
                <Form.Item name="exemptLocked" label={f('exemptLocked')} valuePropName="checked">
                  <Switch data-testid="rule-exempt-locked" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="exemptWon" label={f('exemptWon')} valuePropName="checked">
                  <Switch data-testid="rule-exempt-won" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} sm={8}>
            <Form.Item name="enabled" label={f('enabled')} valuePropName="checked">
              <Switch data-testid="rule-enabled" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
