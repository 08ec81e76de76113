import { describe, expect, it } from 'vitest';
import type { Lead } from '../../app/api-types';
import type { CustomFieldDef } from '../custom-fields/custom-fields.api';
import { changesOf, newLeadOf, valuesOf } from './form-values';

const budget = { id: 'f1', key: 'budget', type: 'money', active: true, options: {} } as CustomFieldDef;

// A lead as the API sends it: only the fields the form maps matter (later slices add others).
const lead = {
  id: 'l1',
  name: '王建国',
  company: '上海启明软件有限公司',
  title: '采购经理',
  phone: '138****8000',
  email: null,
  wechat: null,
  region: { province: '上海', city: null },
  industry: null,
  source: '展会',
  channel: 'manual',
  channelDetail: {},
  inquiry: '想要 50 套，年底前上线',
  status: 'working',
  disqualifyReason: null,
  ownerId: 'u1',
  ownerName: '刘洋',
  ownedSince: 1,
  poolId: null,
  lastFollowUpAt: null,
  custom: { budget: 1_250_000 },
  createdAt: 1,
  updatedAt: 2,
  version: 3,
} as Partial<Lead> as Lead;

describe('lead form values', () => {
  it('sends a new lead with only what was filled in, trimmed, and the region only when given', () => {
    expect(
      newLeadOf(
        { name: ' 李娜 ', company: '  ', phone: '13900139000', inquiry: ' 询价 ', custom: { budget: 20000 } },
        [budget],
      ),
    ).toEqual({ name: '李娜', phone: '13900139000', inquiry: '询价', custom: { budget: 2_000_000 } });
    expect(newLeadOf({ name: '李娜', city: '杭州' })).toEqual({
      name: '李娜',
      region: { province: null, city: '杭州' },
    });
  });

  it('sends nothing when nothing changed — a masked phone is never sent back', () => {
    expect(changesOf(lead, valuesOf(lead, [budget]), [budget])).toEqual({});
  });

  it('sends only the changed fields, a cleared one as null, the region as a whole', () => {
    const v = { ...valuesOf(lead, [budget]), title: '', city: '浦东新区', custom: { budget: 15000 } };
    expect(changesOf(lead, v, [budget])).toEqual({
      title: null,
      region: { province: '上海', city: '浦东新区' },
      custom: { budget: 1_500_000 },
    });
  });

  it('sends a new owner, but never clears the owner by leaving the select empty', () => {
    expect(changesOf(lead, { ...valuesOf(lead), ownerId: 'u2' })).toEqual({ ownerId: 'u2' });
    expect(changesOf(lead, { ...valuesOf(lead), ownerId: undefined })).toEqual({});
  });

  it('sends how a new lead is assigned: to the creator, by the rules, or to the owner chosen', () => {
    expect(newLeadOf({ name: '周敏', assign: 'self', ownerId: 'u2' })).toEqual({ name: '周敏' });
    expect(newLeadOf({ name: '周敏', assign: 'rules', ownerId: 'u2' })).toEqual({
      name: '周敏',
      assign: 'rules',
    });
    expect(newLeadOf({ name: '周敏', assign: 'owner', ownerId: 'u2' })).toEqual({
      name: '周敏',
      ownerId: 'u2',
    });
  });
});
