import { ExperimentOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Input, Row, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { leadChannels } from '../leads/statuses';
import { type SampleValues, sampleBodyOf } from './form-values';
import type { SampleLead } from './lead-rules.api';

type Props = {
  hint: string;
  onRun: (sample: SampleLead) => void;
  running: boolean;
  /** What the server answered for the last sample (or what to do first). */
  children: ReactNode;
  testId: string;
};

const shortFields = ['source', 'industry', 'province', 'city', 'company', 'title', 'phone', 'email'] as const;
// As long as the server takes them.
const maxLength: Partial<Record<(typeof shortFields)[number], number>> = {
  company: 200,
  email: 254,
  province: 30,
  city: 30,
};

/** 试一试: a sample lead on one side, what the rules make of it on the other. Nothing is stored. */
export function TryPanel({ hint, onRun, running, children, testId }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SampleValues>();
  const label = (k: (typeof shortFields)[number] | 'channel' | 'inquiry') => t(`leads.fields.${k}`);
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <ExperimentOutlined />
          {t('leadRules.try.title')}
        </Flex>
      }
      style={{ marginTop: 16 }}
      data-testid={testId}
    >
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={12}>
          <Form<SampleValues>
            form={form}
            layout="vertical"
            onFinish={(v) => onRun(sampleBodyOf(v))}
            data-testid={`${testId}-form`}
          >
            <Row gutter={12}>
              <Col xs={12}>
                <Form.Item name="channel" label={label('channel')}>
                  <Select
                    allowClear
                    placeholder={t('leads.channels.manual')}
                    options={leadChannels.map((c) => ({ value: c, label: t(`leads.channels.${c}`) }))}
                    data-testid="sample-channel"
                  />
                </Form.Item>
              </Col>
              {shortFields.map((k) => (
                <Col key={k} xs={12}>
                  <Form.Item name={k} label={label(k)}>
                    <Input maxLength={maxLength[k] ?? 50} data-testid={`sample-${k}`} />
                  </Form.Item>
                </Col>
              ))}
              <Col xs={24}>
                <Form.Item name="inquiry" label={label('inquiry')}>
                  <Input.TextArea
                    maxLength={2000}
                    autoSize={{ minRows: 2, maxRows: 5 }}
                    placeholder={t('leads.inquiryPlaceholder')}
                    data-testid="sample-inquiry"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" loading={running} data-testid={`${testId}-run`}>
                {t('leadRules.try.run')}
              </Button>
              <Button onClick={() => form.resetFields()}>{t('leadRules.try.clear')}</Button>
            </Flex>
          </Form>
        </Col>
        <Col xs={24} lg={12} data-testid={`${testId}-result`}>
          {children}
        </Col>
      </Row>
    </Card>
  );
}
