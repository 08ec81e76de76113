import { Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowProblem } from '../../components';
import { useCustomerMoves } from './pools.api';

type Props = { ids: string[]; open: boolean; onClose: () => void; onDone?: () => void };
const tagRule = { max: 20, type: 'array' as const };

/** 批量打标签: add and remove tags on the selected customers at once. */
export function TagsModal({ ids, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ add?: string[]; remove?: string[] }>();
  const { tags } = useCustomerMoves();
  const showProblem = useShowProblem();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    const add = v.add ?? [];
    const remove = v.remove ?? [];
    if (!add.length && !remove.length) {
      form.setFields([{ name: 'add', errors: [t('poolsRep.tags.nothing')] }]);
      return;
    }
    try {
      await tags.mutateAsync({ ids, add, remove });
      onDone?.();
      onClose();
    } catch (e) {
      showProblem(e, { form });
    }
  };
  return (
    <Modal
      open={open}
      title={t('poolsRep.tags.title', { count: ids.length })}
      onOk={() => void submit()}
      confirmLoading={tags.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="add" label={t('poolsRep.tags.add')} rules={[tagRule]}>
          <Select mode="tags" tokenSeparators={[',', '，']} maxTagTextLength={30} open={false} />
        </Form.Item>
        <Form.Item name="remove" label={t('poolsRep.tags.remove')} rules={[tagRule]}>
          <Select mode="tags" tokenSeparators={[',', '，']} maxTagTextLength={30} open={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
