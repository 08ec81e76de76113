import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { translateDynamic } from '../../app/i18n';
import { endOfOrgDay } from '../../app/time';
import { useShowProblem } from '../../components';
import { type NewApiKey, useCreateApiKey } from './api-keys.api';

type Values = { name: string; scopes?: string[]; expiresAt?: Dayjs | null };
type Props = { open: boolean; onClose: () => void; onCreated: (key: string) => void };

export function CreateApiKeyModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const create = useCreateApiKey();
  const showProblem = useShowProblem();

  // A key can only hold rights its user has now: offer exactly those.
  const scopeOptions = Object.entries(me.permissions).map(([object, grant]) => {
    const objectLabel = translateDynamic(`audit.objects.${object}`, object);
    return {
      label: objectLabel,
      options: [`${object}:*`, ...grant.actions.map((a) => `${object}:${a}`)].map((value) => {
        const action = value.split(':')[1] ?? '';
        const actionLabel =
          action === '*' ? t('apiKeys.anyAction') : translateDynamic(`roles.actionNames.${action}`, action);
        return { value, label: `${objectLabel} · ${actionLabel} (${value})` };
      }),
    };
  });

  const submit = async (v: Values) => {
    const body: NewApiKey = {
      name: v.name,
      scopes: v.scopes?.length ? v.scopes : null,
      expiresAt: v.expiresAt ? endOfOrgDay(v.expiresAt) : null,
    };
    try {
      const created = await create.mutateAsync(body);
      form.resetFields();
      onCreated(created.key);
    } catch (e) {
      showProblem(e, { form });
    }
  };

  return (
    <Modal
      open={open}
      title={t('apiKeys.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.createAction')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="name"
          label={t('apiKeys.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('apiKeys.name') }) },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="scopes" label={t('apiKeys.scopes')} extra={t('apiKeys.scopesHint')}>
          <Select mode="multiple" options={scopeOptions} allowClear placeholder={t('apiKeys.allScopes')} />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('apiKeys.expiresAt')}>
          <DatePicker
            style={{ width: '100%' }}
            placeholder={t('apiKeys.neverExpires')}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
