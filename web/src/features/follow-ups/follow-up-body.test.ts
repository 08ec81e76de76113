import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { followUpBody } from './follow-up-body';

const id = '0190a6f0-0000-7000-8000-000000000001';
const instantOf = (d: dayjs.Dayjs) => d.valueOf();
const located = { status: 'located', lat: 31.2, lng: 121.4, accuracy: 20, at: 1 } as const;

describe('the 写跟进 request', () => {
  it('sends a routine call as method and content only', () => {
    expect(
      followUpBody('customer', id, { method: 'phone', content: '  约了演示 ', needs: ' ' }, instantOf),
    ).toEqual({
      object: 'customer',
      recordId: id,
      method: 'phone',
      content: '约了演示',
    });
  });

  it('sends a visit with its details, contacts and check-in', () => {
    const body = followUpBody(
      'opportunity',
      id,
      {
        method: 'visit',
        content: '现场看了产线',
        durationMinutes: 60,
        needs: ' 二期扩产 ',
        nextStep: '出方案',
        contactIds: ['c1'],
        checkIn: located,
        nextAt: dayjs(1_800_000_000_000),
      },
      instantOf,
    );
    expect(body).toMatchObject({
      durationMinutes: 60,
      needs: '二期扩产',
      nextStep: '出方案',
      contactIds: ['c1'],
      checkIn: located,
      nextAt: 1_800_000_000_000,
    });
  });

  it('drops a check-in once the method is no longer a visit, and contacts on a lead', () => {
    const body = followUpBody(
      'lead',
      id,
      {
        method: 'phone',
        content: '回电',
        contactIds: ['c1'],
        checkIn: located,
        durationMinutes: 0,
      },
      instantOf,
    );
    expect(body.checkIn).toBeUndefined();
    expect(body.contactIds).toBeUndefined();
    expect(body.durationMinutes).toBe(0);
  });
});
