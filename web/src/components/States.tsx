import { Button, Flex, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../app/problem';

export function PageSpinner() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: 240 }}>
      <Spin size="large" />
    </Flex>
  );
}

/** A failed load: the server's own words when it gave a problem, and a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const title = error instanceof ApiProblem && error.title ? error.title : t('common.loadFailed');
  return (
    <Result
      status="warning"
      title={title}
      extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
