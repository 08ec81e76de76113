import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { unwrap } from '../../app/problem';
import { UserName } from './UserName';

type Props = { value?: string[]; onChange?: (ids: string[]) => void; placeholder?: string; testId?: string };

/** Several active colleagues, searched on the server by name, e-mail or mobile (first 20 hits). */
export function UsersSelect({ value = [], onChange, placeholder, testId }: Props) {
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['users', 'lookup', 'active', q],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/users', { params: { query: { q: q || undefined, active: 'true', limit: 20 } } }),
      ),
  });
  const options: { value: string; label: React.ReactNode; title?: string }[] = (users.data?.data ?? []).map(
    (u) => ({
      value: u.id,
      label: `${u.name} · ${u.departmentName}`,
      title: `${u.name} · ${u.departmentName}`,
    }),
  );
  // Chosen people not among the hits still show their names.
  for (const id of value)
    if (!options.some((o) => o.value === id)) options.unshift({ value: id, label: <UserName id={id} /> });
  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onBlur={() => setQ('')}
      loading={users.isFetching}
      options={options}
      placeholder={placeholder}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
