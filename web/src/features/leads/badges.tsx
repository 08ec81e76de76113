import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../app/api-types';
import { formatDateTime, inOrgZone } from '../../app/time';
import { bandColor, scoreBand } from './score';
import { type Countdown, nextView, slaView } from './sla';
import { useNow } from './use-now';

/** 线索评分 as a number in its colour band (≥80 hot). */
export function ScoreTag({ score }: { score: number }) {
  const { t } = useTranslation();
  const band = scoreBand(score);
  return (
    <Tooltip title={t(`leads.score.bands.${band}`)}>
      <Tag
        color={bandColor[band]}
        style={{ marginInlineEnd: 0, minWidth: 36, textAlign: 'center' }}
        data-testid="lead-score"
      >
        {score}
      </Tag>
    </Tooltip>
  );
}

export function countdownText(t: TFunction, c: Countdown): string {
  return c.unit === 'days'
    ? t('leads.sla.left.days', { days: c.days, hours: c.hours })
    : t(`leads.sla.left.${c.unit}`, { count: c.count });
}

type SlaLead = Pick<Lead, 'slaDueAt' | 'slaState' | 'firstFollowUpAt' | 'ownerId' | 'status'>;

/** 首次跟进: 「剩 5 小时」 while it runs (amber once the owner was reminded), red 「已超时」, ✓ when done. */
export function SlaTag({ lead }: { lead: SlaLead }) {
  const { t } = useTranslation();
  const v = slaView(lead, useNow());
  const tag = (color: string, icon: ReactNode, text: string, tip: string) => (
    <Tooltip title={tip}>
      <Tag
        color={color}
        icon={icon}
        style={{ marginInlineEnd: 0 }}
        data-testid="lead-sla"
        data-state={v.state}
      >
        {text}
      </Tag>
    </Tooltip>
  );
  switch (v.state) {
    case 'running':
    case 'reminded':
      return tag(
        v.state === 'reminded' ? 'orange' : 'blue',
        <ClockCircleOutlined />,
        countdownText(t, v.left),
        t('leads.sla.due', { time: formatDateTime(v.dueAt) }),
      );
    case 'overdue':
      return tag(
        'red',
        <ExclamationCircleOutlined />,
        t('leads.sla.overdue'),
        t('leads.sla.due', { time: formatDateTime(v.dueAt) }),
      );
    case 'met':
      return tag(
        v.late ? 'default' : 'green',
        <CheckCircleOutlined />,
        t(v.late ? 'leads.sla.metLate' : 'leads.sla.met'),
        formatDateTime(v.at),
      );
    default:
      return <Typography.Text type="secondary">—</Typography.Text>;
  }
}

/** The first instant of tomorrow in the org's time zone. */
export const endOfOrgToday = (now: number) => inOrgZone(now).add(1, 'day').startOf('day').valueOf();

/** 下次跟进: its date and time, red when past (逾期), 「今天 15:00」 when due today. */
export function NextFollowUp({ lead }: { lead: Pick<Lead, 'nextFollowUpAt' | 'status'> }) {
  const { t } = useTranslation();
  const now = useNow();
  const v = nextView(lead, now, endOfOrgToday(now));
  if (v.state === 'none') return <Typography.Text type="secondary">{t('leads.next.none')}</Typography.Text>;
  if (v.state === 'today')
    return (
      <Typography.Text
        type="warning"
        style={{ whiteSpace: 'nowrap' }}
        data-testid="lead-next"
        data-state="today"
      >
        {t('leads.next.today', { time: inOrgZone(v.at).format('HH:mm') })}
      </Typography.Text>
    );
  return (
    <Typography.Text
      type={v.state === 'overdue' ? 'danger' : undefined}
      style={{ whiteSpace: 'nowrap' }}
      data-testid="lead-next"
      data-state={v.state}
    >
      {formatDateTime(v.at)}
      {v.state === 'overdue' && ` · ${t('leads.next.overdue')}`}
    </Typography.Text>
  );
}
