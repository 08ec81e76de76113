import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCustomerContacts } from '../contacts/contacts.api';

type Props = {
  customerId: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Contacts chosen already, shown by name even when not among the loaded ones. */
  known?: { id: string; name: string }[];
};

/** 联系人 of the deal's customer, several in order (the customer's first 50 by name, searchable). */
export function ContactsSelect({ customerId, value, onChange, known = [] }: Props) {
  const { t } = useTranslation();
  const contacts = useCustomerContacts(customerId);
  const loaded = contacts.data?.pages.flatMap((p) => p.data) ?? [];
  const options = loaded.map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name }));
  for (const k of known)
    if (!options.some((o) => o.value === k.id)) options.push({ value: k.id, label: k.name });
  return (
    <Select
      mode="multiple"
      allowClear
      value={value}
      onChange={onChange}
      loading={contacts.isFetching}
      options={options}
      optionFilterProp="label"
      placeholder={t('opportunities.pickContacts')}
      style={{ width: '100%' }}
      data-testid="deal-contacts"
    />
  );
}
