import { Descriptions, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../app/api-types';
import { Time } from '../../components';
import { CustomValue, fieldLabel, useActiveCustomFields } from '../custom-fields';
import { regionText } from '../customers/labels';
import { ChannelText, LeadStatusTag } from './labels';

/** What the channel recorded at intake (form, UTM parameters, referrer), as sent; nothing for manual entry. */
function ChannelDetail({ detail }: { detail: Record<string, unknown> }) {
  const entries = Object.entries(detail).filter(([, v]) => v !== null && v !== '');
  if (!entries.length) return null;
  return (
    <Flex vertical>
      {entries.map(([k, v]) => (
        <Typography.Text key={k} type="secondary" style={{ wordBreak: 'break-all' }}>
          {`${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** 基本信息: every field of a lead as the server sends it (masked values stay masked). */
export function LeadProfile({ lead: l }: { lead: Lead }) {
  const { t, i18n } = useTranslation();
  const customDefs = useActiveCustomFields('lead');
  const f = (k: string) => t(`leads.fields.${k}` as 'leads.fields.name');
  const text = (v: string | null) => v || '—';
  const wrap = { wordBreak: 'break-word', whiteSpace: 'pre-wrap' } as const;
  return (
    <Descriptions column={1} size="small" data-testid="lead-profile" styles={{ label: { width: 112 } }}>
      <Descriptions.Item label={f('status')}>
        <LeadStatusTag status={l.status} />
      </Descriptions.Item>
      {l.status === 'disqualified' && l.disqualifyReason && (
        <Descriptions.Item label={f('disqualifyReason')}>
          <span style={wrap}>{l.disqualifyReason}</span>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={f('ownerId')}>
        {l.ownerName ?? <Tag>{t('leads.inPool')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={f('company')}>
        <span style={wrap}>{text(l.company)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={f('title')}>{text(l.title)}</Descriptions.Item>
      <Descriptions.Item label={f('phone')}>{text(l.phone)}</Descriptions.Item>
      <Descriptions.Item label={f('email')}>
        <span style={{ wordBreak: 'break-all' }}>{text(l.email)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={f('wechat')}>{text(l.wechat)}</Descriptions.Item>
      <Descriptions.Item label={f('industry')}>{text(l.industry)}</Descriptions.Item>
      <Descriptions.Item label={f('region')}>{regionText(l.region)}</Descriptions.Item>
      <Descriptions.Item label={f('source')}>{text(l.source)}</Descriptions.Item>
      <Descriptions.Item label={f('channel')}>
        <Flex vertical>
          <ChannelText channel={l.channel} />
          <ChannelDetail detail={l.channelDetail} />
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={f('inquiry')}>
        <span style={wrap} data-testid="lead-inquiry-text">
          {text(l.inquiry)}
        </span>
      </Descriptions.Item>
      {customDefs.map((d) => (
        <Descriptions.Item key={d.id} label={fieldLabel(d, i18n.language)}>
          <CustomValue def={d} value={l.custom[d.key]} />
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={f('lastFollowUpAt')}>
        {l.lastFollowUpAt ? <Time ms={l.lastFollowUpAt} relative /> : t('leads.notFollowedUp')}
      </Descriptions.Item>
      <Descriptions.Item label={f('createdAt')}>
        <Time ms={l.createdAt} />
      </Descriptions.Item>
      <Descriptions.Item label={f('updatedAt')}>
        <Time ms={l.updatedAt} />
      </Descriptions.Item>
    </Descriptions>
  );
}
