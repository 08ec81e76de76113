import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { unwrap } from '../../app/problem';

type Props = { value?: string; onChange: (id: string | undefined) => void; placeholder: string };

/** Finds a user by name, e-mail or mobile as the user types (server-side search, first 20 hits). */
export function ActorSelect({ value, onChange, placeholder }: Props) {
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['users', 'lookup', q],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { q: q || undefined, limit: 20 } } })),
  });
  return (
    <Select
      allowClear
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={users.isFetching}
      options={users.data?.data.map((u) => ({ value: u.id, label: u.name }))}
      style={{ width: '100%' }}
    />
  );
}
