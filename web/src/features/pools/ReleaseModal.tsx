import { type ButtonProps, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowProblem } from '../../components';
import { type PoolObject, useMoves, usePools } from './pools.api';

type Props = {
  ids: string[];
  open: boolean;
  onClose: () => void;
  onDone?: () => void;
  /** Customers (退回公海, the default) or leads (退回线索池). */
  object?: PoolObject;
};

/** 退回公海 / 退回线索池: a reason (required, it stays in the history) and which pool; the default is where each came from. */
export function ReleaseModal({ ids, open, onClose, onDone, object = 'customer' }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; poolId?: string }>();
  const pools = usePools(object);
  const { release } = useMoves(object);
  const lead = object === 'lead';
  const showProblem = useShowProblem();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    try {
      await release.mutateAsync({ ids, reason: v.reason, poolId: v.poolId });
      form.resetFields();
      onDone?.();
      onClose();
    } catch (e) {
      showProblem(e, { form });
    }
  };
  return (
    <Modal
      open={open}
      title={t(lead ? 'leads.pool.release.title' : 'poolsRep.release.title', { count: ids.length })}
      okText={t('poolsRep.release.ok')}
      onOk={() => void submit()}
      confirmLoading={release.isPending}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'release-ok' } as ButtonProps}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('poolsRep.release.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              max: 500,
              message: t('poolsRep.release.reasonRequired'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="release-reason" />
        </Form.Item>
        <Form.Item
          name="poolId"
          label={t('poolsRep.release.pool')}
          extra={t(lead ? 'leads.pool.release.poolHelp' : 'poolsRep.release.poolHelp')}
        >
          <Select
            allowClear
            placeholder={t(lead ? 'leads.pool.release.poolDefault' : 'poolsRep.release.poolDefault')}
            options={(pools.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
