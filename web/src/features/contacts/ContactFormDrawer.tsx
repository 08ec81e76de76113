import { Alert, App, Form } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateMatch } from '../../app/api-types';
import { DuplicateMatches, FormDrawer, useIsPhone, useShowProblem } from '../../components';
import { useActiveCustomFields } from '../custom-fields';
import { ContactFields } from './ContactFields';
import { duplicateContactOf, useContact, useContactMutations } from './contacts.api';
import { changesOf, newContactOf, type Values, valuesOf } from './form-values';

type Props = {
  open: boolean;
  customerId: string;
  /** The contact to edit; none to create one. */
  contactId?: string;
  onClose: () => void;
};

/** 新建/编辑联系人; a number or e-mail of another customer is refused with who to ask. */
export function ContactFormDrawer({ open, customerId, contactId, onClose }: Props) {
  const { t } = useTranslation();
  const _phone = useIsPhone();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const existing = useContact(contactId);
  const customDefs = useActiveCustomFields('contact');
  const { create, update } = useContactMutations();
  const showProblem = useShowProblem();
  const [duplicate, setDuplicate] = useState<DuplicateMatch[] | null>(null);
  const editing = !!contactId;
  const contact = existing.data;

  useEffect(() => {
    if (contact) form.setFieldsValue(valuesOf(contact, customDefs));
  }, [contact, customDefs, form]);
  useEffect(() => {
    if (!open) setDuplicate(null);
  }, [open]);

  const save = async (v: Values) => {
    try {
      if (contact) {
        const changes = changesOf(contact, v, customDefs);
        if (Object.keys(changes).length) await update.mutateAsync({ contact, changes });
        void message.success(t('contacts.updated'));
      } else {
        await create.mutateAsync(newContactOf(customerId, v, customDefs));
        void message.success(t('contacts.created'));
      }
      onClose();
    } catch (e) {
      const dup = duplicateContactOf(e);
      if (dup) setDuplicate(dup);
      else showProblem(e, { form, onConflict: () => void existing.refetch() });
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      width={560}
      title={t(editing ? 'contacts.edit' : 'contacts.create')}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="contact-form-submit"
      loading={editing && !contact}
    >
      {duplicate && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="contact-duplicate-panel"
          title={t('contacts.duplicateTitle')}
          description={<DuplicateMatches matches={duplicate} onOpen={onClose} />}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={contact ? valuesOf(contact, customDefs) : {}}
        onFinish={(v) => void save(v)}
        onValuesChange={(changed) => {
          // A changed number or e-mail is a new question for the duplicate check.
          if ('mobile' in changed || 'phone' in changed || 'email' in changed) setDuplicate(null);
        }}
        data-testid="contact-form"
      >
        <ContactFields customDefs={customDefs} />
      </Form>
    </FormDrawer>
  );
}
