import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Decision } from './approvals.api';

type Props = {
  decision: Exclude<Decision, 'withdraw'>;
  record: string;
  submitting: boolean;
  onSubmit: (comment: string | undefined) => void;
  onClose: () => void;
};

/** 同意 (comment optional), 驳回 (a reason of 2–500 characters), 重新提交 (a note, optional). */
export function DecisionModal({ decision, record, submitting, onSubmit, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ comment?: string }>();
  const reject = decision === 'reject';
  const title = {
    approve: t('approvals.confirmApprove', { record }),
    reject: t('approvals.confirmReject', { record }),
    resubmit: t('approvals.confirmResubmit', { record }),
  }[decision];
  const label = reject
    ? t('approvals.rejectReason')
    : decision === 'approve'
      ? t('approvals.commentOptional')
      : t('approvals.resubmitComment');
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(`approvals.actions.${decision}`)}
      okButtonProps={{ danger: reject, loading: submitting, size: 'large', 'data-testid': 'decision-submit' }}
      cancelButtonProps={{ size: 'large' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => onSubmit(v.comment?.trim() || undefined)}>
        <Form.Item
          name="comment"
          label={label}
          extra={reject ? t('approvals.rejectReasonHint') : undefined}
          rules={
            reject
              ? [
                  { required: true, whitespace: true, message: t('approvals.rejectReasonRequired') },
                  { min: 2, message: t('approvals.rejectReasonShort') },
                ]
              : []
          }
        >
          <Input.TextArea rows={4} maxLength={500} showCount autoFocus data-testid="decision-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
