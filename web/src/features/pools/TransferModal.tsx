import { type ButtonProps, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowProblem } from '../../components';
import { OwnerSelect } from '../customers/OwnerSelect';
import { type PoolObject, useMoves } from './pools.api';

type Props = {
  ids: string[];
  open: boolean;
  onClose: () => void;
  onDone?: () => void;
  /** Customers (the default) or leads. */
  object?: PoolObject;
};

/** 转移: hand customers or leads to an active colleague the user may assign to, with an optional reason. */
export function TransferModal({ ids, open, onClose, onDone, object = 'customer' }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ toUserId: string; reason?: string }>();
  const { transfer } = useMoves(object);
  const showProblem = useShowProblem();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    try {
      await transfer.mutateAsync({ ids, toUserId: v.toUserId, reason: v.reason?.trim() || undefined });
      onDone?.();
      onClose();
    } catch (e) {
      showProblem(e, { form });
    }
  };
  return (
    <Modal
      open={open}
      title={t(object === 'lead' ? 'leads.pool.transfer.title' : 'poolsRep.transfer.title', {
        count: ids.length,
      })}
      okText={t('poolsRep.transfer.ok')}
      onOk={() => void submit()}
      confirmLoading={transfer.isPending}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'transfer-ok' } as ButtonProps}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="toUserId"
          label={t('poolsRep.transfer.to')}
          rules={[{ required: true, message: t('poolsRep.transfer.toRequired') }]}
        >
          <OwnerSelect />
        </Form.Item>
        <Form.Item name="reason" label={t('poolsRep.transfer.reason')} rules={[{ min: 2, max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
