import { App, Button, DatePicker, Flex, Form, Input, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { inOrgZone, orgInstantOf } from '../../app/time';
import { useIsPhone, useShowProblem } from '../../components';
import {
  type FollowUpMethod,
  type FollowUpObject,
  followUpMethods,
  useWriteFollowUp,
} from './follow-ups.api';

type Values = { method: FollowUpMethod; content: string; nextAt?: Dayjs | null };

/** 电话 · 微信 · 拜访 · 邮件 · 会议 · 其他 as chips: one tap, and they wrap on a phone. */
function MethodChips({
  value,
  onChange,
}: {
  value?: FollowUpMethod;
  onChange?: (m: FollowUpMethod) => void;
}) {
  const { t } = useTranslation();
  return (
    <Tag.CheckableTagGroup<FollowUpMethod>
      value={value}
      // One is always chosen: tapping the chosen chip again keeps it.
      onChange={(m) => m && onChange?.(m)}
      options={followUpMethods.map((m) => ({ value: m, label: t(`leads.followUps.methods.${m}`) }))}
      style={{ rowGap: 8 }}
      data-testid="follow-up-method"
    />
  );
}

/** 下次跟进 a tap away: tomorrow, in 3 days, in a week — at 10:00 in the org's time zone. */
function presets(t: TFunction) {
  const at = (days: number) =>
    inOrgZone(Date.now()).add(days, 'day').hour(10).minute(0).second(0).millisecond(0);
  return [
    { label: t('leads.followUps.presets.tomorrow'), value: at(1) },
    { label: t('leads.followUps.presets.in3'), value: at(3) },
    { label: t('leads.followUps.presets.week'), value: at(7) },
  ];
}

type NextProps = { value?: Dayjs | null; onChange?: (d: Dayjs | null) => void };

/**
 * 下次跟进时间: a date-and-time picker (the phone's own on a phone, where antd's panel is wider than the
 * screen) with 明天 / 3 天后 / 1 周后 under it; the value is read as wall time in the org's zone.
 */
function NextAtInput({ value, onChange }: NextProps) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const today = inOrgZone(Date.now()).format('YYYY-MM-DD');
  return (
    <Flex vertical gap={8} data-testid="follow-up-next">
      {phone ? (
        <Input
          type="datetime-local"
          aria-label={t('leads.followUps.nextAt')}
          min={`${today}T00:00`}
          value={value ? value.format('YYYY-MM-DDTHH:mm') : ''}
          onChange={(e) => onChange?.(e.target.value ? dayjs(e.target.value) : null)}
        />
      ) : (
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format="YYYY-MM-DD HH:mm"
          placeholder={t('leads.followUps.nextPlaceholder')}
          disabledDate={(d) => d.format('YYYY-MM-DD') < today}
          value={value}
          onChange={(d) => onChange?.(d)}
          style={{ width: '100%' }}
        />
      )}
      <Flex gap={8} wrap>
        {presets(t).map((p) => (
          <Button key={p.label} size="small" autoInsertSpace={false} onClick={() => onChange?.(p.value)}>
            {p.label}
          </Button>
        ))}
      </Flex>
    </Flex>
  );
}

type Props = {
  object: FollowUpObject;
  recordId: string;
  /** Days until the next follow-up when none is given (the record's cadence); null: none, undefined: unknown. */
  cadenceDays?: number | null;
  /** After a saved follow-up (e.g. a stage gate that asked for one). */
  onSaved?: () => void;
};

/**
 * 写跟进 on a lead or a deal: how (电话, 微信, …), what happened, and optionally when next — without a
 * time the record's cadence sets it (the hint says how many days). The server does the rest (a lead's
 * first-follow-up deadline and status, a deal's next follow-up).
 */
export function FollowUpForm({ object, recordId, cadenceDays: cadence, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const write = useWriteFollowUp();
  const showProblem = useShowProblem();
  const phone = useIsPhone();
  const save = async (v: Values) => {
    try {
      await write.mutateAsync({
        object,
        recordId,
        method: v.method,
        content: v.content.trim(),
        nextAt: v.nextAt ? orgInstantOf(v.nextAt) : undefined,
      });
      form.resetFields();
      void message.success(t('leads.followUps.saved'));
      onSaved?.();
    } catch (e) {
      showProblem(e, { form });
    }
  };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ method: 'phone' }}
      onFinish={(v) => void save(v)}
      data-testid="follow-up-form"
    >
      <Form.Item name="method" label={t('leads.followUps.method')}>
        <MethodChips />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('leads.followUps.content')}
        rules={[{ required: true, whitespace: true, message: t('leads.followUps.contentRequired') }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          showCount
          placeholder={t('leads.followUps.contentPlaceholder')}
          data-testid="follow-up-content"
        />
      </Form.Item>
      <Flex gap={12} wrap align="flex-start">
        <Form.Item
          name="nextAt"
          label={t('leads.followUps.nextAt')}
          extra={
            cadence ? t('leads.followUps.nextHint', { days: cadence }) : t('leads.followUps.nextHintNone')
          }
          style={{ flex: '1 1 240px', marginBottom: 8 }}
        >
          <NextAtInput />
        </Form.Item>
        {/* On a phone a full-width button under the picker, for the thumb. */}
        <Form.Item
          label={phone ? undefined : ' '}
          colon={false}
          style={{ marginBottom: 8, width: phone ? '100%' : undefined }}
        >
          <Button
            type="primary"
            htmlType="submit"
            block={phone}
            loading={write.isPending}
            data-testid="follow-up-submit"
          >
            {t('leads.followUps.submit')}
          </Button>
        </Form.Item>
      </Flex>
    </Form>
  );
}
