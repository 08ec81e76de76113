import { Col, Form, Input, Radio, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../app/api-types';
import { type CustomFieldDef, CustomFieldItems } from '../custom-fields';
import { OwnerSelect } from '../customers/OwnerSelect';
import { type AssignMode, assignModes } from './form-values';

type Props = {
  /** Offer the owner select (for users whose scope goes beyond their own leads). */
  chooseOwner: boolean;
  existing?: Lead;
  /** The active custom fields of leads, rendered after the built-in ones. */
  customDefs: CustomFieldDef[];
};

/** The fields of the lead form: the person, how to reach them, what they asked for; source is free text. */
export function LeadFields({ chooseOwner, existing, customDefs }: Props) {
  const { t } = useTranslation();
  const f = (k: string) => t(`leads.fields.${k}` as 'leads.fields.name');
  const assign = Form.useWatch<AssignMode | undefined>('assign') ?? 'self';
  // 指定负责人 only for those who may give a lead to someone else.
  const modes = assignModes.filter((m) => m !== 'owner' || chooseOwner);
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="name"
            label={f('name')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: f('name') }) },
            ]}
          >
            <Input maxLength={100} data-testid="lead-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="title" label={f('title')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="company" label={f('company')}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={12}>
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
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="industry" label={f('industry')}>
            <Input maxLength={50} />
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
      <Form.Item name="source" label={f('source')}>
        <Input maxLength={50} placeholder={t('leads.sourcePlaceholder')} />
      </Form.Item>
      <Form.Item name="inquiry" label={f('inquiry')}>
        <Input.TextArea
          rows={4}
          maxLength={2000}
          showCount
          placeholder={t('leads.inquiryPlaceholder')}
          data-testid="lead-inquiry"
        />
      </Form.Item>
      {!existing && (
        <Form.Item name="assign" label={f('assign')} extra={t(`leads.assignHints.${assign}`)}>
          <Radio.Group
            optionType="button"
            options={modes.map((m) => ({ value: m, label: t(`leads.assignModes.${m}`) }))}
            data-testid="lead-assign"
          />
        </Form.Item>
      )}
      {chooseOwner && (existing || assign === 'owner') && (
        <Form.Item
          name="ownerId"
          label={f('ownerId')}
          rules={existing ? [] : [{ required: true, message: t('poolsRep.transfer.toRequired') }]}
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
