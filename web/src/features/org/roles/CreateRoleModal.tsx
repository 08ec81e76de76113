import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../app/api-types';
import { useShowProblem } from '../../../components';
import { type NewRole, useCreateRole } from './roles.api';

type Props = { open: boolean; onClose: () => void; onCreated: (role: Role) => void };

/** A custom role starts with no permissions; the editor opens next to grant them. */
export function CreateRoleModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewRole>();
  const create = useCreateRole();
  const showProblem = useShowProblem();
  const submit = async (v: NewRole) => {
    try {
      onCreated(await create.mutateAsync({ ...v, description: v.description?.trim() || null }));
    } catch (e) {
      showProblem(e, { form });
    }
  };
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('common.required', { field }) },
  ];
  return (
    <Modal
      open={open}
      title={t('roles.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.createAction')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<NewRole> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('roles.name')} rules={required(t('roles.name'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="key"
          label={t('roles.key')}
          extra={t('roles.keyHint')}
          rules={required(t('roles.key'))}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="description" label={t('roles.description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
