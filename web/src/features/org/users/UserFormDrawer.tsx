import { App, Form, Input, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewUser, User } from '../../../app/api-types';
import { FormDrawer, useIsPhone, useShowProblem } from '../../../components';
import { DepartmentSelect } from '../departments/DepartmentSelect';
import { useRoleOptions } from '../roles/role-options';
import { absoluteUrl, useUser, useUserMutations } from './users.api';

type Values = {
  name: string;
  email: string;
  mobile?: string;
  title?: string;
  departmentId: string;
  roles: string[];
  password?: string;
  /** 线索分配资格: assignment rules may give this person leads (editing only; new users may). */
  leadEligible?: boolean;
};
type Props = {
  open: boolean;
  /** The user to edit; none to create one. */
  userId?: string;
  defaultDepartmentId?: string;
  onClose: () => void;
  /** After creating: the invitation link when no password was given. */
  onCreated: (invitationUrl: string | null) => void;
};

const valuesOf = (u: User): Values => ({
  name: u.name,
  email: u.email,
  mobile: u.mobile ?? undefined,
  title: u.title ?? undefined,
  departmentId: u.departmentId,
  roles: u.roles,
  leadEligible: u.leadEligible,
});
const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

export function UserFormDrawer({ open, userId, defaultDepartmentId, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const _phone = useIsPhone();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const existing = useUser(userId);
  const { create, update } = useUserMutations();
  const showProblem = useShowProblem();
  const roleOptions = useRoleOptions();
  const editing = !!userId;

  const submit = async (v: Values) => {
    const fields = {
      name: v.name,
      email: v.email,
      mobile: blankToNull(v.mobile),
      title: blankToNull(v.title),
      departmentId: v.departmentId,
      roles: v.roles,
    };
    try {
      if (existing.data) {
        const changes = { ...fields, ...(v.leadEligible !== undefined && { leadEligible: v.leadEligible }) };
        await update.mutateAsync({ user: existing.data, changes });
        void message.success(t('users.updated'));
        onClose();
      } else {
        const body: NewUser = { ...fields, ...(v.password ? { password: v.password } : {}) };
        const created = await create.mutateAsync(body);
        void message.success(t('users.created'));
        onCreated(created.invitationUrl ? absoluteUrl(created.invitationUrl) : null);
      }
    } catch (e) {
      showProblem(e, { form, onConflict: () => void existing.refetch() });
    }
  };

  const user: User | undefined = existing.data;
  const initial: Partial<Values> = user
    ? valuesOf(user)
    : { departmentId: defaultDepartmentId, roles: ['sales_rep'] };
  // A reload after a version conflict shows the stored record (initialValues apply only once).
  useEffect(() => {
    if (user) form.setFieldsValue(valuesOf(user));
  }, [user, form]);
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('common.required', { field }) },
  ];

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      width={480}
      title={t(editing ? 'users.edit' : 'users.create')}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="user-form-submit"
      loading={editing && !user}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        data-testid="user-form"
      >
        <Form.Item name="name" label={t('users.name')} rules={required(t('users.name'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={required(t('users.email'))}>
          <Input type="email" maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="mobile" label={t('users.mobile')}>
          <Input maxLength={16} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="title" label={t('users.jobTitle')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('users.department')}
          rules={[{ required: true, message: t('common.required', { field: t('users.department') }) }]}
        >
          <DepartmentSelect />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={[{ required: true, message: t('common.required', { field: t('users.roles') }) }]}
        >
          <Select mode="multiple" options={roleOptions} data-testid="role-select" />
        </Form.Item>
        {editing && (
          <Form.Item
            name="leadEligible"
            label={t('users.leadEligible')}
            valuePropName="checked"
            extra={t('users.leadEligibleHint')}
          >
            <Switch data-testid="user-lead-eligible" />
          </Form.Item>
        )}
        {!editing && (
          <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHint')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
