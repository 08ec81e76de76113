import { Form, Modal } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentSelect } from './DepartmentSelect';
import { type DeptNode, subtreeIds } from './tree';

type Props = {
  dept: DeptNode;
  open: boolean;
  busy: boolean;
  onSubmit: (parentId: string) => void;
  onClose: () => void;
};

/** Picks a new parent; the department itself and its sub-departments are not offered. */
export function MoveDepartmentModal({ dept, open, busy, onSubmit, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ parentId: string }>();
  const blocked = useMemo(() => subtreeIds(dept), [dept]);
  return (
    <Modal
      open={open}
      title={`${t('departments.move')} · ${dept.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ parentId: dept.parentId }}
        onFinish={(v) => onSubmit(v.parentId)}
      >
        <Form.Item
          name="parentId"
          label={t('departments.parent')}
          rules={[{ required: true, message: t('common.required', { field: t('departments.parent') }) }]}
        >
          <DepartmentSelect disabledIds={blocked} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
