import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { unwrap } from '../../app/problem';
import { useUserName } from './CustomValue';

type Props = { value?: string; onChange?: (id: string | undefined) => void; testId?: string };

/** A `user` field's input: active users the viewer may see, searched on the server (first 20 hits). */
export function UserPicker({ value, onChange, testId }: Props) {
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['users', 'lookup', 'active', q],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/users', { params: { query: { q: q || undefined, active: 'true', limit: 20 } } }),
      ),
  });
  const currentName = useUserName(value);
  const options = (users.data?.data ?? []).map((u) => ({
    value: u.id,
    label: `${u.name} · ${u.departmentName}`,
  }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: currentName });
  return (
    <Select
      allowClear
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={users.isFetching}
      options={options}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
