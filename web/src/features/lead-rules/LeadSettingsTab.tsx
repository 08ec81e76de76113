import { Alert, App, Button, Col, Divider, Form, InputNumber, Row, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { LoadError, PageSpinner, useShowProblem } from '../../components';
import { type SettingsValues, settingsBodyOf, settingsValuesOf } from './intake-values';
import { type LeadSettings, useLeadSettings, useSaveLeadSettings } from './lead-intake.api';

const cadenceStatuses: (keyof LeadSettings['cadenceDays'])[] = ['new', 'working', 'qualified'];

/** 线索设置: the first-follow-up deadline and its reminder, the cadence per status, the 无效 reasons. */
export function LeadSettingsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const settings = useLeadSettings();
  const save = useSaveLeadSettings();
  const showProblem = useShowProblem();
  const [form] = Form.useForm<SettingsValues>();
  const mayChange = can('lead_rule', 'update');
  const s = (k: string) => t(`leadRules.settings.${k}` as 'leadRules.settings.title');

  // The stored settings (again after a save or a conflict) fill the form.
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settingsValuesOf(settings.data));
  }, [settings.data, form]);

  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <PageSpinner />;
  const version = settings.data.version;

  const submit = async (v: SettingsValues) => {
    try {
      await save.mutateAsync({ version, body: settingsBodyOf(v) });
      void message.success(s('saved'));
    } catch (e) {
      showProblem(e, { form });
    }
  };

  const hours = (name: 'firstResponseHours' | 'remindBeforeHours', min: number, testId: string) => (
    <InputNumber
      min={min}
      max={720}
      precision={0}
      suffix={s('hours')}
      style={{ width: '100%' }}
      disabled={!mayChange}
      data-testid={testId}
      aria-label={s(name)}
    />
  );

  return (
    <Form<SettingsValues>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      style={{ maxWidth: 720 }}
      data-testid="lead-settings-form"
    >
      {version === 0 && <Alert type="info" showIcon title={s('defaults')} style={{ marginBottom: 16 }} />}
      <Divider titlePlacement="start">{s('firstResponse')}</Divider>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="firstResponseHours"
            label={s('firstResponseHours')}
            extra={s('firstResponseHint')}
            rules={[{ required: true, message: s('hoursRange') }]}
          >
            {hours('firstResponseHours', 1, 'lead-first-response-hours')}
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="remindBeforeHours"
            label={s('remindBeforeHours')}
            extra={s('remindHint')}
            dependencies={['firstResponseHours']}
            rules={[
              { required: true, message: s('hoursRange') },
              ({ getFieldValue }) => ({
                validator: (_, value: number | null) =>
                  value == null || value < getFieldValue('firstResponseHours')
                    ? Promise.resolve()
                    : Promise.reject(new Error(s('remindTooEarly'))),
              }),
            ]}
          >
            {hours('remindBeforeHours', 0, 'lead-remind-before-hours')}
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{s('cadence')}</Divider>
      <Typography.Paragraph type="secondary">{s('cadenceHint')}</Typography.Paragraph>
      <Row gutter={12}>
        {cadenceStatuses.map((status) => (
          <Col key={status} xs={24} sm={8}>
            <Form.Item name={['cadence', status]} label={t(`leads.statuses.${status}`)}>
              <InputNumber
                min={1}
                max={365}
                precision={0}
                suffix={s('days')}
                placeholder={s('noCadence')}
                style={{ width: '100%' }}
                disabled={!mayChange}
                data-testid={`lead-cadence-${status}`}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>

      <Divider titlePlacement="start">{s('disqualifyReasons')}</Divider>
      <Form.Item name="disqualifyReasons" extra={s('disqualifyHint')}>
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          maxCount={30}
          placeholder={s('reasonPlaceholder')}
          disabled={!mayChange}
          aria-label={s('disqualifyReasons')}
          data-testid="lead-disqualify-reasons"
        />
      </Form.Item>

      {mayChange && (
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="lead-settings-submit">
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}
