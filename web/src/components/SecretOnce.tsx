import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from './copy-text';

type Props = { open: boolean; title: ReactNode; hint: ReactNode; value: string; onClose: () => void };

/** Shows a value the server returns only once (a new API key, an invitation link) with a copy button. */
export function SecretOnce({ open, title, hint, value, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await copyText(value);
      void message.success(t('common.copied'));
    } catch {
      void message.error(t('common.copyFailed'));
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.done')}</Button>}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={hint} style={{ marginBottom: 12 }} />
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly value={value} data-testid="secret-value" onFocus={(e) => e.target.select()} />
        <Button type="primary" icon={<CopyOutlined />} onClick={copy}>
          {t('common.copy')}
        </Button>
      </Space.Compact>
    </Modal>
  );
}
