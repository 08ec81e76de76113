import { Button, DatePicker, Empty, Flex, Form, Input, List, Popconfirm, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/time';
import { FormDrawer, useShowProblem } from '../../components';
import { ColleagueSelect } from '../org';
import { type Delegation, useDelegationSteps, useDelegations } from './approvals.api';

type Values = { delegateId?: string; period?: [Dayjs, Dayjs]; reason?: string };

function Period({ d }: { d: Delegation }) {
  const { t } = useTranslation();
  return (
    <Flex gap={6} wrap align="center">
      <Tag color={d.active ? 'green' : 'blue'} style={{ marginInlineEnd: 0 }}>
        {t(d.active ? 'approvals.delegation.active' : 'approvals.delegation.upcoming')}
      </Tag>
      <Typography.Text type="secondary">
        {formatDateTime(d.startsAt)} – {formatDateTime(d.endsAt)}
      </Typography.Text>
    </Flex>
  );
}

/**
 * 委托审批: while you are away a colleague decides your approvals — those waiting and those that arrive —
 * each decision marked as made for you. You may still decide yourself; 撤销 ends it early.
 */
export function DelegationDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const list = useDelegations();
  const { create, revoke } = useDelegationSteps();
  const showProblem = useShowProblem();
  const save = (v: Values) =>
    create.mutate(
      {
        delegateId: v.delegateId!,
        startsAt: v.period![0].valueOf(),
        endsAt: v.period![1].valueOf(),
        ...(v.reason?.trim() && { reason: v.reason.trim() }),
      },
      {
        onSuccess: () => form.resetFields(),
        onError: (e) => showProblem(e, { form, fieldOf: (p) => (p === 'body.endsAt' ? ['period'] : null) }),
      },
    );
  const mine = list.data?.mine ?? [];
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t('approvals.delegation.title')}
      onSubmit={() => form.submit()}
      submitting={create.isPending}
      submitText={t('approvals.delegation.add')}
      submitTestId="delegation-submit"
    >
      <Typography.Paragraph type="secondary">{t('approvals.delegation.intro')}</Typography.Paragraph>
      <List<Delegation>
        size="small"
        dataSource={mine}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('approvals.delegation.none')} />
          ),
        }}
        data-testid="delegations"
        renderItem={(d) => (
          <List.Item>
            {/* 撤销 on the name's line: as list actions it dropped below the text, indented, on a phone. */}
            <Flex vertical gap={2} style={{ width: '100%' }}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>
                  {t('approvals.delegation.to', { name: d.delegate.name })}
                </Typography.Text>
                <Popconfirm
                  title={t('approvals.delegation.revokeConfirm')}
                  onConfirm={() => revoke.mutate(d.id, { onError: (e) => showProblem(e) })}
                >
                  <Button type="link" size="small" data-testid="delegation-revoke">
                    {t('approvals.delegation.revoke')}
                  </Button>
                </Popconfirm>
              </Flex>
              <Period d={d} />
              {d.reason && <Typography.Text type="secondary">{d.reason}</Typography.Text>}
            </Flex>
          </List.Item>
        )}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        style={{ marginTop: 16 }}
        data-testid="delegation-form"
      >
        <Form.Item
          name="delegateId"
          label={t('approvals.delegation.delegate')}
          rules={[
            { required: true, message: t('common.required', { field: t('approvals.delegation.delegate') }) },
          ]}
        >
          <ColleagueSelect
            placeholder={t('approvals.delegation.delegatePlaceholder')}
            testId="delegation-delegate"
          />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('approvals.delegation.period')}
          rules={[
            { required: true, message: t('common.required', { field: t('approvals.delegation.period') }) },
          ]}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
            style={{ width: '100%' }}
            data-testid="delegation-period"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('approvals.delegation.reason')}>
          <Input maxLength={200} placeholder={t('approvals.delegation.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
