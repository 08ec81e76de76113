import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Modal, Select, Spin, Typography, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, LoadMore, useIsPhone, useShowProblem } from '../../components';
import { AttachmentRow } from './AttachmentRow';
import { type Attachment, useAttachmentMutations, useAttachments } from './attachments.api';
import { formatFileSize } from './file-kinds';

type Props = {
  /** The object the record belongs to (customer, …); the server decides which objects take files. */
  object: string;
  recordId: string;
  /** Whether this page lets the user change the record; the server's record-level answer also counts. */
  canEdit: boolean;
  /**
   * Kinds of file the record asks for (a stage gate's 需求确认单): the upload offers them, first chosen,
   * and the list labels files of these kinds.
   */
  kinds?: FileKindChoice[];
};

export type FileKindChoice = { kind: string; label: string };

/** 附件 of one record: drop or pick a file to upload, and the list of files to download or delete. */
export function AttachmentsPanel({ object, recordId, canEdit, kinds = [] }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [modal, modalHolder] = Modal.useModal();
  const isPhone = useIsPhone();
  const showProblem = useShowProblem();
  const list = useAttachments(object, recordId);
  const { upload, remove } = useAttachmentMutations(object, recordId);
  const first = list.data?.pages[0];
  const files = list.data?.pages.flatMap((p) => p.data) ?? [];
  const mayUpload = canEdit && !!first?.canUpload;
  // '' is a plain file without a kind.
  const [kind, setKind] = useState(kinds[0]?.kind ?? '');

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const f = file as File;
    upload.mutate(
      { file: f, kind: kind || undefined },
      {
        onSuccess: (saved) => {
          void message.success(t('attachments.uploaded', { name: saved.fileName }));
          onSuccess?.(saved);
        },
        onError: (e) => {
          showProblem(e);
          onError?.(e);
        },
      },
    );
  };
  const uploadProps: UploadProps = {
    customRequest,
    multiple: false,
    maxCount: 1,
    showUploadList: false,
    disabled: upload.isPending,
  };

  const confirmDelete = (a: Attachment) =>
    void modal.confirm({
      title: t('attachments.deleteConfirm', { name: a.fileName }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await remove.mutateAsync(a);
          void message.success(t('attachments.deleted'));
        } catch (e) {
          showProblem(e);
        }
      },
    });

  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const hint = first
    ? t('attachments.limitHint', { size: formatFileSize(first.maxBytes, i18n.language) })
    : '';
  return (
    <Flex vertical gap={12} data-testid="attachments-panel">
      {modalHolder}
      {mayUpload && kinds.length > 0 && (
        <Select
          value={kind}
          onChange={setKind}
          aria-label={t('attachments.kind')}
          options={[
            ...kinds.map((k) => ({ value: k.kind, label: k.label })),
            { value: '', label: t('attachments.plainKind') },
          ]}
          style={{ width: isPhone ? '100%' : 320 }}
          data-testid="attachment-kind"
        />
      )}
      {mayUpload &&
        (isPhone ? (
          <Flex vertical gap={4}>
            <Upload {...uploadProps}>
              <Button
                icon={<UploadOutlined />}
                loading={upload.isPending}
                block
                data-testid="upload-attachment"
              >
                {upload.isPending ? t('attachments.uploading') : t('attachments.upload')}
              </Button>
            </Upload>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {hint}
            </Typography.Text>
          </Flex>
        ) : (
          <Upload.Dragger {...uploadProps} data-testid="upload-attachment">
            <Spin spinning={upload.isPending}>
              <p className="ant-upload-drag-icon" style={{ marginBottom: 8 }}>
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">
                {upload.isPending ? t('attachments.uploading') : t('attachments.dragHint')}
              </p>
              <p className="ant-upload-hint">{hint}</p>
            </Spin>
          </Upload.Dragger>
        ))}
      {list.isPending ? (
        <Spin style={{ padding: 24 }} />
      ) : files.length ? (
        <div data-testid="attachment-list">
          {files.map((a) => (
            <AttachmentRow
              key={a.id}
              attachment={a}
              kindLabel={kinds.find((k) => k.kind === a.kind)?.label}
              onDelete={canEdit ? confirmDelete : undefined}
            />
          ))}
          <LoadMore loaded={files.length} query={list} />
        </div>
      ) : (
        <Empty description={t('attachments.empty')} />
      )}
    </Flex>
  );
}
