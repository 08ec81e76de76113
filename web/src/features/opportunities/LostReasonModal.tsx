import { Flex, Form, Input, Modal, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const presets = ['competitor', 'budget', 'decision', 'needs', 'cancelled'] as const;

type Props = {
  dealName: string;
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
  busy: boolean;
};

/** 输单 needs its 输单原因: one of the usual ones a tap away, or the rep's own words. */
export function LostReasonModal({ dealName, onSubmit, onClose, busy }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={t('opportunities.lost.title', { name: dealName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('opportunities.lost.submit')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'lost-submit' }}
      destroyOnHidden
      data-testid="lost-dialog"
    >
      <Form form={form} layout="vertical" onFinish={(v) => void onSubmit(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('opportunities.lost.reason')}
          rules={[
            { required: true, whitespace: true, min: 2, message: t('opportunities.lost.reasonRequired') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="lost-reason" />
        </Form.Item>
        <Flex gap={8} wrap>
          {presets.map((p) => (
            <Tag.CheckableTag
              key={p}
              checked={false}
              onChange={() => form.setFieldsValue({ reason: t(`opportunities.lost.presets.${p}`) })}
              style={{ border: '1px solid #d9d9d9' }}
            >
              {t(`opportunities.lost.presets.${p}`)}
            </Tag.CheckableTag>
          ))}
        </Flex>
      </Form>
    </Modal>
  );
}
