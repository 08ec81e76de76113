import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../app/api-types';
import { ApiProblem } from '../../app/problem';
import { useShowProblem } from '../../components';
import { useLeadMutations, useLeadSettings } from './leads.api';

type Props = { lead: Lead; open: boolean; onClose: () => void; onConflict: () => void };

/**
 * 标记无效: closes a lead; the reason is required and stays on the lead and in its log. When the org
 * keeps a list of 无效原因 (线索设置), the reason is one of them.
 */
export function DisqualifyModal({ lead, open, onClose, onConflict }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { disqualify } = useLeadMutations();
  const reasons = useLeadSettings().data?.disqualifyReasons ?? [];
  const showProblem = useShowProblem();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await disqualify.mutateAsync({ lead, reason: v.reason.trim() });
      void message.success(t('leads.disqualify.done'));
      onClose();
    } catch (e) {
      // A stale version reloads the lead and keeps the reason typed, to send again; a lead someone
      // else closed meanwhile (409) has nothing left to do here.
      showProblem(e, { form, onConflict });
      if (e instanceof ApiProblem && e.status === 409) onClose();
    }
  };
  return (
    <Modal
      open={open}
      title={t('leads.disqualify.title', { name: lead.name })}
      okText={t('leads.disqualify.ok')}
      okButtonProps={{ danger: true, loading: disqualify.isPending }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} data-testid="disqualify-form">
        <Form.Item
          name="reason"
          label={t('leads.disqualify.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              message: t(
                reasons.length ? 'leads.disqualify.chooseRequired' : 'leads.disqualify.reasonRequired',
              ),
            },
          ]}
        >
          {reasons.length ? (
            <Select
              options={reasons.map((r) => ({ value: r, label: r }))}
              placeholder={t('leads.disqualify.choose')}
              data-testid="disqualify-reason"
            />
          ) : (
            <Input.TextArea
              rows={3}
              maxLength={200}
              showCount
              placeholder={t('leads.disqualify.placeholder')}
              data-testid="disqualify-reason"
            />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
