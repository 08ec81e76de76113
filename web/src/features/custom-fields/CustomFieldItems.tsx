import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../components';
import type { CustomFieldDef } from './custom-fields.api';
import { choicesOf, fieldHelp, fieldLabel } from './labels';
import { UserPicker } from './UserPicker';

/**
 * The input of one field type; the server validates again and names a refused key. Form.Item hands
 * `value` and `onChange` to this component, which passes them on to the real input.
 */
function FieldInput({ def, ...control }: { def: CustomFieldDef; value?: never; onChange?: never }) {
  const { i18n } = useTranslation();
  const phone = useIsPhone();
  const testId = `custom-${def.key}`;
  const { min, max, precision } = def.options;
  switch (def.type) {
    case 'long_text':
      return <Input.TextArea rows={3} maxLength={10_000} data-testid={testId} {...control} />;
    case 'number':
      return (
        <InputNumber
          style={{ width: '100%' }}
          min={min ?? undefined}
          max={max ?? undefined}
          precision={precision ?? undefined}
          data-testid={testId}
          {...control}
        />
      );
    case 'money':
      return (
        <InputNumber
          style={{ width: '100%' }}
          prefix="¥"
          precision={2}
          min={min != null ? min / 100 : undefined}
          max={max != null ? max / 100 : undefined}
          formatter={(v) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}
          parser={(v) => (v ?? '').replace(/,/g, '') as unknown as number}
          data-testid={testId}
          {...control}
        />
      );
    case 'date':
      return (
        <DatePicker
          format="YYYY-MM-DD"
          style={{ width: '100%' }}
          inputReadOnly={phone}
          data-testid={testId}
          {...control}
        />
      );
    case 'select':
      return <Select allowClear options={choicesOf(def, i18n.language)} data-testid={testId} {...control} />;
    case 'multi_select':
      return (
        <Select
          mode="multiple"
          allowClear
          options={choicesOf(def, i18n.language)}
          data-testid={testId}
          {...control}
        />
      );
    case 'user':
      return <UserPicker testId={testId} {...control} />;
    case 'phone':
      return <Input maxLength={50} inputMode="tel" autoComplete="off" data-testid={testId} {...control} />;
    case 'email':
      return <Input maxLength={254} inputMode="email" autoComplete="off" data-testid={testId} {...control} />;
    default:
      return <Input maxLength={500} data-testid={testId} {...control} />;
  }
}

const wide = new Set(['long_text', 'multi_select']);

/** 自定义字段 of a form: one item per active field, under the form's `custom` values. */
export function CustomFieldItems({ defs }: { defs: CustomFieldDef[] }) {
  const { t, i18n } = useTranslation();
  if (!defs.length) return null;
  return (
    <Row gutter={12} data-testid="custom-field-items">
      {defs.map((d) => {
        const label = fieldLabel(d, i18n.language);
        const rules: Rule[] = [];
        if (d.required) rules.push({ required: true, message: t('common.required', { field: label }) });
        if (d.type === 'text' || d.type === 'long_text' || d.type === 'phone' || d.type === 'email')
          rules.push({ whitespace: d.required });
        if (d.type === 'email') rules.push({ type: 'email', message: t('customFields.invalidEmail') });
        return (
          <Col key={d.id} xs={24} sm={wide.has(d.type) ? 24 : 12}>
            <Form.Item
              name={['custom', d.key]}
              label={label}
              tooltip={fieldHelp(d, i18n.language)}
              rules={rules}
            >
              <FieldInput def={d} />
            </Form.Item>
          </Col>
        );
      })}
    </Row>
  );
}
