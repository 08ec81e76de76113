import { InboxOutlined } from '@ant-design/icons';
import { Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowProblem } from '../../components';
import { type ImportView, useImportSteps } from './imports.api';

/** 上传: one .xlsx or .csv; the server checks what it really is. */
export function UploadStep({ onUploaded }: { onUploaded: (v: ImportView) => void }) {
  const { t } = useTranslation();
  const { upload } = useImportSteps();
  const showProblem = useShowProblem();
  return (
    <div data-testid="import-upload">
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        customRequest={({ file }) =>
          upload.mutate(file as File, { onSuccess: onUploaded, onError: (e) => showProblem(e) })
        }
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">
          {upload.isPending ? t('imports.upload.reading') : t('imports.upload.drop')}
        </p>
        <p className="ant-upload-hint">{t('imports.upload.hint')}</p>
      </Upload.Dragger>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('imports.upload.tips')}
      </Typography.Paragraph>
    </div>
  );
}
