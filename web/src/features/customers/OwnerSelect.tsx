import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { unwrap } from '../../app/problem';

type Props = {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** The current owner, shown even when not among the first hits. */
  current?: { id: string; name: string } | null;
  placeholder?: string;
};

/** 负责人: active users the viewer may see, searched on the server as they type (first 20 hits). */
export function OwnerSelect({ value, onChange, current, placeholder }: Props) {
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['users', 'lookup', 'active', q],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/users', { params: { query: { q: q || undefined, active: 'true', limit: 20 } } }),
      ),
  });
  const options = (users.data?.data ?? []).map((u) => ({
    value: u.id,
    label: `${u.name} · ${u.departmentName}`,
  }));
  if (current && !options.some((o) => o.value === current.id))
    options.unshift({ value: current.id, label: current.name });
  return (
    <Select
      allowClear
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={users.isFetching}
      options={options}
      style={{ width: '100%' }}
      data-testid="owner-select"
    />
  );
}
