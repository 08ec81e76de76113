import { App, Button, Divider, Form, Input, InputNumber, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../app/numbers';
import { FormDrawer, Time, useShowProblem } from '../../components';
import { amountInput } from '../targets/values';
import { type ForecastRep, useAdjust, useAdjustments } from './forecast.api';
import { money } from './money';

type Props = { rep: ForecastRep; period: string; periodName: string; onClose: () => void };
type Values = { amount: number | null; note: string };

/** 调整: a manager's number for a rep's month or quarter with the reason, beside the system's; its history below. */
export function AdjustDrawer({ rep, period, periodName, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const [form] = Form.useForm<Values>();
  const history = useAdjustments({ userId: rep.userId, period });
  const adjust = useAdjust();
  const send = (values: { amount: number | null; note: string }) =>
    adjust.mutate(
      {
        userId: rep.userId,
        period,
        amount: values.amount === null ? null : Math.round(values.amount * 100),
        note: values.note,
        basedOn: rep.adjustment?.id ?? null,
      },
      {
        onSuccess: () => {
          void message.success(t('forecast.adjust.saved'));
          onClose();
        },
        onError: (e) =>
          showProblem(e, {
            form,
            fieldOf: (path) => (path === 'body.amount' ? ['amount'] : path === 'body.note' ? ['note'] : null),
            onConflict: onClose,
          }),
      },
    );
  return (
    <FormDrawer
      open
      onClose={onClose}
      title={t('forecast.adjust.title', { name: rep.name, period: periodName })}
      width={480}
      onSubmit={() => form.submit()}
      submitting={adjust.isPending}
      submitTestId="adjust-save"
      submitText={t('forecast.adjust.save')}
    >
      <Typography.Paragraph type="secondary" data-testid="adjust-system">
        {t('forecast.adjust.system', { value: money(rep.outlook, locale, true) })}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          amount:
            rep.adjustment?.amount != null ? rep.adjustment.amount / 100 : Math.round(rep.outlook / 100),
          note: '',
        }}
        onFinish={(v) => send({ amount: v.amount, note: v.note })}
      >
        <Form.Item name="amount" label={t('forecast.adjust.amount')} rules={[{ required: true }]}>
          <InputNumber<number>
            {...amountInput('money')}
            style={{ width: '100%' }}
            data-testid="adjust-amount"
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('forecast.adjust.note')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('forecast.adjust.notePlaceholder')}
            data-testid="adjust-note"
          />
        </Form.Item>
      </Form>
      {rep.adjustment?.amount != null && (
        <Button
          danger
          onClick={() =>
            form
              .validateFields(['note'])
              .then((v) => send({ amount: null, note: v.note }))
              .catch(() => {})
          }
          loading={adjust.isPending}
          data-testid="adjust-withdraw"
        >
          {t('forecast.adjust.withdraw')}
        </Button>
      )}
      {!!history.data?.length && (
        <>
          <Divider titlePlacement="start">{t('forecast.adjust.history')}</Divider>
          <Timeline
            items={[...history.data].reverse().map((a) => ({
              children: (
                <div data-testid="adjust-entry">
                  <Typography.Text strong>
                    {a.amount === null ? t('forecast.adjust.withdrawn') : money(a.amount, locale, true)}
                  </Typography.Text>
                  <div>{a.note}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.byName} · <Time ms={a.at} />
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        </>
      )}
    </FormDrawer>
  );
}
