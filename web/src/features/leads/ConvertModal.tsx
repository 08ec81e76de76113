import {
  App,
  Button,
  type ButtonProps,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Switch,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DuplicateMatch, LeadDetail } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { ApiProblem } from '../../app/problem';
import { useShowProblem } from '../../components';
import { duplicateOf } from '../customers/customers.api';
import { DuplicatePanel } from '../customers/DuplicatePanel';
import { customerLevels } from '../customers/labels';
import { usePipelines } from '../opportunities/opportunities.api';
import { CustomerSearchSelect } from './CustomerSearchSelect';
import {
  type CarriedLine,
  type ConvertChoice,
  type CustomerLevel,
  carriedOver,
  convertBodyOf,
  type DealChoice,
  defaultCustomerName,
} from './convert-body';
import { useLeadMutations } from './leads.api';

type Props = { lead: LeadDetail; open: boolean; onClose: () => void; onConflict: () => void };
type Values = {
  mode: 'new' | 'existing';
  name: string;
  level: CustomerLevel | null;
  customerId?: string;
  contact: boolean;
  /** 同时创建商机, and its amount (元), pipeline and expected close day. */
  deal: boolean;
  dealAmount?: number | null;
  dealPipelineId?: string;
  dealClose?: Dayjs | null;
};

/** A visible customer of a duplicate answer to convert into: the customer itself, or a contact's customer. */
function intoOf(m: DuplicateMatch): { id: string; name: string } | null {
  if (!m.visible) return null;
  if (m.object === 'customer' && m.id && m.name) return { id: m.id, name: m.name };
  if (m.object === 'contact' && m.customer) return m.customer;
  return null;
}

/**
 * 转化: the lead becomes a new customer (named after its company, or the person for a private buyer)
 * or joins an existing one, and by default its person becomes a contact. A new customer that
 * collides with one already there is refused with the matches: convert into a visible one in one
 * click, or for a near match give a reason to create it anyway.
 */
