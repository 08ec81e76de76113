import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useShowProblem } from '../../components';
import { downloadFile } from './download';
import { type ImportView, useImportSteps } from './imports.api';
import { useImportText } from './object-text';

/** 导入: rows done of the total, polled; 取消 stops after the batch in flight. */
export function ProgressStep({ imp }: { imp: ImportView }) {
  const { t } = useTranslation();
  const { cancel } = useImportSteps();
  const showProblem = useShowProblem();
  const total = imp.summary?.rows ?? imp.totalRows;
  return (
    <Flex vertical align="center" gap={16} style={{ padding: 32 }} data-testid="import-progress">
      <Progress type="circle" percent={Math.floor((100 * imp.processedRows) / Math.max(1, total))} />
      <Typography.Text>{t('imports.run.progress', { done: imp.processedRows, total })}</Typography.Text>
      <Button
        danger
        disabled={imp.status === 'cancelling'}
        loading={cancel.isPending}
        onClick={() => cancel.mutate(imp.id, { onError: (e) => showProblem(e) })}
      >
        {imp.status === 'cancelling' ? t('imports.run.cancelling') : t('imports.run.cancel')}
      </Button>
    </Flex>
  );
}

/** 完成: what was created, merged, skipped and refused, and the error report. */
export function ResultStep({ imp, onAgain }: { imp: ImportView; onAgain: () => void }) {
  const { t } = useTranslation();
  const showProblem = useShowProblem();
  const text = useImportText(imp.object);
  const r = imp.result;
  const notImported = r.skipped + r.failed;
  const status =
    imp.status === 'done'
      ? notImported
        ? 'warning'
        : 'success'
      : imp.status === 'failed'
        ? 'error'
        : 'info';
  const report = (format: 'xlsx' | 'csv') =>
    downloadFile(`/api/v1/imports/${imp.id}/report?format=${format}`, `report.${format}`).catch(showProblem);
  return (
    <Result
      status={status}
      title={t(`imports.result.${imp.status}`, { defaultValue: imp.status })}
      subTitle={
        <>
          <span data-testid="import-result">{t('imports.result.counts', r)}</span>
          {imp.object === 'user' && (
            <span style={{ display: 'block' }} data-testid="import-result-users">
              {t('imports.users.extra', { departments: r.departments ?? 0, invitations: r.invitations ?? 0 })}
            </span>
          )}
        </>
      }
      extra={
        <Space wrap style={{ justifyContent: 'center' }}>
          {notImported > 0 && (
            <>
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                onClick={() => report('xlsx')}
                data-testid="import-report"
              >
                {t('imports.result.report')}
              </Button>
              <Button icon={<DownloadOutlined />} onClick={() => report('csv')}>
                {t('imports.result.reportCsv')}
              </Button>
            </>
          )}
          <Link to={text.listPath}>
            <Button>{text.backToList}</Button>
          </Link>
          <Button onClick={onAgain}>{t('imports.result.again')}</Button>
        </Space>
      }
    >
      {(r.invitations ?? 0) > 0 && (
        <Alert
          type="info"
          showIcon
          message={t('imports.users.inviteHint')}
          data-testid="import-invite-hint"
        />
      )}
    </Result>
  );
}
