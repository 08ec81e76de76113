import { App, AutoComplete, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useShowProblem } from '../../components';
import { usePipelines } from '../opportunities/opportunities.api';
import { stageOptions } from './script-lists';
import { type NewScript, type Script, useScriptMutations } from './scripts.api';

type Values = {
  title: string;
  scenario: string;
  objection?: string;
  stageIds: string[];
  tags: string[];
  content: string;
};

const valuesOf = (s: Script | null): Partial<Values> =>
  s
    ? {
        title: s.title,
        scenario: s.scenario,
        objection: s.objection ?? undefined,
        stageIds: s.stageIds,
        tags: s.tags,
        content: s.content,
      }
    : { stageIds: [], tags: [] };

type Props = {
  open: boolean;
  /** The script to edit; null to write a new one. */
  script: Script | null;
  /** Scenarios already in use, offered while typing. */
  scenarios: string[];
  tags: string[];
  onClose: () => void;
};

/** 新建 / 编辑话术: title, scenario, the objection it answers, stages (by pipeline), tags and text. */
export function ScriptFormDrawer({ open, script, scenarios, tags, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const pipelines = usePipelines();
  const { create, update } = useScriptMutations();
  const showProblem = useShowProblem();
  useEffect(() => {
    if (open) form.setFieldsValue(valuesOf(script));
  }, [open, script, form]);

  const submit = async (v: Values) => {
    const body: NewScript = {
      title: v.title,
      scenario: v.scenario,
      objection: v.objection?.trim() ? v.objection : null,
      stageIds: v.stageIds ?? [],
      tags: v.tags ?? [],
      content: v.content,
    };
    try {
      if (script) await update.mutateAsync({ id: script.id, version: script.version, body });
      else await create.mutateAsync(body);
      void message.success(t(script ? 'scripts.saved' : 'scripts.created'));
      onClose();
    } catch (e) {
      showProblem(e, { form, onConflict: onClose });
    }
  };
  const f = (k: keyof Values) => t(`scripts.fields.${k}`);
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={script ? t('scripts.editTitle') : t('scripts.create')}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="script-submit"
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={valuesOf(script)}>
        <Form.Item name="title" label={f('title')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="script-title" />
        </Form.Item>
        <Form.Item
          name="scenario"
          label={f('scenario')}
          rules={[{ required: true, whitespace: true, max: 30 }]}
        >
          <AutoComplete
            options={scenarios.map((s) => ({ value: s }))}
            placeholder={t('scripts.placeholders.scenario')}
            filterOption={(input, o) => String(o?.value ?? '').includes(input)}
            data-testid="script-scenario"
          />
        </Form.Item>
        <Form.Item name="objection" label={f('objection')} rules={[{ max: 50 }]}>
          <Input placeholder={t('scripts.placeholders.objection')} data-testid="script-objection" />
        </Form.Item>
        <Form.Item name="stageIds" label={f('stageIds')}>
          <Select
            mode="multiple"
            allowClear
            loading={pipelines.isPending}
            options={pipelines.data ? stageOptions(pipelines.data.data) : []}
            optionFilterProp="label"
            placeholder={t('scripts.placeholders.stageIds')}
            data-testid="script-stages"
          />
        </Form.Item>
        <Form.Item
          name="tags"
          label={f('tags')}
          rules={[
            { type: 'array', max: 10 },
            { type: 'array', defaultField: { type: 'string', max: 20 } },
          ]}
        >
          <Select
            mode="tags"
            options={tags.map((x) => ({ value: x, label: x }))}
            tokenSeparators={[',', '，']}
            placeholder={t('scripts.placeholders.tags')}
            data-testid="script-tags"
          />
        </Form.Item>
        <Form.Item
          name="content"
          label={f('content')}
          rules={[{ required: true, whitespace: true, max: 5000 }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 6, maxRows: 16 }}
            showCount
            maxLength={5000}
            placeholder={t('scripts.placeholders.content')}
            data-testid="script-content-input"
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
