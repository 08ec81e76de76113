import { App, Col, Divider, Form, Input, Radio, Row, Select, Switch, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useShowProblem } from '../../components';
import { DepartmentSelect } from '../org';
import { LimitInput, usePools } from '../pool-settings';
import { ConditionsEditor } from './ConditionsEditor';
import {
  type AssignmentRuleValues,
  assignmentRuleBodyOf,
  assignmentRuleFieldOf,
  assignmentRuleValuesOf,
  blankAssignmentRule,
} from './form-values';
import {
  type AssignMethod,
  type AssignmentRule,
  type OnExpiry,
  type TargetType,
  useAssignmentRuleMutations,
} from './lead-rules.api';
import { TargetUsersEditor } from './TargetUsersEditor';

type Props = { rule?: AssignmentRule; onClose: () => void };

const targetTypes: TargetType[] = ['users', 'department', 'pool'];
const methods: AssignMethod[] = ['round_robin', 'least_open', 'weighted'];
const expiryActions: OnExpiry[] = ['none', 'reassign', 'pool'];

/** 新建/编辑分配规则: when (conditions), to whom (people, a department, a lead pool), how, and the daily cap. */
export function AssignmentRuleDrawer({ rule, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssignmentRuleValues>();
  const { create, update } = useAssignmentRuleMutations();
  const showProblem = useShowProblem();
  const pools = usePools('lead');
  const targetType = Form.useWatch('targetType', form) ?? (rule?.targetType || 'users');
  const method = Form.useWatch('method', form) ?? (rule?.method || 'round_robin');
  const a = (k: string) => t(`leadRules.assignment.${k}` as 'leadRules.assignment.create');
  const f = (k: string) => t(`leadRules.assignment.fields.${k}` as 'leadRules.assignment.fields.name');

  // After a version conflict the list reloads: show the stored rule (initialValues apply only once).
  const shownVersion = useRef(rule?.version);
  useEffect(() => {
    if (!rule || rule.version === shownVersion.current) return;
    shownVersion.current = rule.version;
    form.setFieldsValue(assignmentRuleValuesOf(rule));
  }, [rule, form]);

  const save = async (v: AssignmentRuleValues) => {
    const body = assignmentRuleBodyOf(v);
    try {
      if (rule) {
        await update.mutateAsync({ rule, changes: body });
        void message.success(a('updated'));
      } else {
        await create.mutateAsync(body);
        void message.success(a('created'));
      }
      onClose();
    } catch (e) {
      showProblem(e, { form, fieldOf: (path) => assignmentRuleFieldOf(path, form.getFieldsValue(true)) });
    }
  };

  return (
    <FormDrawer
      open
      onClose={onClose}
      width={640}
      title={a(rule ? 'edit' : 'create')}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="assignment-rule-submit"
    >
      <Form<AssignmentRuleValues>
        form={form}
        layout="vertical"
        initialValues={rule ? assignmentRuleValuesOf(rule) : blankAssignmentRule}
        onFinish={(v) => void save(v)}
        data-testid="assignment-rule-form"
      >
        <Form.Item
          name="name"
          label={f('name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: f('name') }) }]}
        >
          <Input maxLength={60} placeholder={a('namePlaceholder')} data-testid="assignment-rule-name" />
        </Form.Item>

        <Divider titlePlacement="start">{f('conditions')}</Divider>
        <Typography.Paragraph type="secondary">{a('conditionsHint')}</Typography.Paragraph>
        <ConditionsEditor />

        <Divider titlePlacement="start">{f('targetType')}</Divider>
        <Form.Item name="targetType">
          <Radio.Group
            optionType="button"
            options={targetTypes.map((x) => ({
              value: x,
              label: t(`leadRules.assignment.targetTypes.${x}`),
            }))}
            data-testid="assignment-target-type"
          />
        </Form.Item>
        {targetType === 'users' && (
          <Form.Item label={f('users')} required>
            <TargetUsersEditor weighted={method === 'weighted'} />
          </Form.Item>
        )}
        {targetType === 'department' && (
          <Form.Item
            name="departmentId"
            label={f('department')}
            extra={a('departmentHint')}
            rules={[{ required: true, message: a('departmentRequired') }]}
          >
            <DepartmentSelect placeholder={a('chooseDepartment')} />
          </Form.Item>
        )}
        {targetType === 'pool' && (
          <Form.Item
            name="poolId"
            label={f('pool')}
            extra={a('poolHint')}
            rules={[{ required: true, message: a('poolRequired') }]}
          >
            <Select
              placeholder={a('choosePool')}
              loading={pools.isPending}
              options={(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              data-testid="assignment-pool"
            />
          </Form.Item>
        )}
        {targetType !== 'pool' && (
          <Row gutter={12}>
            <Col xs={24} sm={14}>
              <Form.Item
                name="method"
                label={f('method')}
                extra={t(`leadRules.assignment.methodHints.${method}`)}
              >
                <Select
                  options={methods.map((m) => ({ value: m, label: t(`leadRules.assignment.methods.${m}`) }))}
                  data-testid="assignment-method"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={10}>
              <Form.Item
                name="dailyCap"
                label={f('dailyCap')}
                extra={a('dailyCapHint')}
                rules={[{ type: 'number', min: 1, max: 10_000, message: a('dailyCapRange') }]}
              >
                <LimitInput fallback={20} testId="assignment-daily-cap" />
              </Form.Item>
            </Col>
          </Row>
        )}
        {targetType !== 'pool' && (
          <Form.Item name="onExpiry" label={f('onExpiry')} extra={a('onExpiryHint')}>
            <Select
              options={expiryActions.map((x) => ({ value: x, label: t(`leadRules.assignment.expiry.${x}`) }))}
              data-testid="assignment-on-expiry"
            />
          </Form.Item>
        )}
        <Form.Item name="active" label={f('active')} valuePropName="checked">
          <Switch data-testid="assignment-rule-active" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
