import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type CustomFieldDef, CustomFieldItems } from '../custom-fields';
import { OwnerSelect } from '../customers/OwnerSelect';
import { CustomerSearchSelect } from '../leads/CustomerSearchSelect';
import { ContactsSelect } from './ContactsSelect';
import type { OpportunityDetail, Pipeline } from './opportunities.api';

type Props = {
  existing?: OpportunityDetail;
  pipelines: Pipeline[];
  /** A customer given by the page (the customer's 商机 tab) for a new deal: shown by name, not changed. */
  customerName?: string;
  chooseOwner: boolean;
  customDefs: CustomFieldDef[];
};

/** The fields of the deal form: customer, pipeline (on create), amount in 元, close date, contacts, … */
export function DealFields({ existing, pipelines, customerName, chooseOwner, customDefs }: Props) {
  const { t } = useTranslation();
  const f = (k: string) => t(`opportunities.fields.${k}` as 'opportunities.fields.name');
  const customerId = Form.useWatch<string | undefined>('customerId');
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <>
      <Form.Item name="name" label={f('name')} rules={[...required(f('name')), { whitespace: true }]}>
        <Input maxLength={100} data-testid="deal-name" />
      </Form.Item>
      {customerName ? (
        <>
          <Form.Item name="customerId" hidden>
            <Input />
          </Form.Item>
          <Form.Item label={f('customer')}>
            <Input value={customerName} disabled data-testid="deal-customer-fixed" />
          </Form.Item>
        </>
      ) : (
        // On an existing deal the customer may change too (a deal filed under a holding customer at import);
        // the contacts are then the new customer's.
        <Form.Item
          name="customerId"
          label={f('customer')}
          rules={required(f('customer'))}
          extra={
            existing && customerId !== existing.customerId ? t('opportunities.customerMoves') : undefined
          }
        >
          <CustomerSearchSelect
            placeholder={t('opportunities.pickCustomer')}
            knownLabel={existing?.customerName}
            testId="deal-customer"
          />
        </Form.Item>
      )}
      {!existing && (
        <Form.Item name="pipelineId" label={f('pipeline')} rules={required(f('pipeline'))}>
          <Select
            options={pipelines.map((p) => ({ value: p.id, label: p.name }))}
            data-testid="deal-pipeline"
          />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="amount" label={f('amountYuan')} extra={t('opportunities.amountHint')}>
            <InputNumber<number>
              min={0}
              precision={2}
              prefix="¥"
              style={{ width: '100%' }}
              data-testid="deal-amount-input"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="expectedCloseDate" label={f('expectedCloseDate')}>
            <DatePicker style={{ width: '100%' }} data-testid="deal-close-date" />
          </Form.Item>
        </Col>
      </Row>
      {customerId && (
        <Form.Item name="contactIds" label={f('contacts')}>
          <ContactsSelect customerId={customerId} known={existing?.contacts} />
        </Form.Item>
      )}
      <Form.Item name="products" label={f('products')}>
        <Input.TextArea rows={2} maxLength={1000} data-testid="deal-products" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="competitors" label={f('competitors')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="source" label={f('source')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
      </Row>
      {chooseOwner && (
        <Form.Item name="ownerId" label={f('owner')}>
          <OwnerSelect current={existing ? { id: existing.ownerId, name: existing.ownerName ?? '' } : null} />
        </Form.Item>
      )}
      <CustomFieldItems defs={customDefs} />
    </>
  );
}
