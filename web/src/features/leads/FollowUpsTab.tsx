import { Alert, Descriptions, Divider, Flex, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LeadDetail } from '../../app/api-types';
import { formatDateTime } from '../../app/time';
import { Time } from '../../components';
import { FollowUpForm, FollowUpList } from '../follow-ups';
import { NextFollowUp, SlaTag } from './badges';
import { useLeadSettings } from './leads.api';
import { slaView } from './sla';
import { useNow } from './use-now';

/** The deadline in a sentence: by when, missed when, or met when (and whether in time). */
function slaSentence(t: TFunction, lead: LeadDetail, now: number): string {
  const v = slaView(lead, now);
  switch (v.state) {
    case 'running':
      return t('leads.sla.running', { time: formatDateTime(v.dueAt) });
    case 'reminded':
      return t('leads.sla.reminded', { time: formatDateTime(v.dueAt) });
    case 'overdue':
      return t('leads.sla.missed', { time: formatDateTime(v.dueAt) });
    case 'met':
      return v.late
        ? t('leads.sla.metLateAt', { time: formatDateTime(v.at), due: formatDateTime(lead.slaDueAt) })
        : t('leads.sla.metAt', { time: formatDateTime(v.at) });
    default:
      return t('leads.sla.none');
  }
}

/** 首次跟进时限 · 下次跟进 · 最近跟进, and the org's rule behind them. */
function FollowUpStatus({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation();
  const now = useNow();
  const settings = useLeadSettings().data;
  const cadence = (settings?.cadenceDays as Record<string, number | null> | undefined)?.working;
  return (
    <Flex vertical gap={4}>
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 112 } }}
        data-testid="lead-follow-up-status"
      >
        <Descriptions.Item label={t('leads.sla.label')}>
          <Flex gap={8} wrap align="center">
            <SlaTag lead={lead} />
            <Typography.Text type="secondary">{slaSentence(t, lead, now)}</Typography.Text>
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('leads.fields.nextFollowUpAt')}>
          <NextFollowUp lead={lead} />
        </Descriptions.Item>
        <Descriptions.Item label={t('leads.fields.lastFollowUpAt')}>
          {lead.lastFollowUpAt ? <Time ms={lead.lastFollowUpAt} relative /> : t('leads.notFollowedUp')}
        </Descriptions.Item>
      </Descriptions>
      {settings && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('leads.sla.policy', { hours: settings.firstResponseHours, remind: settings.remindBeforeHours })}
          {cadence ? ` ${t('leads.sla.cadence', { days: cadence })}` : ''}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** 跟进记录: where the deadline stands, 写跟进 (for those who may change the lead), then the log, newest first. */
export function FollowUpsTab({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation();
  const settings = useLeadSettings();
  const mayWrite = lead.myAccess.update && lead.status !== 'converted';
  // A follow-up moves a new lead to 跟进中: that status's cadence applies.
  const after = lead.status === 'new' ? 'working' : lead.status;
  const cadence = (settings.data?.cadenceDays as Record<string, number | null> | undefined)?.[after];
  return (
    <Flex vertical gap={12}>
      <FollowUpStatus lead={lead} />
      <Divider style={{ margin: 0 }} />
      {mayWrite ? (
        <FollowUpForm object="lead" recordId={lead.id} cadenceDays={cadence} />
      ) : (
        <Alert
          type="info"
          showIcon
          title={t(
            lead.status === 'converted'
              ? 'followUps.converted'
              : lead.myAccess.claim
                ? 'followUps.claimFirst'
                : 'followUps.readOnly',
          )}
        />
      )}
      <FollowUpList object="lead" recordId={lead.id} />
    </Flex>
  );
}
