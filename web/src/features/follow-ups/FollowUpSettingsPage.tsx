import { Alert, App, Button, Card, Checkbox, Col, Form, Row, Switch, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { LoadError, PageHeader, PageSpinner, useShowProblem } from '../../components';
import { type FollowUpSettings, useFollowUpSettings, useSaveFollowUpSettings } from './follow-ups.api';

/** ISO weekdays 1–7 by name (the words' keys). */
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

type Values = {
  nextRequired: boolean;
  hours: [Dayjs, Dayjs];
  workDays: number[];
  dailyReminder: boolean;
};

const valuesOf = (s: FollowUpSettings): Values => ({
  nextRequired: s.nextRequired,
  hours: [dayjs(s.workStart, 'HH:mm'), dayjs(s.workEnd, 'HH:mm')],
  workDays: s.workDays,
  dailyReminder: s.dailyReminder,
});

/**
 * 跟进设置: whether every follow-up names the next one (else the cadence sets it), and the working hours
 * and days in which the daily 跟进提醒 goes out. Everyone may read them; admins change them.
 */
export function FollowUpSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const settings = useFollowUpSettings();
  const save = useSaveFollowUpSettings();
  const showProblem = useShowProblem();
  const [form] = Form.useForm<Values>();
  const mayChange = can('follow_up_setting', 'update');
  const s = (k: string) => t(`followUpFeed.settings.${k}` as 'followUpFeed.settings.title');

  useEffect(() => {
    if (settings.data) form.setFieldsValue(valuesOf(settings.data));
  }, [settings.data, form]);

  let body: React.ReactNode;
  if (settings.isError) body = <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  else if (!settings.data) body = <PageSpinner />;
  else {
    const version = settings.data.version;
    const submit = async (v: Values) => {
      try {
        await save.mutateAsync({
          version,
          body: {
            nextRequired: v.nextRequired,
            workStart: v.hours[0].format('HH:mm'),
            workEnd: v.hours[1].format('HH:mm'),
            workDays: v.workDays,
            dailyReminder: v.dailyReminder,
          },
        });
        void message.success(s('saved'));
      } catch (e) {
        showProblem(e, { form, fieldOf: (p) => (p === 'body.workEnd' ? ['hours'] : null) });
      }
    };
    body = (
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={!mayChange}
        onFinish={(v) => void submit(v)}
        style={{ maxWidth: 720 }}
        data-testid="follow-up-settings-form"
      >
        {version === 0 && <Alert type="info" showIcon title={s('defaults')} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="nextRequired"
          label={s('nextRequired')}
          extra={s('nextRequiredHint')}
          valuePropName="checked"
        >
          <Switch data-testid="settings-next-required" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="hours"
              label={s('hours')}
              rules={[{ required: true, message: s('hoursRequired') }]}
            >
              <TimePicker.RangePicker
                format="HH:mm"
                minuteStep={15}
                style={{ width: '100%' }}
                data-testid="settings-hours"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="workDays"
          label={s('days')}
          rules={[{ required: true, type: 'array', min: 1, message: s('daysRequired') }]}
        >
          <Checkbox.Group
            options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
              value: d,
              label: t(`followUpFeed.settings.weekdays.${weekdays[d - 1]!}`),
            }))}
            data-testid="settings-days"
          />
        </Form.Item>
        <Form.Item
          name="dailyReminder"
          label={s('dailyReminder')}
          extra={s('dailyReminderHint')}
          valuePropName="checked"
        >
          <Switch data-testid="settings-daily-reminder" />
        </Form.Item>
        {mayChange ? (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
            {t('common.save')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{s('readOnly')}</Typography.Text>
        )}
      </Form>
    );
  }
  return (
    <>
      <PageHeader title={s('title')} subtitle={s('subtitle')} />
      <Card>{body}</Card>
    </>
  );
}
