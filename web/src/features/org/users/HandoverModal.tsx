import { Alert, App, type ButtonProps, Form, Input, Modal, Radio, Select, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../app/api-types';
import { translateDynamic } from '../../../app/i18n';
import { useShowProblem } from '../../../components';
import {
  type HandoverTarget,
  type Owned,
  ownedTotal,
  useHandover,
  useHandoverPools,
  useHandoverPreview,
} from './handover.api';
import { UserSearchSelect } from './UserSearchSelect';
import { useUserMutations } from './users.api';

/** `deactivate`: hand over and deactivate in one step; `transfer`: hand over only (交接客户). */
export type HandoverMode = 'deactivate' | 'transfer';
type Props = { user: User; mode: HandoverMode; onClose: () => void };
type Values = { to: 'user' | 'pool'; toUserId?: string; toPoolId?: string; reason?: string };

/** "12 个客户" (and later "3 条线索"…) for what a user owns. */
export function useOwnedText(): (owned: Owned | undefined) => string {
  const { t } = useTranslation();
  return (owned) =>
    (owned ?? [])
      .filter((o) => o.count > 0)
      .map((o) =>
        translateDynamic(`handover.objects.${o.object}`, `${o.object} × ${o.count}`, { count: o.count }),
      )
      .join(t('handover.listSeparator'));
}

/** 离职交接: shows what the user owns, asks where it goes (a colleague or a pool) and why. */
export function HandoverModal({ user, mode, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const preview = useHandoverPreview(user.id);
  const pools = useHandoverPools(true);
  const handover = useHandover();
  const { update } = useUserMutations();
  const showProblem = useShowProblem();
  const ownedText = useOwnedText();
  const to = Form.useWatch('to', form);
  const total = ownedTotal(preview.data);

  // The default pool is the natural place for customers nobody takes over.
  const defaultPool = pools.data?.find((p) => p.isDefault)?.id;
  useEffect(() => {
    if (defaultPool && !form.getFieldValue('toPoolId')) form.setFieldValue('toPoolId', defaultPool);
  }, [defaultPool, form]);

  const submit = async (v: Values) => {
    const reason = v.reason?.trim() || undefined;
    const target: HandoverTarget =
      v.to === 'user' ? { toUserId: v.toUserId!, reason } : { toPoolId: v.toPoolId!, reason };
    try {
      if (mode === 'deactivate') {
        await update.mutateAsync({ user, changes: { active: false, handover: target } });
        void message.success(t('handover.deactivated', { name: user.name, owned: ownedText(preview.data) }));
      } else {
        const res = await handover.mutateAsync({ userId: user.id, target });
        void message.success(
          ownedTotal(res.moved) > 0
            ? t('handover.done', { owned: ownedText(res.moved) })
            : t('handover.nothingMoved'),
        );
      }
      onClose();
    } catch (e) {
      showProblem(e, { form, onConflict: onClose });
    }
  };

  const ready = preview.isSuccess;
  const nothing = ready && total === 0;
  return (
    <Modal
      open
      onCancel={onClose}
      title={t(mode === 'deactivate' ? 'handover.deactivateTitle' : 'handover.title', { name: user.name })}
      okText={t(mode === 'deactivate' ? 'handover.deactivateOk' : 'handover.ok')}
      okButtonProps={
        {
          danger: mode === 'deactivate',
          disabled: !ready || nothing,
          'data-testid': 'handover-submit',
        } as ButtonProps
      }
      confirmLoading={handover.isPending || update.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <div data-testid="handover-modal">
        {!ready ? (
          <Spin style={{ display: 'block', margin: '24px auto' }} />
        ) : (
          <>
            <Alert
              type={nothing ? 'info' : 'warning'}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="handover-summary"
              title={
                nothing
                  ? t('handover.nothingOwned', { name: user.name })
                  : t(mode === 'deactivate' ? 'handover.mustHandOver' : 'handover.willMove', {
                      name: user.name,
                      owned: ownedText(preview.data),
                    })
              }
            />
            {!nothing && (
              <Form<Values>
                form={form}
                layout="vertical"
                initialValues={{ to: 'user' }}
                onFinish={(v) => void submit(v)}
                data-testid="handover-form"
              >
                <Form.Item name="to" label={t('handover.target')}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'user', label: t('handover.toUser') },
                      { value: 'pool', label: t('handover.toPool') },
                    ]}
                    data-testid="handover-target"
                  />
                </Form.Item>
                {to === 'pool' ? (
                  <Form.Item
                    name="toPoolId"
                    label={t('handover.pool')}
                    rules={[{ required: true, message: t('handover.poolRequired') }]}
                  >
                    <Select
                      loading={pools.isPending}
                      options={(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                      data-testid="handover-pool"
                    />
                  </Form.Item>
                ) : (
                  <Form.Item
                    name="toUserId"
                    label={t('handover.successor')}
                    extra={t('handover.successorHint')}
                    rules={[{ required: true, message: t('handover.successorRequired') }]}
                  >
                    <UserSearchSelect
                      excludeId={user.id}
                      placeholder={t('handover.successorPlaceholder')}
                      testId="handover-user"
                    />
                  </Form.Item>
                )}
                <Form.Item
                  name="reason"
                  label={t('handover.reason')}
                  rules={[{ min: 2, whitespace: true, message: t('handover.reasonShort') }]}
                >
                  <Input.TextArea
                    maxLength={500}
                    autoSize={{ minRows: 2, maxRows: 4 }}
                    placeholder={t('handover.reasonPlaceholder')}
                    data-testid="handover-reason"
                  />
                </Form.Item>
              </Form>
            )}
          </>
        )}
      </div>
    </Modal>
  );
}
