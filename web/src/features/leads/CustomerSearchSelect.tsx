import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { unwrap } from '../../app/problem';

type Props = {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** The chosen customer's name when it is known already (a match picked from the duplicate list). */
  knownLabel?: string;
  /** Told the chosen customer's name (for the words after a save). */
  onName?: (name: string | undefined) => void;
  placeholder?: string;
  testId?: string;
};

/** Picks a customer the user may see, searched on the server by name, pinyin or phone (first 20 hits). */
export function CustomerSearchSelect({ value, onChange, knownLabel, onName, placeholder, testId }: Props) {
  const [q, setQ] = useState('');
  const customers = useQuery({
    queryKey: ['customers', 'lookup', q],
    queryFn: () =>
      unwrap(api.GET('/api/v1/customers', { params: { query: { q: q || undefined, limit: 20 } } })),
  });
  const options = (customers.data?.data ?? []).map((c) => ({
    value: c.id,
    label: c.ownerName ? `${c.name} · ${c.ownerName}` : c.name,
    name: c.name,
  }));
  if (value && knownLabel && !options.some((o) => o.value === value))
    options.unshift({ value, label: knownLabel, name: knownLabel });
  return (
    <Select
      allowClear
      value={value}
      onChange={(id: string | undefined) => {
        onChange?.(id);
        onName?.(options.find((o) => o.value === id)?.name);
      }}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={customers.isFetching}
      options={options}
      placeholder={placeholder}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
