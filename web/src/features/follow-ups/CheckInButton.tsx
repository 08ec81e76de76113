import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckInText } from './CheckInText';
import { type CheckIn, locate } from './check-in';

type Props = { value?: CheckIn | null; onChange?: (c: CheckIn | null) => void };

/** 签到 on a visit: one tap asks the browser where the rep is; the answer (or why none) shows at once. */
export function CheckInButton({ value, onChange }: Props) {
  const { t } = useTranslation();
  const [locating, setLocating] = useState(false);
  const checkIn = async () => {
    setLocating(true);
    try {
      onChange?.(await locate());
    } finally {
      setLocating(false);
    }
  };
  return (
    <Flex vertical gap={4} data-testid="follow-up-check-in">
      <Flex gap={8} wrap align="center">
        <Button icon={<EnvironmentOutlined />} loading={locating} onClick={() => void checkIn()}>
          {locating
            ? t('followUps.checkIn.locating')
            : value
              ? t('followUps.checkIn.again')
              : t('followUps.checkIn.action')}
        </Button>
        {value && !locating && <CheckInText checkIn={value} />}
      </Flex>
      {!value && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('followUps.checkIn.hint')}
        </Typography.Text>
      )}
    </Flex>
  );
}
