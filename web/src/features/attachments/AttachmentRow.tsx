import {
  DeleteOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FilePptOutlined,
  FileTextOutlined,
  FileWordOutlined,
  FileZipOutlined,
} from '@ant-design/icons';
import { Button, Flex, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Time } from '../../components';
import { type Attachment, downloadUrl } from './attachments.api';
import { type FileKind, fileKindOf, formatFileSize } from './file-kinds';

const icons: Record<FileKind, { icon: ReactNode; color: string }> = {
  pdf: { icon: <FilePdfOutlined />, color: '#cf1322' },
  image: { icon: <FileImageOutlined />, color: '#08979c' },
  word: { icon: <FileWordOutlined />, color: '#1d39c4' },
  excel: { icon: <FileExcelOutlined />, color: '#389e0d' },
  ppt: { icon: <FilePptOutlined />, color: '#d4380d' },
  archive: { icon: <FileZipOutlined />, color: '#7c5b1b' },
  text: { icon: <FileTextOutlined />, color: '#595959' },
  other: { icon: <FileOutlined />, color: '#8c8c8c' },
};

type Props = {
  attachment: Attachment;
  /** What kind of file it is, when the record asks for that kind (客户签字的需求确认单). */
  kindLabel?: string;
  onDelete?: (a: Attachment) => void;
};

/** One file: type icon, name (a download link), size · uploader · time, and its actions. */
export function AttachmentRow({ attachment: a, kindLabel, onDelete }: Props) {
  const { t, i18n } = useTranslation();
  const { icon, color } = icons[fileKindOf(a.fileName)];
  return (
    <Flex
      gap={12}
      align="center"
      style={{ padding: '10px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
      data-testid="attachment-row"
    >
      <span style={{ fontSize: 24, color, flex: 'none' }} aria-hidden>
        {icon}
      </span>
      <Flex vertical style={{ minWidth: 0, flex: 1 }}>
        <Typography.Link
          href={downloadUrl(a.id)}
          download={a.fileName}
          style={{ wordBreak: 'break-all' }}
          data-testid="attachment-name"
        >
          {a.fileName}
        </Typography.Link>
        {kindLabel && (
          <span>
            <Tag
              color="green"
              style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}
              data-testid="attachment-kind-tag"
            >
              {kindLabel}
            </Tag>
          </span>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatFileSize(a.size, i18n.language)}
          {a.createdByName && <> · {t('attachments.uploadedBy', { name: a.createdByName })}</>} ·{' '}
          <Time ms={a.createdAt} relative />
        </Typography.Text>
      </Flex>
      <Flex gap={4} style={{ flex: 'none' }}>
        <Tooltip title={t('attachments.download')}>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={downloadUrl(a.id)}
            download={a.fileName}
            aria-label={t('attachments.download')}
            data-testid="download-attachment"
          />
        </Tooltip>
        {onDelete && a.canDelete && (
          <Tooltip title={t('attachments.delete')}>
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              onClick={() => onDelete(a)}
              aria-label={t('attachments.delete')}
              data-testid="delete-attachment"
            />
          </Tooltip>
        )}
      </Flex>
    </Flex>
  );
}
