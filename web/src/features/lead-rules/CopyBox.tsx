import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { copyText } from '../../components/copy-text';

type Props = { value: string; multiline?: boolean; label: string; testId: string };

/** A text an admin copies elsewhere (an address, an embed snippet, a curl call), with a copy button. */
export function CopyBox({ value, multiline, label, testId }: Props) {
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
  const button = (
    <Button icon={<CopyOutlined />} onClick={() => void copy()} aria-label={`${t('common.copy')} ${label}`}>
      {t('common.copy')}
    </Button>
  );
  if (!multiline)
    return (
      <Space.Compact style={{ width: '100%' }}>
        <Input
          readOnly
          value={value}
          aria-label={label}
          onFocus={(e) => e.target.select()}
          data-testid={testId}
        />
        {button}
      </Space.Compact>
    );
  return (
    <Flex vertical gap={6} align="flex-start">
      <Input.TextArea
        readOnly
        value={value}
        aria-label={label}
        autoSize={{ minRows: 2, maxRows: 6 }}
        onFocus={(e) => e.target.select()}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
        data-testid={testId}
      />
      {button}
    </Flex>
  );
}