export function ConvertModal({ lead, open, onClose, onConflict }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { convert } = useLeadMutations();
  const showProblem = useShowProblem();
  const [known, setKnown] = useState<string | undefined>();
  const [duplicate, setDuplicate] = useState<{ near: boolean; matches: DuplicateMatch[] } | null>(null);
  const mode = Form.useWatch('mode', form) ?? 'new';
  const contact = Form.useWatch('contact', form) ?? true;
  const deal = Form.useWatch('deal', form) ?? false;
  const { can } = useAuth();
  const mayOpenDeal = can('opportunity', 'create');
  const pipelines = usePipelines();

  /** The deal to open with the customer, as the form holds it (null: none). */
  const dealOf = (): DealChoice | null => {
    const v = form.getFieldsValue(['deal', 'dealAmount', 'dealPipelineId', 'dealClose']) as Partial<Values>;
    return v.deal
      ? {
          amount: v.dealAmount,
          pipelineId: v.dealPipelineId,
          expectedCloseDate: v.dealClose?.format('YYYY-MM-DD') ?? null,
        }
      : null;
  };
  const send = async (choice: ConvertChoice, contactToo: boolean, customerName: string) => {
    const body = convertBodyOf(lead, choice, contactToo, dealOf());
    if (!body) return;
    try {
      const done = await convert.mutateAsync({ lead, body });
      void message.success(t('leads.convert.done', { name: customerName }));
      onClose();
      // With a deal opened, the next step is the deal.
      navigate(done.opportunityId ? `/opportunities/${done.opportunityId}` : `/customers/${done.customerId}`);
    } catch (e) {
      const dup = duplicateOf(e);
      if (dup) {
        setDuplicate(dup);
        return;
      }
      if (e instanceof ApiProblem && (e.code === 'lead_converted' || e.code === 'lead_disqualified')) {
        void message.warning(t('leads.convert.gone'));
        onClose();
        onConflict();
        return;
      }
      showProblem(e, {
        form,
        onConflict,
        fieldOf: (path) => (path === 'body.customer.customerId' ? ['customerId'] : null),
      });
    }
  };
  const submit = async (nearDuplicateReason?: string) => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const choice: ConvertChoice =
      v.mode === 'new'
        ? { mode: 'new', name: v.name, level: v.level, nearDuplicateReason }
        : { mode: 'existing', customerId: v.customerId };
    await send(choice, v.contact, v.mode === 'new' ? v.name.trim() : (known ?? ''));
  };
  const into = (c: { id: string; name: string }) =>
    void send({ mode: 'existing', customerId: c.id }, form.getFieldValue('contact') ?? true, c.name);

  const targets = (duplicate?.matches ?? []).map(intoOf).filter((c) => c !== null);
  const uniqueTargets = targets.filter((c, i) => targets.findIndex((x) => x.id === c.id) === i);
  const lines = carriedOver(lead, contact);
  const region = [lead.region.province, lead.region.city].filter(Boolean).join(' ');
  const value: Partial<Record<CarriedLine, string>> = {
    region,
    industry: lead.industry ?? '',
    source: lead.source ?? '',
    contact: lead.name,
  };

  return (
    <Modal
      open={open}
      title={t('leads.convert.title', { name: lead.name })}
      okText={t('leads.convert.ok')}
      okButtonProps={{ loading: convert.isPending, 'data-testid': 'convert-ok' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {duplicate && (
        <>
          <DuplicatePanel
            near={duplicate.near}
            matches={duplicate.matches}
            saving={convert.isPending}
            onSaveAnyway={(why) => void submit(why)}
            onOpen={onClose}
          />
          {uniqueTargets.length > 0 && (
            <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="convert-into">
              <Typography.Text type="secondary">{t('leads.convert.duplicateHint')}</Typography.Text>
              {uniqueTargets.map((c) => (
                <Flex key={c.id} justify="space-between" align="center" gap={8}>
                  <Typography.Text strong style={{ wordBreak: 'break-word', minWidth: 0 }}>
                    {c.name}
                  </Typography.Text>
                  <Button
                    type="primary"
                    size="small"
                    loading={convert.isPending}
                    onClick={() => into(c)}
                    data-testid="convert-into-customer"
                  >
                    {t('leads.convert.into')}
                  </Button>
                </Flex>
              ))}
            </Flex>
          )}
        </>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          mode: 'new',
          name: defaultCustomerName(lead),
          level: null,
          contact: true,
          deal: false,
        }}
        onValuesChange={(changed) => {
          if ('mode' in changed || 'name' in changed) setDuplicate(null);
        }}
        data-testid="convert-form"
      >
        <Form.Item name="mode" label={t('leads.convert.target')}>
          <Radio.Group
            optionType="button"
            options={(['new', 'existing'] as const).map((m) => ({
              value: m,
              label: t(`leads.convert.modes.${m}`),
            }))}
            data-testid="convert-mode"
          />
        </Form.Item>
        {mode === 'new' ? (
          <>
            <Form.Item
              name="name"
              label={t('leads.convert.name')}
              rules={[{ required: true, whitespace: true, message: t('leads.convert.nameRequired') }]}
            >
              <Input maxLength={200} data-testid="convert-name" />
            </Form.Item>
            <Form.Item name="level" label={t('leads.convert.level')}>
              <Select
                options={[
                  { value: null, label: t('leads.convert.levelNone') },
                  ...customerLevels.map((l) => ({
                    value: l,
                    label: t('customers.levelValue', { level: l }),
                  })),
                ]}
                data-testid="convert-level"
              />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="customerId"
            label={t('leads.convert.customer')}
            rules={[{ required: true, message: t('leads.convert.customerRequired') }]}
          >
            <CustomerSearchSelect
              placeholder={t('leads.convert.searchCustomer')}
              onName={setKnown}
              testId="convert-customer"
            />
          </Form.Item>
        )}
        <Form.Item name="contact" label={t('leads.convert.contact')} valuePropName="checked">
          <Switch data-testid="convert-contact" />
        </Form.Item>
        {mayOpenDeal && (
          <Form.Item name="deal" label={t('leads.convert.deal')} valuePropName="checked">
            <Switch data-testid="convert-deal" />
          </Form.Item>
        )}
        {mayOpenDeal && deal && (
          <Flex gap={12} wrap data-testid="convert-deal-fields">
            <Form.Item name="dealAmount" label={t('leads.convert.dealAmount')} style={{ flex: '1 1 160px' }}>
              <InputNumber<number>
                min={0}
                precision={2}
                prefix="¥"
                style={{ width: '100%' }}
                data-testid="convert-deal-amount"
              />
            </Form.Item>
            <Form.Item
              name="dealPipelineId"
              label={t('leads.convert.dealPipeline')}
              style={{ flex: '1 1 160px' }}
            >
              <Select
                allowClear
                placeholder={pipelines.data?.data.find((p) => p.isDefault)?.name}
                options={(pipelines.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                data-testid="convert-deal-pipeline"
              />
            </Form.Item>
            <Form.Item name="dealClose" label={t('leads.convert.dealClose')} style={{ flex: '1 1 160px' }}>
              <DatePicker style={{ width: '100%' }} data-testid="convert-deal-close" />
            </Form.Item>
          </Flex>
        )}
      </Form>
      <Flex vertical gap={2} data-testid="convert-carries">
        <Typography.Text strong>{t('leads.convert.carries')}</Typography.Text>
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {lines.map((k) => (
            <li key={k} style={{ wordBreak: 'break-word' }}>
              {t(`leads.convert.lines.${k}`, { value: value[k] })}
            </li>
          ))}
        </ul>
        <Typography.Text type="secondary">{t('leads.convert.readOnly')}</Typography.Text>
      </Flex>
    </Modal>
  );
}
