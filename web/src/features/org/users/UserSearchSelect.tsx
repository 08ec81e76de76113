import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../../app/api';
import { unwrap } from '../../../app/problem';
import { useUser } from './users.api';

type Props = {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** A user who may not be chosen (e.g. the one handing over). */
  excludeId?: string;
  /** The chosen user's name when it is already known (saves a request). */
  knownLabel?: string;
  placeholder?: string;
  testId?: string;
};

/** Picks an active colleague, searched on the server by name, e-mail or mobile (first 20 hits). */
export function UserSearchSelect({ value, onChange, excludeId, knownLabel, placeholder, testId }: Props) {
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['users', 'lookup', 'active', q],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/users', { params: { query: { q: q || undefined, active: 'true', limit: 20 } } }),
      ),
  });
  const options = (users.data?.data ?? [])
    .filter((u) => u.id !== excludeId)
    .map((u) => ({ value: u.id, label: `${u.name} · ${u.departmentName}` }));
  const missing = !!value && !options.some((o) => o.value === value);
  const current = useUser(missing && !knownLabel ? value : undefined);
  if (missing && value) {
    const label = knownLabel ?? (current.data ? `${current.data.name} · ${current.data.departmentName}` : '');
    options.unshift({ value, label });
  }
  return (
    <Select
      allowClear
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={users.isFetching}
      options={options}
      placeholder={placeholder}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
