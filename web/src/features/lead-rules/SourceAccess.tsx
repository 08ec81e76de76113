import { ExportOutlined, KeyOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyBox } from './CopyBox';
import { apiEndpoint, curlExample, embedSnippet, hostedUrl, secretHeader } from './intake-values';
import type { LeadSource } from './lead-intake.api';

type Props = { source: LeadSource; mayRotate: boolean; rotating: boolean; onRotate: () => void };

/** How a source is reached: the hosted form's address and embed snippet, or the API's endpoint and header. */
export function SourceAccess({ source, mayRotate, rotating, onRotate }: Props) {
  const { t } = useTranslation();
  const a = (k: string) => t(`leadRules.sources.access.${k}` as 'leadRules.sources.access.url');
  const origin = window.location.origin;
  const label = (text: string) => (
    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
      {text}
    </Typography.Text>
  );

  if (source.kind === 'web_form') {
    const url = hostedUrl(origin, source.publicKey);
    return (
      <Flex vertical gap={6} data-testid="source-access">
        <Flex justify="space-between" align="center" gap={8}>
          {label(a('url'))}
          <Typography.Link href={url} target="_blank" rel="noreferrer" data-testid="source-preview">
            <ExportOutlined /> {a('preview')}
          </Typography.Link>
        </Flex>
        <CopyBox value={url} label={a('url')} testId="source-url" />
        {label(a('embed'))}
        <CopyBox value={embedSnippet(url, source.name)} multiline label={a('embed')} testId="source-embed" />
        {label(a('embedHint'))}
      </Flex>
    );
  }
  const endpoint = apiEndpoint(origin, source.id);
  return (
    <Flex vertical gap={6} data-testid="source-access">
      {label(a('endpoint'))}
      <CopyBox value={endpoint} label={a('endpoint')} testId="source-endpoint" />
      {label(a('header'))}
      <Flex gap={8} align="center" wrap>
        <Typography.Text code>{secretHeader}</Typography.Text>
        <Typography.Text type="secondary">{a('secretOnce')}</Typography.Text>
        {mayRotate && (
          <Popconfirm title={a('rotateConfirm')} okButtonProps={{ danger: true }} onConfirm={onRotate}>
            <Button size="small" icon={<KeyOutlined />} loading={rotating} data-testid="source-rotate">
              {a('rotate')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {label(a('curl'))}
      <CopyBox
        value={curlExample(endpoint, a('secretPlaceholder'), {
          name: a('sampleName'),
          phone: '13800001234',
          inquiry: a('sampleInquiry'),
        })}
        multiline
        label={a('curl')}
        testId="source-curl"
      />
    </Flex>
  );
}
