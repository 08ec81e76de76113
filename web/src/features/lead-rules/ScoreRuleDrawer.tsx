import { App, Col, Form, Input, InputNumber, Row, Switch } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useShowProblem } from '../../components';
import { ConditionInputs } from './ConditionInputs';
import {
  blankScoreRule,
  type ScoreRuleValues,
  scoreRuleBodyOf,
  scoreRuleFieldOf,
  scoreRuleValuesOf,
} from './form-values';
import { type ScoreRule, useScoreRuleMutations } from './lead-rules.api';

type Props = { rule?: ScoreRule; onClose: () => void };

/** 新建/编辑评分规则: a name, one condition on a lead field, the points it gives, on/off. */
export function ScoreRuleDrawer({ rule, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScoreRuleValues>();
  const { create, update } = useScoreRuleMutations();
  const showProblem = useShowProblem();
  const f = (k: string) => t(`leadRules.score.fields.${k}` as 'leadRules.score.fields.label');

  // After a version conflict the list reloads: show the stored rule (initialValues apply only once).
  const shownVersion = useRef(rule?.version);
  useEffect(() => {
    if (!rule || rule.version === shownVersion.current) return;
    shownVersion.current = rule.version;
    form.setFieldsValue(scoreRuleValuesOf(rule));
  }, [rule, form]);

  const save = async (v: ScoreRuleValues) => {
    const body = scoreRuleBodyOf(v);
    try {
      if (rule) {
        await update.mutateAsync({ rule, changes: body });
        void message.success(t('leadRules.score.updated'));
      } else {
        await create.mutateAsync(body);
        void message.success(t('leadRules.score.created'));
      }
      onClose();
    } catch (e) {
      showProblem(e, { form, fieldOf: (path) => scoreRuleFieldOf(path, form.getFieldsValue(true)) });
    }
  };

  return (
    <FormDrawer
      open
      onClose={onClose}
      width={560}
      title={t(rule ? 'leadRules.score.edit' : 'leadRules.score.create')}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="score-rule-submit"
    >
      <Form<ScoreRuleValues>
        form={form}
        layout="vertical"
        initialValues={rule ? scoreRuleValuesOf(rule) : blankScoreRule}
        onFinish={(v) => void save(v)}
        data-testid="score-rule-form"
      >
        <Form.Item
          name="label"
          label={f('label')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: f('label') }) }]}
        >
          <Input
            maxLength={60}
            placeholder={t('leadRules.score.labelPlaceholder')}
            data-testid="score-rule-label"
          />
        </Form.Item>
        <ConditionInputs path={[]} name={[]} testId="score-condition" />
        <Row gutter={12} style={{ marginTop: 16 }}>
          <Col xs={12}>
            <Form.Item
              name="points"
              label={f('points')}
              extra={t('leadRules.score.pointsHint')}
              rules={[{ required: true, message: t('common.required', { field: f('points') }) }]}
            >
              <InputNumber<number>
                min={-100}
                max={100}
                precision={0}
                style={{ width: '100%' }}
                data-testid="score-rule-points"
              />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="active" label={f('active')} valuePropName="checked">
              <Switch data-testid="score-rule-active" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
