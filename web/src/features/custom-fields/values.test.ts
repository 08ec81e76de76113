import { describe, expect, it } from 'vitest';
import type { CustomFieldDef } from './custom-fields.api';
import { customChangesOf, customFormValues, newCustomOf } from './values';

const def = (key: string, type: CustomFieldDef['type']): CustomFieldDef => ({
  id: key,
  object: 'customer',
  key,
  labelZh: key,
  labelEn: key,
  type,
  options: {},
  required: false,
  position: 0,
  active: true,
  helpZh: null,
  helpEn: null,
  createdAt: 0,
  updatedAt: 0,
  version: 1,
});
const defs = [def('budget', 'money'), def('since', 'date'), def('note', 'text'), def('tags', 'multi_select')];

describe('custom values in forms', () => {
  it('shows money in 元 and dates as picker values, and sends 分 and YYYY-MM-DD back', () => {
    const form = customFormValues(defs, { budget: 123456, since: '2025-03-01' });
    expect(form.budget).toBe(1234.56);
    expect(newCustomOf(defs, form)).toEqual({ budget: 123456, since: '2025-03-01' });
  });

  it('sends only changed values, with null for a cleared one', () => {
    const before = { budget: 100, note: '旧', tags: ['a'] };
    const form = customFormValues(defs, before);
    expect(customChangesOf(defs, before, form)).toBeUndefined();
    expect(customChangesOf(defs, before, { ...form, note: '  ', tags: ['a', 'b'] })).toEqual({
      note: null,
      tags: ['a', 'b'],
    });
  });

  it('rounds money typed with more than two decimals to the nearest 分', () => {
    expect(newCustomOf(defs, { budget: 0.015 })).toEqual({ budget: 2 });
  });
});
