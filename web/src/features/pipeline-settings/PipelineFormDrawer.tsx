import { App, Divider, Form, Input, Switch, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useShowProblem } from '../../components';
import {
  blankPipeline,
  type PipelineValues,
  pipelineBodyOf,
  pipelineFieldOf,
  pipelineValuesOf,
} from './form-values';
import { MoveDealsModal } from './MoveDealsModal';
import {
  type NewPipeline,
  type Pipeline,
  type StageInUse,
  stagesInUse,
  usePipelineMutations,
} from './pipelines.api';
import { type KnownKind, StagesEditor } from './StagesEditor';

type Props = { pipeline?: Pipeline; knownKinds: KnownKind[]; onClose: () => void };
/** An update the server refused because removed stages still hold deals: it is sent again with moveDeals. */
type Refused = { body: NewPipeline; stages: StageInUse[] };

/** 新建/编辑销售流程: name, description, default flag and the ordered stages with their requirements. */
export function PipelineFormDrawer({ pipeline, knownKinds, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PipelineValues>();
  const { create, update } = usePipelineMutations();
  const showProblem = useShowProblem();
  const [refused, setRefused] = useState<Refused | null>(null);
  // Stage indexes whose fields hold errors: their panels open.
  const [reveal, setReveal] = useState<number[]>([]);
  const f = (k: 'name' | 'description' | 'isDefault') => t(`pipelineSettings.fields.${k}`);

  // After a version conflict the list reloads: show the stored pipeline (initialValues apply only once).
  const shownVersion = useRef(pipeline?.version);
  useEffect(() => {
    if (!pipeline || pipeline.version === shownVersion.current) return;
    shownVersion.current = pipeline.version;
    form.setFieldsValue(pipelineValuesOf(pipeline));
  }, [pipeline, form]);

  const revealErrors = () =>
    setReveal(
      form
        .getFieldsError()
        .filter((e) => e.errors.length && e.name[0] === 'stages' && typeof e.name[1] === 'number')
        .map((e) => e.name[1] as number),
    );

  const send = async (body: NewPipeline, moveDeals?: Record<string, string>) => {
    try {
      if (pipeline) {
        await update.mutateAsync({ pipeline, changes: moveDeals ? { ...body, moveDeals } : body });
        void message.success(t('pipelineSettings.updated'));
      } else {
        await create.mutateAsync(body);
        void message.success(t('pipelineSettings.created'));
      }
      setRefused(null);
      onClose();
    } catch (e) {
      const stages = stagesInUse(e);
      if (stages) {
        setRefused({ body, stages });
        return;
      }
      setRefused(null);
      showProblem(e, { form, fieldOf: pipelineFieldOf });
      revealErrors();
    }
  };

  return (
    <FormDrawer
      open
      onClose={onClose}
      width={780}
      title={t(pipeline ? 'pipelineSettings.edit' : 'pipelineSettings.create')}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="pipeline-form-submit"
    >
      <Form<PipelineValues>
        form={form}
        layout="vertical"
        initialValues={
          pipeline
            ? pipelineValuesOf(pipeline)
            : blankPipeline({
                open: t('pipelineSettings.defaultStages.open'),
                won: t('pipelineSettings.defaultStages.won'),
                lost: t('pipelineSettings.defaultStages.lost'),
              })
        }
        // The whole store: stage and checklist ids have no inputs of their own.
        onFinish={() => void send(pipelineBodyOf(form.getFieldsValue(true) as PipelineValues))}
        onFinishFailed={revealErrors}
        data-testid="pipeline-form"
      >
        <Form.Item
          name="name"
          label={f('name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: f('name') }) }]}
        >
          <Input maxLength={50} data-testid="pipeline-name" />
        </Form.Item>
        <Form.Item name="description" label={f('description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item
          name="isDefault"
          label={f('isDefault')}
          valuePropName="checked"
          extra={t(pipeline?.isDefault ? 'pipelineSettings.defaultLocked' : 'pipelineSettings.defaultHint')}
        >
          {/* The default pipeline stays default until another one takes over. */}
          <Switch disabled={pipeline?.isDefault} data-testid="pipeline-default" />
        </Form.Item>

        <Divider titlePlacement="start">{t('pipelineSettings.sections.stages')}</Divider>
        <Typography.Paragraph type="secondary">{t('pipelineSettings.stagesHint')}</Typography.Paragraph>
        <StagesEditor reveal={reveal} knownKinds={knownKinds} />
      </Form>
      {refused && (
        <MoveDealsModal
          stages={refused.stages}
          targets={refused.body.stages.flatMap((s) => (s.id ? [{ id: s.id, name: s.name }] : []))}
          submitting={update.isPending}
          onCancel={() => setRefused(null)}
          onSubmit={(moveDeals) => void send(refused.body, moveDeals)}
        />
      )}
    </FormDrawer>
  );
}
