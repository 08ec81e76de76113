import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/time';
import type { FollowUp } from './follow-ups.api';

/** A check-in as sent, or as stored (with `late` when the position was taken far from when it was saved). */
type Shown = {
  status: NonNullable<FollowUp['checkIn']>['status'];
  lat?: number;
  lng?: number;
  accuracy?: number;
  at?: number;
  late?: boolean;
  /** Metres from the customer's place, when it was known. */
  distance?: number;
};

/** Farther than this from the customer's place, a check-in is marked (not refused: the place may be wrong). */
const farFromCustomer = 1000;

/** 距客户 120 米 / 3.2 公里. */
function DistanceTag({ metres }: { metres: number }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={metres > farFromCustomer ? 'orange' : 'blue'}
      style={{ marginInlineEnd: 0 }}
      data-testid="check-in-distance"
    >
      {metres < 1000
        ? t('followUps.checkIn.metres', { n: metres })
        : t('followUps.checkIn.kilometres', { n: (metres / 1000).toFixed(1) })}
    </Tag>
  );
}

/**
 * 已签到 / 位置延迟 with the coordinates as text and 精度 ±N 米, or 未获取位置 and why. No map link: the
 * product makes no calls outside the org's own server.
 */
export function CheckInText({ checkIn: c }: { checkIn: Shown }) {
  const { t } = useTranslation();
  if (c.status !== 'located')
    return (
      <Flex gap={4} wrap align="center" data-testid="check-in" data-status={c.status}>
        <Tag style={{ marginInlineEnd: 0 }}>{t('followUps.checkIn.notLocated')}</Tag>
        <Typography.Text type="secondary">{t(`followUps.checkIn.${c.status}`)}</Typography.Text>
      </Flex>
    );
  return (
    <Flex gap={4} wrap align="center" data-testid="check-in" data-status={c.late ? 'late' : 'located'}>
      <Tag
        color={c.late ? 'orange' : 'green'}
        style={{ marginInlineEnd: 0 }}
        title={c.late ? t('followUps.checkIn.lateHint') : undefined}
      >
        {t(c.late ? 'followUps.checkIn.late' : 'followUps.checkIn.located')}
      </Tag>
      {c.distance !== undefined && <DistanceTag metres={c.distance} />}
      <Typography.Text>
        {t('followUps.checkIn.accuracy', { meters: Math.round(c.accuracy ?? 0) })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {t('followUps.checkIn.coords', { lat: c.lat?.toFixed(6), lng: c.lng?.toFixed(6) })}
      </Typography.Text>
      {c.at && (
        <Typography.Text type="secondary">
          {t('followUps.checkIn.takenAt', { time: formatDateTime(c.at) })}
        </Typography.Text>
      )}
    </Flex>
  );
}
