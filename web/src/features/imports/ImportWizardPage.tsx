import { Alert, Button, Card, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { LoadError, PageHeader, PageSpinner, useIsPhone } from '../../components';
import { type ImportObject, type ImportStatus, useImport } from './imports.api';
import { MappingStep } from './MappingStep';
import { useImportText } from './object-text';
import { PreviewStep } from './PreviewStep';
import { ProgressStep, ResultStep } from './ProgressStep';
import { UploadStep } from './UploadStep';

const stepOf: Record<ImportStatus, number> = {
  uploaded: 1,
  checking: 2,
  checked: 2,
  running: 3,
  cancelling: 3,
  done: 4,
  cancelled: 4,
  failed: 4,
};

/**
 * 导入: 上传 → 字段匹配 → 预览校验 → 导入 → 完成, of customers, of users and departments, of leads or of
 * deals (`entry`: where the wizard was opened; for customers and users the upload step offers the other
 * when the user may import both; a lead list and a deal sheet are their own entries). The import's id in the URL keeps the place on reload.
 */
export function ImportWizardPage({ entry = 'customer' }: { entry?: ImportObject }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const offered: ImportObject[] =
    entry === 'lead' || entry === 'opportunity' ? [entry] : ['customer', 'user'];
  const choices = offered.filter((o) => can(o, 'import'));
  const [chosen, setChosen] = useState<ImportObject>(choices.includes(entry) ? entry : (choices[0] ?? entry));
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const id = params.get('id') ?? undefined;
  const imp = useImport(id);
  const v = imp.data;
  const text = useImportText(v?.object ?? chosen);
  // Back to 字段匹配 from the preview: the mapping step shows while the import is "checked".
  const remap = params.get('step') === 'mapping' && v?.status === 'checked';
  const current = !id ? 0 : !v ? 0 : remap ? 1 : stepOf[v.status];
  const go = (next: { id?: string; step?: string }) =>
    setParams(Object.fromEntries(Object.entries(next).filter(([, x]) => x)) as Record<string, string>);

  let body: React.ReactNode;
  if (id && imp.isError) body = <LoadError error={imp.error} onRetry={() => void imp.refetch()} />;
  else if (id && !v) body = <PageSpinner />;
  else if (!v)
    body = (
      <UploadStep
        object={chosen}
        choices={choices}
        onObject={setChosen}
        onUploaded={(x) => go({ id: x.id })}
      />
    );
  else if (v.status === 'uploaded' || remap)
    body = <MappingStep imp={v} onChecked={() => go({ id: v.id })} />;
  else if (v.status === 'checking' || v.status === 'checked')
    body = <PreviewStep imp={v} onRemap={() => go({ id: v.id, step: 'mapping' })} />;
  else if (v.status === 'running' || v.status === 'cancelling') body = <ProgressStep imp={v} />;
  else body = <ResultStep imp={v} onAgain={() => go({})} />;

  return (
    <>
      <PageHeader
        title={text.title}
        subtitle={v ? v.fileName : text.subtitle}
        extra={
          <Link to={text.listPath}>
            <Button>{text.backToList}</Button>
          </Link>
        }
      />
      <Card>
        <Steps
          current={current}
          size="small"
          direction={phone ? 'vertical' : 'horizontal'}
          style={{ marginBottom: 24 }}
          data-testid="import-steps"
          items={(['upload', 'mapping', 'preview', 'run', 'done'] as const).map((s) => ({
            title: t(`imports.steps.${s}`),
          }))}
        />
        {v?.error && v.status === 'failed' && (
          <Alert type="error" showIcon message={v.error} style={{ marginBottom: 16 }} />
        )}
        {body}
      </Card>
    </>
  );
}
