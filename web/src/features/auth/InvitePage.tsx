import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { unwrap } from '../../app/problem';
import { PageSpinner, useShowProblem } from '../../components';
import { AuthFrame } from './AuthFrame';

type Values = { password: string; confirm: string };

export function InvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const showProblem = useShowProblem();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => unwrap(api.GET('/api/v1/auth/invitations/{token}', { params: { path: { token } } })),
  });

  const submit = async ({ password }: Values) => {
    setBusy(true);
    try {
      const res = await unwrap(
        api.POST('/api/v1/auth/invitations/{token}/accept', {
          params: { path: { token } },
          body: { password },
        }),
      );
      signedIn(res.user, res.csrfToken);
      navigate('/', { replace: true });
    } catch (e) {
      showProblem(e, { form });
      setBusy(false);
    }
  };

  if (invitation.isPending) return <PageSpinner />;
  if (invitation.isError) {
    return (
      <AuthFrame title={t('invite.title')}>
        <Result
          status="warning"
          title={t('invite.invalid')}
          subTitle={t('invite.invalidHint')}
          extra={<Link to="/login">{t('invite.toLogin')}</Link>}
        />
      </AuthFrame>
    );
  }
  const inv = invitation.data;
  return (
    <AuthFrame title={t('invite.welcome', { orgName: inv.orgName })}>
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('invite.name')}>{inv.name}</Descriptions.Item>
        <Descriptions.Item label={t('invite.email')}>{inv.email}</Descriptions.Item>
      </Descriptions>
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="password"
          label={t('invite.password')}
          rules={[{ required: true, message: t('common.required', { field: t('invite.password') }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('invite.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('common.required', { field: t('invite.confirm') }) },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('invite.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="invite-submit">
          {t('invite.submit')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
