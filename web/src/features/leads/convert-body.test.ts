import { describe, expect, it } from 'vitest';
import { carriedOver, convertBodyOf, defaultCustomerName } from './convert-body';

// 转化: the body the dialog sends for each choice.
const lead = { name: '王建国', company: '青松智能装备有限公司' };
const privateBuyer = { name: '赵丽华', company: null };

describe('defaultCustomerName', () => {
  it('is the company, or the person for a private buyer', () => {
    expect(defaultCustomerName(lead)).toBe('青松智能装备有限公司');
    expect(defaultCustomerName(privateBuyer)).toBe('赵丽华');
    expect(defaultCustomerName({ name: '赵丽华', company: '  ' })).toBe('赵丽华');
  });
});

describe('convertBodyOf', () => {
  it('leaves the default name to the server and sends a chosen level', () => {
    expect(convertBodyOf(lead, { mode: 'new', name: ' 青松智能装备有限公司 ', level: 'A' }, true)).toEqual({
      customer: { mode: 'new', level: 'A' },
      contact: true,
    });
  });

  it('sends a changed name trimmed, no level when none is chosen, and the contact switch', () => {
    expect(convertBodyOf(lead, { mode: 'new', name: ' 青松智能 ', level: null }, false)).toEqual({
      customer: { mode: 'new', name: '青松智能' },
      contact: false,
    });
  });

  it('opens a deal when asked: its amount typed in 元 sent in 分, pipeline and close day when chosen', () => {
    expect(
      convertBodyOf(lead, { mode: 'new' }, true, {
        amount: 12_345.675,
        pipelineId: 'p1',
        expectedCloseDate: '2027-03-31',
      }),
    ).toEqual({
      customer: { mode: 'new' },
      contact: true,
      opportunity: { amount: 1_234_568, pipelineId: 'p1', expectedCloseDate: '2027-03-31' },
    });
    expect(convertBodyOf(lead, { mode: 'existing', customerId: 'c1' }, false, { amount: null })).toEqual({
      customer: { mode: 'existing', customerId: 'c1' },
      contact: false,
      opportunity: { amount: 0 },
    });
  });

  it('carries the reason for a near duplicate', () => {
    expect(
      convertBodyOf(
        lead,
        { mode: 'new', name: '青松智能装备有限公司', nearDuplicateReason: ' 不同的公司 ' },
        true,
      ),
    ).toEqual({ customer: { mode: 'new', nearDuplicateReason: '不同的公司' }, contact: true });
  });

  it('names an existing customer, and is nothing until one is chosen', () => {
    expect(convertBodyOf(lead, { mode: 'existing', customerId: 'c-1' }, true)).toEqual({
      customer: { mode: 'existing', customerId: 'c-1' },
      contact: true,
    });
    expect(convertBodyOf(lead, { mode: 'existing' }, true)).toBeNull();
  });
});

describe('carriedOver', () => {
  const full = {
    company: '青松',
    region: { province: '浙江省', city: '杭州市' },
    industry: '制造业',
    source: '展会',
    phone: '13900000000',
    email: null,
    wechat: null,
    inquiry: '要报价',
  };
  it('lists what the lead has, the contact and its notes only when a contact is made', () => {
    expect(carriedOver(full, true)).toEqual([
      'region',
      'industry',
      'source',
      'contact',
      'inquiry',
      'files',
      'history',
    ]);
    expect(carriedOver(full, false)).toEqual(['region', 'industry', 'source', 'files', 'history']);
    expect(
      carriedOver(
        { ...full, region: { province: null, city: null }, industry: null, source: null, inquiry: null },
        true,
      ),
    ).toEqual(['contact', 'files', 'history']);
  });
});
