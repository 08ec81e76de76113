import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Role } from '../../../app/api-types';
import { useAuth } from '../../../app/auth';
import { LoadError, PageHeader, PageSpinner, useShowProblem } from '../../../components';
import { type Matrix, PermissionMatrix } from './PermissionMatrix';
import { useRoleLabel } from './role-label';
import { useAccessObjects, useRole, useUpdateRole } from './roles.api';

type Values = { name: string; description?: string };

/** A role's name and its permission matrix; the admin role is shown read-only. */
export function RoleEditorPage() {
  const { id = '' } = useParams();
  const role = useRole(id);
  const objects = useAccessObjects();
  if (role.isError) return <LoadError error={role.error} onRetry={() => void role.refetch()} />;
  if (objects.isError) return <LoadError error={objects.error} onRetry={() => void objects.refetch()} />;
  if (!role.data || !objects.data) return <PageSpinner />;
  // Remount on a new version, so a reload after a conflict shows the stored state.
  return <RoleEditor key={role.data.version} role={role.data} reload={() => void role.refetch()} />;
}

function RoleEditor({ role, reload }: { role: Role; reload: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const objects = useAccessObjects().data ?? [];
  const update = useUpdateRole();
  const showProblem = useShowProblem();
  const label = useRoleLabel();
  const [form] = Form.useForm<Values>();
  const [matrix, setMatrix] = useState<Matrix>({
    permissions: role.permissions,
    maskedFields: role.maskedFields,
  });
  const locked = role.key === 'admin' || !can('role', 'update');

  const save = async (v: Values) => {
    try {
      await update.mutateAsync({
        role,
        changes: { name: v.name, description: v.description?.trim() || null, ...matrix },
      });
      void message.success(t('roles.saved'));
    } catch (e) {
      showProblem(e, { form, onConflict: reload });
    }
  };

  return (
    <>
      <PageHeader
        title={label(role.key)}
        subtitle={<Typography.Text code>{role.key}</Typography.Text>}
        extra={
          <>
            <Link to="/system/roles">
              <Button icon={<ArrowLeftOutlined />}>{t('roles.back')}</Button>
            </Link>
            {!locked && (
              <Button
                type="primary"
                onClick={() => form.submit()}
                loading={update.isPending}
                data-testid="save-role"
              >
                {t('common.save')}
              </Button>
            )}
          </>
        }
      />
      {role.key === 'admin' && (
        <Alert type="info" showIcon title={t('roles.adminReadonly')} style={{ marginBottom: 16 }} />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          disabled={locked}
          initialValues={{ name: role.name, description: role.description ?? undefined }}
          onFinish={save}
          style={{ maxWidth: 560 }}
        >
          <Form.Item
            name="name"
            label={t('roles.name')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('roles.name') }) },
            ]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="description" label={t('roles.description')} style={{ marginBottom: 0 }}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        </Form>
      </Card>
      <Card title={t('roles.permissions')} styles={{ body: { padding: 0 } }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0, padding: '12px 16px' }}>
          {t('roles.maskedHint')}
        </Typography.Paragraph>
        <PermissionMatrix objects={objects} value={matrix} onChange={setMatrix} disabled={locked} />
      </Card>
    </>
  );
}
