import { Alert, App, Col, Divider, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useShowProblem } from '../../components';
import type { Pipeline } from '../pipeline-settings/pipelines.api';
import { CcEditor } from './CcEditor';
import { ConditionsEditor } from './ConditionsEditor';
import { useDefinitionMutations } from './definitions.api';
import {
  blankDefinition,
  blankStep,
  type Definition,
  type DefinitionValues,
  definitionChangesOf,
  definitionValuesOf,
  formFieldOf,
  newDefinitionOf,
} from './form-values';
import { useFlowWords, useLevelName } from './labels';
import { StepsEditor } from './StepsEditor';

type Props = { definition?: Definition; pipelines: Pipeline[]; onClose: () => void };

/** 新建/编辑审批流程: the trigger (a pipeline's stages), the conditions, the steps and what happens at the edges. */
export function DefinitionFormDrawer({ definition, pipelines, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DefinitionValues>();
  const { create, update } = useDefinitionMutations();
  const showProblem = useShowProblem();
  const levelName = useLevelName();
  const words = useFlowWords(pipelines);
  const f = (k: string) => t(`approvalFlows.fields.${k}` as 'approvalFlows.fields.name');
  const pipelineId = Form.useWatch('pipelineId', form);
  const stages = pipelines.find((p) => p.id === pipelineId)?.stages ?? [];

  // After a version conflict the list reloads: show the stored flow (initialValues apply only once).
  const shownVersion = useRef(definition?.version);
  useEffect(() => {
    if (!definition || definition.version === shownVersion.current) return;
    shownVersion.current = definition.version;
    form.setFieldsValue(definitionValuesOf(definition, pipelines));
  }, [definition, pipelines, form]);

  const initial = definition
    ? definitionValuesOf(definition, pipelines)
    : { ...blankDefinition(pipelines[0]?.id), steps: [blankStep(levelName(1))] };
  // Conditions set through the API that the form has no row for: shown, and saved as they were.
  const kept = initial.keptConditions;

  const save = async (v: DefinitionValues) => {
    try {
      if (definition) {
        await update.mutateAsync({ definition, changes: definitionChangesOf(v) });
        void message.success(t('approvalFlows.updated'));
      } else {
        await create.mutateAsync(newDefinitionOf(v));
        void message.success(t('approvalFlows.created'));
      }
      onClose();
    } catch (e) {
      showProblem(e, { form, fieldOf: formFieldOf });
    }
  };

  return (
    <FormDrawer
      open
      onClose={onClose}
      width={720}
      title={t(definition ? 'approvalFlows.edit' : 'approvalFlows.create')}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="flow-form-submit"
    >
      <Form<DefinitionValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void save({ ...initial, ...v, keptConditions: kept })}
        data-testid="flow-form"
      >
        <Form.Item
          name="name"
          label={f('name')}
          rules={[{ required: true, whitespace: true, message: t('approvalFlows.nameRequired') }]}
        >
          <Input maxLength={50} placeholder={t('approvalFlows.namePlaceholder')} data-testid="flow-name" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="pipelineId"
              label={f('pipeline')}
              rules={[{ required: true, message: t('approvalFlows.pipelineRequired') }]}
            >
              <Select
                options={pipelines.map((p) => ({ value: p.id, label: p.name }))}
                onChange={() => form.setFieldValue('stageIds', [])}
                data-testid="flow-pipeline"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item
              name="stageIds"
              label={f('stages')}
              rules={[{ required: true, type: 'array', min: 1, message: t('approvalFlows.stagesRequired') }]}
            >
              <Select
                mode="multiple"
                options={stages.map((s) => ({ value: s.id, label: s.name }))}
                data-testid="flow-stages"
              />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {f('conditions')}
        </Divider>
        <ConditionsEditor />
        {kept.length > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 8 }}
            title={t('approvalFlows.keptConditions')}
            description={kept.map((c) => (
              <Typography.Text key={JSON.stringify(c)} code>
                {words.condition(c)}
              </Typography.Text>
            ))}
          />
        )}
        <Divider titlePlacement="start" plain>
          {f('steps')}
        </Divider>
        <StepsEditor />
        <Divider titlePlacement="start" plain>
          {t('approvalFlows.cc.title')}
        </Divider>
        <Typography.Paragraph type="secondary">{t('approvalFlows.cc.hint')}</Typography.Paragraph>
        <CcEditor />
        <Divider />
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="noApprover" label={f('noApprover')}>
              <Select
                options={(['admin', 'auto_pass'] as const).map((o) => ({
                  value: o,
                  label: t(`approvalFlows.noApproverOptions.${o}`),
                }))}
                data-testid="flow-no-approver"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="resubmitFrom" label={f('resubmitFrom')}>
              <Select
                options={(['start', 'rejected_step'] as const).map((o) => ({
                  value: o,
                  label: t(`approvalFlows.resubmitFromOptions.${o}`),
                }))}
                data-testid="flow-resubmit-from"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="allowSelf" label={f('allowSelf')} valuePropName="checked">
              <Switch data-testid="flow-allow-self" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="active" label={f('active')} valuePropName="checked">
              <Switch data-testid="flow-active" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
