import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../app/api-types';
import { type CustomFieldDef, CustomFieldItems } from '../custom-fields';
import { customerLevels, customerStatuses } from './labels';
import { OwnerSelect } from './OwnerSelect';

type Props = {
  /** Offer the owner select (for users whose scope goes beyond their own customers). */
  chooseOwner: boolean;
  existing?: Customer;
  /** 查重 of what is typed in the name (or phone) field. */
  onCheck: () => void;
  /** The active custom fields of customers, rendered after the built-in ones. */
  customDefs: CustomFieldDef[];
};

/** The fields of the customer form; industry and source are free text (data, not translated). */
export function CustomerFields({ chooseOwner, existing, onCheck, customDefs }: Props) {
  const { t } = useTranslation();
  const f = (k: string) => t(`customers.fields.${k}` as 'customers.fields.name');
  return (
    <>
      <Form.Item label={f('name')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="name"
            noStyle
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: f('name') }) },
            ]}
          >
            <Input maxLength={200} data-testid="customer-name" />
          </Form.Item>
          <Button icon={<SafetyCertificateOutlined />} onClick={onCheck} data-testid="form-duplicate-check">
            {t('dup.checkTyped')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="shortName" label={f('shortName')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="industry" label={f('industry')}>
            <Input maxLength={50} />
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
        <Col xs={12}>
          <Form.Item name="level" label={f('level')}>
            <Select
              allowClear
              options={customerLevels.map((l) => ({
                value: l,
                label: t('customers.levelValue', { level: l }),
              }))}
              data-testid="customer-level"
            />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="status" label={f('status')}>
            <Select
              options={customerStatuses.map((s) => ({ value: s, label: t(`customers.statuses.${s}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="province" label={f('province')}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="city" label={f('city')}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={f('address')}>
        <Input maxLength={300} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="website" label={f('website')}>
            <Input maxLength={300} inputMode="url" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="source" label={f('source')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="tags" label={f('tags')} extra={t('customers.tagsHint')}>
        <Select mode="tags" open={false} suffixIcon={null} maxCount={20} />
      </Form.Item>
      {chooseOwner && (
        <Form.Item
          name="ownerId"
          label={f('ownerId')}
          extra={existing ? undefined : t('customers.ownerHint')}
        >
          <OwnerSelect
            current={existing?.ownerId ? { id: existing.ownerId, name: existing.ownerName ?? '' } : null}
          />
        </Form.Item>
      )}
      <CustomFieldItems defs={customDefs} />
    </>
  );
}
