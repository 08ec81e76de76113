import { App, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useShowProblem } from '../../components';
import { ChoicesEditor } from './ChoicesEditor';
import {
  type Choice,
  type CustomFieldDef,
  type FieldObject,
  type FieldType,
  fetchKeySuggestion,
  fieldTypes,
  useCustomFieldMutations,
} from './custom-fields.api';

type Values = {
  labelZh: string;
  labelEn: string;
  key: string;
  type: FieldType;
  required: boolean;
  helpZh?: string;
  helpEn?: string;
  options?: { choices?: Choice[]; min?: number | null; max?: number | null; precision?: number | null };
};
type Props = { open: boolean; object: FieldObject; def?: CustomFieldDef; onClose: () => void };

const keyRule = /^[a-z][a-z0-9_]{0,39}$/;
const isSelect = (t?: FieldType) => t === 'select' || t === 'multi_select';

/** Options as the API wants them for the type; money bounds typed in 元 are sent in 分. */
function optionsOf(v: Values) {
  const o = v.options ?? {};
  if (isSelect(v.type))
    return {
      choices: (o.choices ?? []).map((c) => ({ ...c, labelZh: c.labelZh.trim(), labelEn: c.labelEn.trim() })),
    };
  const money = v.type === 'money';
  const bound = (n?: number | null) => (n == null ? null : money ? Math.round(n * 100) : n);
  if (v.type === 'number' || money)
    return { min: bound(o.min), max: bound(o.max), ...(money ? {} : { precision: o.precision ?? null }) };
  return {};
}

function valuesOf(d: CustomFieldDef): Values {
  const money = d.type === 'money';
  const bound = (n?: number | null) => (n == null ? null : money ? n / 100 : n);
  return {
    labelZh: d.labelZh,
    labelEn: d.labelEn,
    key: d.key,
    type: d.type,
    required: d.required,
    helpZh: d.helpZh ?? undefined,
    helpEn: d.helpEn ?? undefined,
    options: {
      choices: d.options.choices,
      min: bound(d.options.min),
      max: bound(d.options.max),
      precision: d.options.precision,
    },
  };
}

/** 新建/编辑字段: names in both languages, a key suggested from the Chinese name, type and its options. */
export function FieldFormDrawer({ open, object, def, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { create, update } = useCustomFieldMutations();
  const showProblem = useShowProblem();
  const keyTouched = useRef(false);
  const type = Form.useWatch('type', form);
  const f = (k: string) => t(`customFields.fields.${k}` as 'customFields.fields.key');

  const suggest = async (label: string) => {
    if (def || keyTouched.current || !label.trim()) return;
    try {
      form.setFieldValue('key', await fetchKeySuggestion(object, label.trim()));
    } catch {
      // A suggestion is a convenience; the admin can type the key.
    }
  };

  const save = async (v: Values) => {
    const common = {
      labelZh: v.labelZh.trim(),
      labelEn: v.labelEn.trim(),
      required: v.required,
      helpZh: v.helpZh?.trim() || null,
      helpEn: v.helpEn?.trim() || null,
      options: optionsOf(v),
    };
    try {
      if (def) {
        await update.mutateAsync({
          def,
          changes: { ...common, ...(v.type !== def.type ? { type: v.type } : {}) },
        });
        void message.success(t('customFields.updated'));
      } else {
        await create.mutateAsync({ object, key: v.key, type: v.type, ...common });
        void message.success(t('customFields.created'));
      }
      onClose();
    } catch (e) {
      showProblem(e, { form });
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t(def ? 'customFields.edit' : 'customFields.create')}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="field-form-submit"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={def ? valuesOf(def) : { type: 'text', required: false, options: {} }}
        onFinish={(v) => void save(v)}
        data-testid="field-form"
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="labelZh"
              label={f('labelZh')}
              rules={[
                { required: true, whitespace: true, message: t('common.required', { field: f('labelZh') }) },
              ]}
            >
              <Input
                maxLength={50}
                onBlur={(e) => void suggest(e.target.value)}
                data-testid="field-label-zh"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="labelEn"
              label={f('labelEn')}
              rules={[
                { required: true, whitespace: true, message: t('common.required', { field: f('labelEn') }) },
              ]}
            >
              <Input maxLength={50} data-testid="field-label-en" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="key"
              label={f('key')}
              extra={def ? undefined : t('customFields.keyHint')}
              rules={[{ required: true, pattern: keyRule, message: t('customFields.keyInvalid') }]}
            >
              <Input
                maxLength={40}
                disabled={!!def}
                onChange={() => {
                  keyTouched.current = true;
                }}
                style={{ fontFamily: 'monospace' }}
                data-testid="field-key"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="type" label={f('type')} extra={def ? t('customFields.typeLocked') : undefined}>
              <Select
                options={fieldTypes.map((x) => ({ value: x, label: t(`customFields.types.${x}`) }))}
                data-testid="field-type"
              />
            </Form.Item>
          </Col>
        </Row>
        {isSelect(type) && (
          <Form.Item label={f('choices')} required>
            <ChoicesEditor />
          </Form.Item>
        )}
        {(type === 'number' || type === 'money') && (
          <Row gutter={12}>
            <Col xs={12} sm={8}>
              <Form.Item name={['options', 'min']} label={f(type === 'money' ? 'minMoney' : 'min')}>
                <InputNumber style={{ width: '100%' }} precision={type === 'money' ? 2 : undefined} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name={['options', 'max']} label={f(type === 'money' ? 'maxMoney' : 'max')}>
                <InputNumber style={{ width: '100%' }} precision={type === 'money' ? 2 : undefined} />
              </Form.Item>
            </Col>
            {type === 'number' && (
              <Col xs={12} sm={8}>
                <Form.Item name={['options', 'precision']} label={f('precision')}>
                  <InputNumber style={{ width: '100%' }} min={0} max={6} precision={0} />
                </Form.Item>
              </Col>
            )}
          </Row>
        )}
        <Form.Item name="required" label={f('required')} valuePropName="checked">
          <Switch data-testid="field-required" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="helpZh" label={f('helpZh')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="helpEn" label={f('helpEn')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
