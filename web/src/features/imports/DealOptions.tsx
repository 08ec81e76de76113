import { Checkbox, Col, Flex, Input, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePipelines } from '../opportunities/opportunities.api';
import type { DealImportOptions } from './imports.api';

/**
 * A deal sheet's choices, made with the mapping because the dry run checks rows against them: the
 * pipeline of rows that name none, the customer that takes rows without one (another CRM's early deals
 * often have none), and whether customers the sheet names but this CRM lacks are made.
 */
export function DealOptions({
  value,
  onChange,
}: {
  value: DealImportOptions;
  onChange: (v: DealImportOptions) => void;
}) {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const fallback = pipelines.data?.data.find((p) => p.isDefault)?.id;
  return (
    // Each choice's label sits over its control, the holding customer's hint under its input; wide
    // enough that the English placeholder of the holding customer reads whole on a desktop.
    <Flex vertical gap={12} style={{ marginTop: 24, maxWidth: 880 }} data-testid="deal-import-options">
      <Typography.Text strong>{t('imports.deals.optionsTitle')}</Typography.Text>
      <Row gutter={[16, 12]}>
        <Col xs={24} sm={12}>
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('imports.deals.pipeline')}</Typography.Text>
            <Select
              style={{ width: '100%' }}
              aria-label={t('imports.deals.pipeline')}
              loading={pipelines.isPending}
              value={value.pipelineId ?? fallback}
              onChange={(pipelineId) => onChange({ ...value, pipelineId })}
              options={pipelines.data?.data.map((p) => ({ value: p.id, label: p.name }))}
              data-testid="deal-import-pipeline"
            />
          </Flex>
        </Col>
        <Col xs={24} sm={12}>
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('imports.deals.holdingCustomer')}</Typography.Text>
            <Input
              maxLength={200}
              aria-label={t('imports.deals.holdingCustomer')}
              placeholder={t('imports.deals.holdingPlaceholder')}
              title={t('imports.deals.holdingPlaceholder')}
              value={value.holdingCustomer}
              onChange={(e) => onChange({ ...value, holdingCustomer: e.target.value })}
              data-testid="deal-import-holding"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('imports.deals.holdingHint')}
            </Typography.Text>
          </Flex>
        </Col>
      </Row>
      <Checkbox
        checked={!!value.createCustomers}
        onChange={(e) => onChange({ ...value, createCustomers: e.target.checked })}
        data-testid="deal-import-create-customers"
      >
        {t('imports.deals.createCustomers')}
      </Checkbox>
    </Flex>
  );
}

/** The options as the server takes them: a blank holding customer is none. */
export function dealOptionsOf(v: DealImportOptions): DealImportOptions {
  const holdingCustomer = v.holdingCustomer?.trim();
  return {
    ...(v.pipelineId && { pipelineId: v.pipelineId }),
    ...(holdingCustomer && { holdingCustomer }),
    ...(v.createCustomers && { createCustomers: true }),
  };
}
