import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = {
  open: boolean;
  title: string;
  initialName?: string;
  busy: boolean;
  onSubmit: (name: string, form: ReturnType<typeof Form.useForm<{ name: string }>>[0]) => void;
  onClose: () => void;
};

/** Asks for a department name (creating a sub-department or renaming one). */
export function DepartmentNameModal({ open, title, initialName, busy, onSubmit, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: initialName }}
        onFinish={(v) => onSubmit(v.name, form)}
      >
        <Form.Item
          name="name"
          label={t('departments.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('departments.name') }),
            },
          ]}
        >
          <Input maxLength={100} autoFocus data-testid="department-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
