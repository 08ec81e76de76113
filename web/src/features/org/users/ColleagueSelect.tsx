import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../../app/api';
import { unwrap } from '../../../app/problem';

type Props = {
  placeholder?: string;
  testId?: string;
  /** Shown as `@name` (mentions) instead of `name · department`. */
  asMention?: boolean;
} & (
  | { mode: 'multiple'; value?: string[]; onChange?: (ids: string[]) => void; maxCount?: number }
  | { mode?: undefined; value?: string; onChange?: (id: string | undefined) => void }
);

/**
 * 同事: an active colleague (or several) by name, searched on the server as one types — open to everyone
 * signed in (name and department only), unlike the user list.
 */
export function ColleagueSelect(p: Props) {
  const [q, setQ] = useState('');
  const colleagues = useQuery({
    queryKey: ['colleagues', q],
    queryFn: () => unwrap(api.GET('/api/v1/colleagues', { params: { query: { q: q || undefined } } })),
  });
  const options = (colleagues.data?.data ?? []).map((c) => ({
    value: c.id,
    label: p.asMention ? `@${c.name}` : `${c.name} · ${c.departmentName}`,
  }));
  const common = {
    allowClear: true,
    placeholder: p.placeholder,
    showSearch: { filterOption: false, onSearch: setQ },
    loading: colleagues.isFetching,
    options,
    style: { width: '100%' },
    'data-testid': p.testId,
  };
  return p.mode === 'multiple' ? (
    <Select mode="multiple" maxCount={p.maxCount} value={p.value} onChange={p.onChange} {...common} />
  ) : (
    <Select value={p.value} onChange={p.onChange} {...common} />
  );
}
