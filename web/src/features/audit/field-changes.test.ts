import { describe, expect, it } from 'vitest';
import { fieldChanges } from './field-changes';

const fields = ['name', 'phone', 'status'] as const;
const show = (_f: string, v: unknown) => (v === undefined || v === null || v === '' ? '—' : String(v));
const label = (f: string) => f.toUpperCase();

describe('fieldChanges', () => {
  it('lists what a create set, in field order, leaving out blanks and bookkeeping columns', () => {
    const entry = {
      action: 'create',
      before: null,
      after: { status: 'new', namePinyin: 'wangzong', phone: null, name: '王总' },
    };
    expect(fieldChanges(entry, fields, show, label)).toEqual([
      { field: 'name', label: 'NAME', before: '—', after: '王总' },
      { field: 'status', label: 'STATUS', before: '—', after: 'new' },
    ]);
  });

  it('lists only the fields an update changed, cleared ones included', () => {
    const entry = {
      action: 'update',
      before: { name: '王总', phone: '13800138000', status: 'new' },
      after: { name: '王总', phone: null, status: 'working' },
    };
    expect(fieldChanges(entry, fields, show, label).map((c) => [c.field, c.before, c.after])).toEqual([
      ['phone', '13800138000', '—'],
      ['status', 'new', 'working'],
    ]);
  });
});
