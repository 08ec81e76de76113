import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from '../../app/shell/Brand';
import { LanguageSwitch } from '../../app/shell/LanguageSwitch';

/** The centred card of the signed-out pages, with the language switch. */
export function AuthFrame({ title, children }: { title: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex
      vertical
      align="center"
      style={{ minHeight: '100vh', boxSizing: 'border-box', padding: '24px 12px', background: '#f3f6fb' }}
    >
      <Flex justify="space-between" align="center" style={{ width: '100%', maxWidth: 420, marginBottom: 32 }}>
        <Brand />
        <LanguageSwitch signedIn={false} showLabel />
      </Flex>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24 }}>
        {t('app.tagline')}
      </Typography.Text>
    </Flex>
  );
}
