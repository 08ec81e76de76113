import { App, Form } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, DuplicateMatch } from '../../app/api-types';
import { useAuth, useMe } from '../../app/auth';
import { FormDrawer, useIsPhone, useShowProblem } from '../../components';
import { useActiveCustomFields } from '../custom-fields';
import { CustomerFields } from './CustomerFields';
import { duplicateOf, useCustomer, useCustomerMutations } from './customers.api';
import { DuplicateCheckDrawer } from './DuplicateCheckDrawer';
import { DuplicatePanel } from './DuplicatePanel';
import { blankValues, changesOf, newCustomerOf, type Values, valuesOf } from './form-values';

type Props = {
  open: boolean;
  /** The customer to edit; none to create one. */
  customerId?: string;
  onClose: () => void;
  onCreated?: (c: Customer) => void;
};
type Duplicate = { near: boolean; matches: DuplicateMatch[] };

/** 新建/编辑客户, with the server's 查重 answer shown in the form (refused, or similar with a reason). */
export function CustomerFormDrawer({ open, customerId, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const _phone = useIsPhone();
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const existing = useCustomer(customerId);
  const customDefs = useActiveCustomFields('customer');
  const { create, update } = useCustomerMutations();
  const showProblem = useShowProblem();
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const editing = !!customerId;
  const customer = existing.data;
  const scope = me.isAdmin ? 'all' : me.permissions.customer?.scope;
  const chooseOwner = !!scope && scope !== 'own' && can('user', 'read');

  useEffect(() => {
    if (customer) form.setFieldsValue(valuesOf(customer, customDefs));
  }, [customer, customDefs, form]);
  useEffect(() => {
    if (!open) setDuplicate(null);
  }, [open]);

  const save = async (v: Values, nearDuplicateReason?: string) => {
    const reason = nearDuplicateReason ? { nearDuplicateReason } : {};
    try {
      if (customer) {
        const changes = changesOf(customer, v, customDefs);
        if (Object.keys(changes).length)
          await update.mutateAsync({ customer, changes: { ...changes, ...reason } });
        void message.success(t('customers.updated'));
        onClose();
      } else {
        const created = await create.mutateAsync({ ...newCustomerOf(v, customDefs), ...reason });
        void message.success(t('customers.created'));
        onCreated?.(created);
        onClose();
      }
    } catch (e) {
      const dup = duplicateOf(e);
      if (dup) setDuplicate(dup);
      else showProblem(e, { form, onConflict: () => void existing.refetch() });
    }
  };
  const checkTyped = () => {
    const { name, phone: tel } = form.getFieldsValue(['name', 'phone']) as Partial<Values>;
    const typed = name?.trim() || tel?.trim();
    if (typed) setChecking(typed);
    else void message.info(t('dup.enterSomething'));
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      width={560}
      title={t(editing ? 'customers.edit' : 'customers.create')}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="customer-form-submit"
      loading={editing && !customer}
    >
      {duplicate && (
        <DuplicatePanel
          near={duplicate.near}
          matches={duplicate.matches}
          saving={create.isPending || update.isPending}
          onSaveAnyway={(why) => void save(form.getFieldsValue(true) as Values, why)}
          onOpen={onClose}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={customer ? valuesOf(customer, customDefs) : blankValues}
        onFinish={(v) => void save(v)}
        onValuesChange={(changed) => {
          // A changed name, phone or e-mail is a new question for the duplicate check.
          if ('name' in changed || 'phone' in changed || 'email' in changed) setDuplicate(null);
        }}
        data-testid="customer-form"
      >
        <CustomerFields
          chooseOwner={chooseOwner}
          existing={customer}
          onCheck={checkTyped}
          customDefs={customDefs}
        />
      </Form>

      <DuplicateCheckDrawer
        open={checking !== null}
        initial={checking ?? ''}
        onClose={() => setChecking(null)}
      />
    </FormDrawer>
  );
}
