import { Alert, Flex, Form, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StageInUse } from './pipelines.api';

type Props = {
  /** The stages to remove that still hold deals, with their counts (from 409 stage_in_use). */
  stages: StageInUse[];
  /** The stages the update keeps: only they can take deals. */
  targets: { id: string; name: string }[];
  submitting: boolean;
  onCancel: () => void;
  onSubmit: (moveDeals: Record<string, string>) => void;
};

/** Where the deals of removed stages go: one kept stage per removed stage, then the update is sent again. */
export function MoveDealsModal({ stages, targets, submitting, onCancel, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, string>>();
  const m = (k: string) => t(`pipelineSettings.moveDeals.${k}` as 'pipelineSettings.moveDeals.title');
  return (
    <Modal
      open
      title={m('title')}
      okText={m('submit')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={submitting}
      okButtonProps={{ disabled: !targets.length, 'data-testid': 'move-deals-submit' }}
      destroyOnHidden
    >
      <div data-testid="move-deals-modal">
        <Typography.Paragraph type="secondary">{m('intro')}</Typography.Paragraph>
        {!targets.length && (
          <Alert type="warning" showIcon title={m('noTargets')} style={{ marginBottom: 12 }} />
        )}
        <Form form={form} layout="vertical" onFinish={onSubmit}>
          {stages.map((s) => (
            <Form.Item
              key={s.id}
              name={s.id}
              label={
                <Flex gap={8} wrap>
                  <Typography.Text strong>{s.name}</Typography.Text>
                  <Typography.Text type="secondary">
                    {t('pipelineSettings.moveDeals.deals', { count: s.deals })}
                  </Typography.Text>
                </Flex>
              }
              rules={[{ required: true, message: m('targetRequired') }]}
            >
              <Select
                placeholder={m('targetPlaceholder')}
                options={targets.map((x) => ({ value: x.id, label: x.name }))}
                aria-label={`${m('target')} ${s.name}`}
                data-testid="move-deals-target"
              />
            </Form.Item>
          ))}
        </Form>
      </div>
    </Modal>
  );
}
