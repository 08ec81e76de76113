import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { changesOf, newOpportunityOf, valuesOf } from './form-values';
import type { OpportunityDetail } from './opportunities.api';

const deal = (over: Partial<OpportunityDetail> = {}): OpportunityDetail => ({
  id: 'd1',
  name: '二期产线改造',
  customerId: 'c1',
  customerName: '华瑞',
  pipelineId: 'p1',
  stageId: 's1',
  stageName: '线索',
  stageCategory: 'pipeline',
  probability: 5,
  status: 'open',
  amount: 0,
  currency: 'CNY',
  expectedCloseDate: null,
  ownerId: 'u1',
  ownerName: '王芳',
  source: null,
  leadId: null,
  externalId: null,
  products: null,
  competitors: null,
  lostReason: null,
  stageEnteredAt: 0,
  stalled: false,
  awaitingApproval: false,
  checklist: {},
  closedAt: null,
  lastFollowUpAt: null,
  nextFollowUpAt: null,
  custom: {},
  createdAt: 0,
  updatedAt: 0,
  version: 1,
  contacts: [],
  myAccess: { update: true, delete: true, overrideGates: false },
  pendingApproval: null,
  ...over,
});

describe('deal form values', () => {
  it('sends a new deal with the amount in 分 and only the filled fields', () => {
    expect(
      newOpportunityOf({
        name: ' 二期 ',
        customerId: 'c1',
        pipelineId: 'p1',
        amount: 1234.5,
        expectedCloseDate: dayjs('2027-03-31'),
        products: '  ',
      }),
    ).toEqual({
      name: '二期',
      customerId: 'c1',
      pipelineId: 'p1',
      amount: 123450,
      expectedCloseDate: '2027-03-31',
    });
  });
  it('reads a deal back in 元 and sends nothing when nothing changed', () => {
    const d = deal({
      amount: 9_900_00,
      expectedCloseDate: '2027-01-15',
      products: '数控机床',
      contacts: [{ id: 'k1', name: '李', title: null }],
    });
    const v = valuesOf(d);
    expect(v.amount).toBe(9900);
    expect(changesOf(d, v)).toEqual({});
  });
  it('sends only what changed, a cleared text as null', () => {
    const d = deal({ amount: 100, products: '数控机床' });
    expect(changesOf(d, { ...valuesOf(d), amount: 2, products: '', contactIds: ['k2'] })).toEqual({
      amount: 200,
      products: null,
      contactIds: ['k2'],
    });
  });
  it('moves the deal to another customer with that customer’s contacts (none when cleared)', () => {
    const d = deal({ contacts: [{ id: 'k1', name: '李', title: null }] });
    expect(changesOf(d, { ...valuesOf(d), customerId: 'c2', contactIds: [] })).toEqual({
      customerId: 'c2',
      contactIds: [],
    });
  });
});
