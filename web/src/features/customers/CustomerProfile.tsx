import { Descriptions, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../app/api-types';
import { Time } from '../../components';
import { CustomValue, fieldLabel, useActiveCustomFields } from '../custom-fields';
import { CustomerLocation } from './CustomerLocation';
import { LevelTag, regionText, StatusTag } from './labels';

/** 基本信息: the key fields of a customer, as the server sends them (masked values stay masked). */
export function CustomerProfile({ customer: c, canEdit = false }: { customer: Customer; canEdit?: boolean }) {
  const { t, i18n } = useTranslation();
  const customDefs = useActiveCustomFields('customer');
  const f = (k: string) => t(`customers.fields.${k}` as 'customers.fields.name');
  const text = (v: string | null) => v || '—';
  return (
    <Descriptions column={1} size="small" data-testid="customer-profile" styles={{ label: { width: 112 } }}>
      <Descriptions.Item label={f('level')}>
        <LevelTag level={c.level} />
      </Descriptions.Item>
      <Descriptions.Item label={f('status')}>
        <StatusTag status={c.status} />
      </Descriptions.Item>
      <Descriptions.Item label={f('ownerId')}>
        {c.ownerName ?? <Tag>{t('customers.inPool')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={f('phone')}>{text(c.phone)}</Descriptions.Item>
      <Descriptions.Item label={f('email')}>
        <span style={{ wordBreak: 'break-all' }}>{text(c.email)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={f('industry')}>{text(c.industry)}</Descriptions.Item>
      <Descriptions.Item label={f('region')}>{regionText(c.region)}</Descriptions.Item>
      <Descriptions.Item label={f('address')}>{text(c.address)}</Descriptions.Item>
      <Descriptions.Item label={t('customers.location.label')}>
        <CustomerLocation customer={c} canEdit={canEdit} />
      </Descriptions.Item>
      <Descriptions.Item label={f('website')}>
        <span style={{ wordBreak: 'break-all' }}>{text(c.website)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={f('source')}>{text(c.source)}</Descriptions.Item>
      <Descriptions.Item label={f('tags')}>
        {c.tags.length ? (
          <Flex wrap gap={4}>
            {c.tags.map((tag) => (
              <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                {tag}
              </Tag>
            ))}
          </Flex>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      {customDefs.map((d) => (
        <Descriptions.Item key={d.id} label={fieldLabel(d, i18n.language)}>
          <CustomValue def={d} value={c.custom[d.key]} />
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={f('lastFollowUpAt')}>
        {c.lastFollowUpAt ? <Time ms={c.lastFollowUpAt} relative /> : t('customers.notFollowedUp')}
      </Descriptions.Item>
      <Descriptions.Item label={f('createdAt')}>
        <Time ms={c.createdAt} />
      </Descriptions.Item>
      <Descriptions.Item label={f('updatedAt')}>
        <Time ms={c.updatedAt} />
      </Descriptions.Item>
    </Descriptions>
  );
}
