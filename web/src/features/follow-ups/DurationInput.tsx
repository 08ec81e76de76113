import { Button, Flex, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';

/** The usual lengths of a call or a visit, one tap each. */
const chips = [5, 15, 30, 60];

type Props = { value?: number | null; onChange?: (m: number | null) => void };

/** 时长 in minutes (up to a day): typed, or 5 / 15 / 30 / 60 分钟 with a tap. */
export function DurationInput({ value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} wrap align="center" data-testid="follow-up-duration">
      <InputNumber
        min={0}
        max={1440}
        precision={0}
        value={value}
        onChange={(v) => onChange?.(v)}
        suffix={t('followUps.minutesUnit')}
        aria-label={t('followUps.duration')}
        style={{ width: 120 }}
      />
      {chips.map((n) => (
        <Button
          key={n}
          size="small"
          type={value === n ? 'primary' : 'default'}
          autoInsertSpace={false}
          onClick={() => onChange?.(n)}
        >
          {t('followUps.minutes', { n })}
        </Button>
      ))}
    </Flex>
  );
}
