import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, Customer } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { LoadError, LoadMore, useShowProblem } from '../../components';
import { ContactFormDrawer } from './ContactFormDrawer';
import { ContactTable } from './ContactTable';
import { useContactMutations, useCustomerContacts } from './contacts.api';

/** 联系人 tab of the customer 360 page: the people of this customer, added and edited in place. */
export function ContactsTab({ customer, canEdit }: { customer: Customer; canEdit: boolean }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [modal, modalHolder] = Modal.useModal();
  const list = useCustomerContacts(customer.id);
  const { remove } = useContactMutations();
  const showProblem = useShowProblem();
  // undefined: closed; null: a new contact; else the id of the contact being edited.
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  // Each opening gets a fresh drawer and form store: antd keeps a form's values (reset to the last
  // initial values) across openings, so 新建 after 编辑 would start with the edited contact.
  const [opening, setOpening] = useState(0);
  const open = (id: string | null) => {
    setOpening((n) => n + 1);
    setEditing(id);
  };
  const contacts = list.data?.pages.flatMap((p) => p.data) ?? [];
  // Changing its people changes the customer, so the server also asks for update rights on it
  // (the owner's, a manager's, a read-write collaborator's — not a pool member's or a read-only one's).
  const mayCreate = can('contact', 'create') && canEdit;

  const confirmDelete = (c: Contact) =>
    void modal.confirm({
      title: t('contacts.deleteConfirm', { name: c.name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await remove.mutateAsync(c);
          void message.success(t('contacts.deleted'));
        } catch (e) {
          showProblem(e, { onConflict: () => void list.refetch() });
        }
      },
    });

  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Flex vertical gap={12}>
      {modalHolder}
      {mayCreate && (
        <Flex justify="end">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => open(null)}
            data-testid="create-contact"
          >
            {t('contacts.create')}
          </Button>
        </Flex>
      )}
      <ContactTable
        contacts={contacts}
        loading={list.isPending}
        onEdit={canEdit && can('contact', 'update') ? (c) => open(c.id) : undefined}
        onDelete={canEdit && can('contact', 'delete') ? confirmDelete : undefined}
      />
      {contacts.length > 0 && <LoadMore loaded={contacts.length} query={list} />}
      <ContactFormDrawer
        key={opening}
        open={editing !== undefined}
        customerId={customer.id}
        contactId={editing ?? undefined}
        onClose={() => setEditing(undefined)}
      />
    </Flex>
  );
}
