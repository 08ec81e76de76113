import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Divider, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { meKey, useMe } from '../../app/auth';
import { unwrap } from '../../app/problem';
import { useShowProblem } from '../../components';

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** 我的账号: who I am, and changing my password (other sessions end when it changes). */
export function AccountModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showProblem = useShowProblem();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    try {
      const updated = await unwrap(api.PATCH('/api/v1/me', { body: { currentPassword, newPassword } }));
      queryClient.setQueryData(meKey, updated);
      void message.success(t('account.passwordChanged'));
      form.resetFields();
      onClose();
    } catch (e) {
      showProblem(e, { form });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('account.title')} onCancel={onClose} footer={null} destroyOnHidden>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('users.name')}>{me.name}</Descriptions.Item>
        <Descriptions.Item label={t('users.email')}>{me.email}</Descriptions.Item>
        <Descriptions.Item label={t('users.mobile')}>{me.mobile ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('users.department')}>{me.departmentName}</Descriptions.Item>
      </Descriptions>
      <Divider />
      <Typography.Title level={5}>{t('account.changePassword')}</Typography.Title>
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('common.required', { field: t('account.currentPassword') }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          rules={[{ required: true, message: t('common.required', { field: t('account.newPassword') }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required', { field: t('account.confirmPassword') }) },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('account.changePassword')}
        </Button>
      </Form>
    </Modal>
  );
}
