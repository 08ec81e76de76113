import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../components';
import { type CustomFieldDef, CustomFieldItems } from '../custom-fields';
import { contactRoles } from './labels';

/** The fields of the contact form; numbers and e-mail are checked for duplicates by the server. */
export function ContactFields({ customDefs }: { customDefs: CustomFieldDef[] }) {
  const { t } = useTranslation();
  // No keyboard over the calendar on a phone.
  const phone = useIsPhone();
  const f = (k: string) => t(`contacts.fields.${k}` as 'contacts.fields.name');
  return (
    <Row gutter={12}>
      <Col xs={24} sm={12}>
        <Form.Item
          name="name"
          label={f('name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: f('name') }) }]}
        >
          <Input maxLength={100} data-testid="contact-name" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="title" label={f('title')}>
          <Input maxLength={100} data-testid="contact-title" />
        </Form.Item>
      </Col>
      <Col xs={12}>
        <Form.Item name="role" label={f('role')}>
          <Select
            allowClear
            options={contactRoles.map((r) => ({ value: r, label: t(`contacts.roles.${r}`) }))}
            data-testid="contact-role"
          />
        </Form.Item>
      </Col>
      <Col xs={12}>
        <Form.Item name="birthday" label={f('birthday')}>
          <DatePicker
            format="YYYY-MM-DD"
            style={{ width: '100%' }}
            inputReadOnly={phone}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            data-testid="contact-birthday"
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="mobile" label={f('mobile')}>
          <Input maxLength={50} inputMode="tel" autoComplete="off" data-testid="contact-mobile" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="phone" label={f('phone')}>
          <Input maxLength={50} inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="email" label={f('email')}>
          <Input maxLength={254} inputMode="email" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="wechat" label={f('wechat')}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="notes" label={f('notes')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <CustomFieldItems defs={customDefs} />
      </Col>
    </Row>
  );
}
