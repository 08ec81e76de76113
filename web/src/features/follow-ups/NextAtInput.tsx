import { Button, DatePicker, Flex, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { inOrgZone } from '../../app/time';
import { useIsPhone } from '../../components';

/** 下次跟进 a tap away: tomorrow, in 3 days, in a week — at 10:00 in the org's time zone. */
function presets(t: TFunction) {
  const at = (days: number) =>
    inOrgZone(Date.now()).add(days, 'day').hour(10).minute(0).second(0).millisecond(0);
  return [
    { label: t('followUps.presets.tomorrow'), value: at(1) },
    { label: t('followUps.presets.in3'), value: at(3) },
    { label: t('followUps.presets.week'), value: at(7) },
  ];
}

type NextProps = { value?: Dayjs | null; onChange?: (d: Dayjs | null) => void };

/**
 * 下次跟进时间: a date-and-time picker (the phone's own on a phone, where antd's panel is wider than the
 * screen) with 明天 / 3 天后 / 1 周后 under it; the value is read as wall time in the org's zone.
 */
export function NextAtInput({ value, onChange }: NextProps) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const today = inOrgZone(Date.now()).format('YYYY-MM-DD');
  return (
    <Flex vertical gap={8} data-testid="follow-up-next">
      {phone ? (
        <Input
          type="datetime-local"
          aria-label={t('followUps.nextAt')}
          min={`${today}T00:00`}
          value={value ? value.format('YYYY-MM-DDTHH:mm') : ''}
          onChange={(e) => onChange?.(e.target.value ? dayjs(e.target.value) : null)}
        />
      ) : (
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format="YYYY-MM-DD HH:mm"
          placeholder={t('followUps.nextPlaceholder')}
          disabledDate={(d) => d.format('YYYY-MM-DD') < today}
          value={value}
          onChange={(d) => onChange?.(d)}
          style={{ width: '100%' }}
        />
      )}
      <Flex gap={8} wrap>
        {presets(t).map((p) => (
          <Button key={p.label} size="small" autoInsertSpace={false} onClick={() => onChange?.(p.value)}>
            {p.label}
          </Button>
        ))}
      </Flex>
    </Flex>
  );
}
