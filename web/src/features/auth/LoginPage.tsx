import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ApiProblem, unwrap } from '../../app/problem';
import { AuthFrame } from './AuthFrame';

type Values = { login: string; password: string };

/** Only same-app paths are followed after signing in. */
const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') ? next : '/');

export function LoginPage() {
  const { t } = useTranslation();
  const { me, signedIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));
  if (me) return <Navigate to={next} replace />;

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const res = await unwrap(api.POST('/api/v1/auth/login', { body: values }));
      signedIn(res.user, res.csrfToken);
      navigate(next, { replace: true });
    } catch (e) {
      // The server's words: wrong account or password, or how long the lockout lasts.
      setError(e instanceof ApiProblem && e.title ? e.title : t('common.networkError'));
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('login.welcome')}>
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
      )}
      <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} size="large">
        <Form.Item
          name="login"
          label={t('login.account')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('login.account') }),
            },
          ]}
        >
          <Input
            prefix={<UserOutlined />}
            placeholder={t('login.accountPlaceholder')}
            autoComplete="username"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
