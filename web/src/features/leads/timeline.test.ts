import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, Lead } from '../../app/api-types';
import { changesOf } from './timeline';

// Keys stand for the translations: what matters is which key and value each line shows.
const t = ((key: string) => key) as unknown as TFunction;
const lead = { ownerId: 'u1', ownerName: '刘洋' } as Lead;
const entry = (e: Partial<AuditEntry>) =>
  ({ action: 'update', before: null, after: null, ...e }) as AuditEntry;

describe('lead timeline', () => {
  it('shows 无效 with its reason, status and channel by their names', () => {
    const lines = changesOf(
      t,
      entry({
        before: { status: 'working', disqualifyReason: null, version: 2 },
        after: { status: 'disqualified', disqualifyReason: '空号', version: 3 },
      }),
      lead,
    );
    expect(lines.map((c) => [c.label, c.before, c.after])).toEqual([
      ['leads.fields.status', 'leads.statuses.working', 'leads.statuses.disqualified'],
      ['leads.fields.disqualifyReason', '—', '空号'],
    ]);
  });

  it('names the current owner and the channel on creation, leaving out pinyin and match keys', () => {
    const lines = changesOf(
      t,
      entry({
        action: 'create',
        after: {
          name: '王建国',
          namePinyin: 'wangjianguo',
          channel: 'manual',
          ownerId: 'u1',
          phoneE164: '+86',
        },
      }),
      lead,
    );
    expect(lines.map((c) => [c.field, c.after])).toEqual([
      ['name', '王建国'],
      ['channel', 'leads.channels.manual'],
      ['ownerId', '刘洋'],
    ]);
  });

  it('shows a follow-up on the lead by its method, content and next time', () => {
    const lines = changesOf(
      t,
      entry({
        object: 'follow_up',
        action: 'create',
        after: { method: 'wechat', content: '约了周三拜访', nextAt: 1_000, recordId: 'l1', createdBy: 'u1' },
      }),
      lead,
      (ms) => `at ${ms}`,
    );
    expect(lines.map((c) => [c.label, c.after])).toEqual([
      ['followUps.method', 'followUps.methods.wechat'],
      ['followUps.content', '约了周三拜访'],
      ['leads.fields.nextFollowUpAt', 'at 1000'],
    ]);
  });
});
