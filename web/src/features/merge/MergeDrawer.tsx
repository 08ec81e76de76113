import { Alert, App, Button, Flex, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../app/api-types';
import { FormDrawer, useShowProblem } from '../../components';
import { regionText } from '../customers/labels';
import { type MergeField, useMergeMutations } from './merge.api';

const fields: MergeField[] = [
  'name',
  'shortName',
  'level',
  'status',
  'industry',
  'region',
  'address',
  'phone',
  'email',
  'website',
  'source',
  'ownerId',
];

/** A field's value as the merge screen shows it. */
function shown(c: Customer, f: MergeField, t: (k: string) => string): string {
  if (f === 'region') return regionText(c.region);
  if (f === 'ownerId') return c.ownerName ?? t('customers.inPool');
  if (f === 'status') return t(`customers.statuses.${c.status}`);
  const v = c[f];
  return v === null || v === undefined || v === '' ? '—' : String(v);
}

type Props = { customers: Customer[]; open: boolean; onClose: () => void; onDone: () => void };

/**
 * 合并客户: choose the customer that stays and, for each field where they differ, whose value it keeps;
 * contacts, files and collaborators of the others move to it. Undoable from the customer's page.
 */
export function MergeDrawer({ customers, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const tt = t as unknown as (k: string) => string;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ survivorId: string; reason: string } & Partial<Record<MergeField, string>>>();
  const [survivorId, setSurvivorId] = useState<string>();
  const { merge, undo } = useMergeMutations();
  const showProblem = useShowProblem();
  const survivor = customers.find((c) => c.id === survivorId) ?? customers[0];
  const differing = fields.filter((f) => new Set(customers.map((c) => shown(c, f, tt))).size > 1);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !survivor) return;
    const values = Object.fromEntries(differing.map((f) => [f, v[f] ?? survivor.id]));
    try {
      const res = await merge.mutateAsync({
        survivorId: survivor.id,
        mergedIds: customers.filter((c) => c.id !== survivor.id).map((c) => c.id),
        values,
        reason: v.reason,
      });
      const key = `merged-${res.mergeId}`;
      void message.success({
        key,
        duration: 8,
        content: (
          <span>
            {t('merge.done', { name: res.customer.name })}{' '}
            <Button
              size="small"
              type="link"
              onClick={() =>
                void undo
                  .mutateAsync(res.mergeId)
                  .then(() => message.success({ key, content: t('merge.undone') }))
                  .catch((e) => showProblem(e))
              }
              data-testid="merge-undo-toast"
            >
              {t('merge.undo')}
            </Button>
          </span>
        ),
      });
      onDone();
      onClose();
    } catch (e) {
      showProblem(e, { form });
    }
  };

  return (
    <FormDrawer
      open={open}
      title={t('merge.title', { count: customers.length })}
      onClose={onClose}
      onSubmit={() => void submit()}
      submitting={merge.isPending}
      submitTestId="merge-submit"
      submitText={t('merge.submit')}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ survivorId: customers[0]?.id }}
        data-testid="merge-form"
      >
        <Alert type="info" showIcon message={t('merge.explain')} style={{ marginBottom: 16 }} />
        <Form.Item name="survivorId" label={t('merge.survivor')}>
          <Radio.Group
            onChange={(e) => {
              // Fields still on the previous survivor's value follow the new survivor.
              const previous = survivor?.id;
              const next = e.target.value as string;
              const current = form.getFieldsValue(differing);
              form.setFieldsValue(
                Object.fromEntries(differing.filter((f) => current[f] === previous).map((f) => [f, next])),
              );
              setSurvivorId(next);
            }}
          >
            <Flex vertical gap={4}>
              {customers.map((c) => (
                <Radio key={c.id} value={c.id}>
                  {c.name}
                  <Typography.Text type="secondary">
                    {' '}
                    · {c.ownerName ?? t('customers.inPool')}
                  </Typography.Text>
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        {differing.length > 0 && <Typography.Title level={5}>{t('merge.pickValues')}</Typography.Title>}
        {differing.map((f) => (
          <Form.Item key={f} name={f} label={t(`customers.fields.${f}` as 'customers.fields.name')}>
            <Radio.Group>
              <Flex vertical gap={4}>
                {customers.map((c) => (
                  <Radio key={c.id} value={c.id}>
                    <span style={{ wordBreak: 'break-all' }}>{shown(c, f, tt)}</span>
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          </Form.Item>
        ))}
        <Typography.Paragraph type="secondary">{t('merge.unitedNote')}</Typography.Paragraph>
        <Form.Item
          name="reason"
          label={t('merge.reason')}
          rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('merge.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="merge-reason" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
