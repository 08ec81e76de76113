import { InboxOutlined } from '@ant-design/icons';
import { Segmented, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowProblem } from '../../components';
import { type ImportObject, type ImportView, useImportSteps } from './imports.api';
import { useImportText } from './object-text';

/** 上传: what to import (when the user may import several), then one .xlsx or .csv; the server checks what it really is. */
export function UploadStep({
  object,
  choices,
  onObject,
  onUploaded,
}: {
  object: ImportObject;
  choices: readonly ImportObject[];
  onObject: (o: ImportObject) => void;
  onUploaded: (v: ImportView) => void;
}) {
  const { t } = useTranslation();
  const text = useImportText(object);
  const { upload } = useImportSteps();
  const showProblem = useShowProblem();
  return (
    <div data-testid="import-upload">
      {choices.length > 1 && (
        <Segmented<ImportObject>
          block
          aria-label={t('imports.pick.label')}
          value={object}
          onChange={onObject}
          options={choices.map((o) => ({ value: o, label: t(`imports.pick.${o}`) }))}
          style={{ marginBottom: 16, maxWidth: 420 }}
          data-testid="import-object"
        />
      )}
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        customRequest={({ file }) =>
          upload.mutate(
            { file: file as File, object },
            { onSuccess: onUploaded, onError: (e) => showProblem(e) },
          )
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
        {text.tips}
      </Typography.Paragraph>
    </div>
  );
}
