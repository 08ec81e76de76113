import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { LoadError, PageSpinner } from '../../components';
import { useAuth } from '../auth';

/** Renders the signed-in app, or sends the visitor to the login page and back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loadError, reload } = useAuth();
  const location = useLocation();
  if (me === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (me === undefined) return loadError ? <LoadError error={loadError} onRetry={reload} /> : <PageSpinner />;
  return children;
}

/** A page the menu shows only with read permission on its object; a typed URL gets a clear 403. */
export function Allowed({ object, page }: { object: string; page: ReactNode }) {
  const { can } = useAuth();
  const { t } = useTranslation();
  if (can(object, 'read')) return page;
  return (
    <Result
      status="403"
      title={t('common.forbiddenTitle')}
      subTitle={t('common.forbiddenText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('common.notFoundTitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
