import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../app/api-types';
import { en } from '../../app/locales/en';
import { zhCN } from '../../app/locales/zh-CN';
import { assignmentWords, type Names } from './assignment-words';
import { quickQuery } from './quick-filters';
import { scoreBand, scoreSum, signed } from './score';
import { countdown, nextView, slaView } from './sla';

// The words a rep reads on the lead list and page, in the real catalogues of both languages.
const tOf: Record<'zh-CN' | 'en', TFunction> = {} as never;
beforeAll(async () => {
  for (const [lng, translation] of [
    ['zh-CN', zhCN],
    ['en', en],
  ] as const) {
    const i = i18next.createInstance();
    await i.init({ lng, resources: { [lng]: { translation } }, interpolation: { escapeValue: false } });
    tOf[lng] = i.t;
  }
});

const hour = 3_600_000;
const now = Date.UTC(2026, 2, 2, 2, 0); // 10:00 in Shanghai
const lead = (l: Partial<Lead>) =>
  ({
    status: 'new',
    ownerId: 'u-wu',
    ownerName: '吴芳',
    ownedSince: now - hour,
    poolId: null,
    slaDueAt: null,
    slaState: null,
    firstFollowUpAt: null,
    nextFollowUpAt: null,
    assignmentReason: null,
    assignedAt: now - hour,
    score: 0,
    scoreExplanation: [],
    ...l,
  }) as Lead;

function leftText(lng: 'zh-CN' | 'en', ms: number): string {
  const c = countdown(ms);
  const t = tOf[lng];
  return c.unit === 'days' ? t('leads.sla.left.days', c) : t(`leads.sla.left.${c.unit}`, { count: c.count });
}

describe('first-follow-up countdown', () => {
  it('reads whole hours, days and hours, or minutes left', () => {
    expect(leftText('zh-CN', 5 * hour + 59 * 60_000)).toBe('剩 5 小时');
    expect(leftText('zh-CN', 27 * hour)).toBe('剩 1 天 3 小时');
    expect(leftText('zh-CN', 25 * 60_000)).toBe('剩 25 分钟');
    expect(leftText('zh-CN', 10_000)).toBe('剩 1 分钟');
    expect(leftText('en', 5 * hour)).toBe('5 h left');
  });

  it('runs while the deadline is ahead, amber once reminded, overdue once passed', () => {
    expect(slaView(lead({ slaDueAt: now + 5 * hour }), now)).toMatchObject({
      state: 'running',
      left: { unit: 'hours', count: 5 },
    });
    expect(slaView(lead({ slaDueAt: now + 3 * hour, slaState: 'reminded' }), now).state).toBe('reminded');
    expect(slaView(lead({ slaDueAt: now - hour, slaState: 'escalated' }), now).state).toBe('overdue');
    // Passed a moment ago, before the minute sweep marked it: already late for the rep.
    expect(slaView(lead({ slaDueAt: now - 1000 }), now).state).toBe('overdue');
  });

  it('is met by the first follow-up, late when after the deadline', () => {
    expect(
      slaView(lead({ slaDueAt: now + hour, slaState: 'met', firstFollowUpAt: now - hour }), now),
    ).toEqual({ state: 'met', at: now - hour, late: false });
    expect(slaView(lead({ slaDueAt: now - 2 * hour, slaState: 'met', firstFollowUpAt: now }), now)).toEqual({
      state: 'met',
      at: now,
      late: true,
    });
  });

  it('does not apply to a pooled or closed lead', () => {
    expect(slaView(lead({ slaDueAt: now + hour, ownerId: null }), now).state).toBe('none');
    expect(slaView(lead({ slaDueAt: now - hour, status: 'disqualified' }), now).state).toBe('none');
    expect(slaView(lead({}), now).state).toBe('none');
  });
});

describe('next follow-up', () => {
  const endOfToday = now + 14 * hour;
  it('is overdue once past, today before midnight in the org zone, later after', () => {
    expect(nextView(lead({ nextFollowUpAt: now - 1 }), now, endOfToday).state).toBe('overdue');
    expect(nextView(lead({ nextFollowUpAt: now + 5 * hour }), now, endOfToday).state).toBe('today');
    expect(nextView(lead({ nextFollowUpAt: now + 20 * hour }), now, endOfToday).state).toBe('later');
    expect(nextView(lead({ nextFollowUpAt: now - 1, status: 'converted' }), now, endOfToday).state).toBe(
      'none',
    );
  });
});

describe('score', () => {
  it('bands 80 and up as hot, 50 and up as warm', () => {
    expect([scoreBand(80), scoreBand(79), scoreBand(50), scoreBand(0)]).toEqual([
      'hot',
      'warm',
      'warm',
      'cold',
    ]);
  });
  it('says when the 0–100 bounds cut the sum of the lines', () => {
    const lines = [
      { ruleId: 'a', label: '询盘提到报价', points: 25 },
      { ruleId: 'b', label: '转介绍', points: 90 },
    ];
    expect(scoreSum(lead({ score: 100, scoreExplanation: lines }))).toEqual({ sum: 115, bounded: true });
    expect(scoreSum(lead({ score: 25, scoreExplanation: lines.slice(0, 1) })).bounded).toBe(false);
    expect([signed(25), signed(-10), signed(0)]).toEqual(['+25', '−10', '0']);
  });
});

describe('quick filters', () => {
  it('ask the list for the deadline, the next follow-up or the score', () => {
    expect(quickQuery('at_risk')).toEqual({ sla: 'at_risk' });
    expect(quickQuery('missed')).toEqual({ sla: 'missed' });
    expect(quickQuery('today')).toEqual({ followUp: 'today' });
    expect(quickQuery('overdue')).toEqual({ followUp: 'overdue' });
    expect(quickQuery('hot')).toEqual({ minScore: 80 });
    expect(quickQuery('all')).toEqual({});
  });
});

describe('why a lead has its owner', () => {
  const names: Names = {
    pool: (id) => (id === 'p1' ? '线索池' : '一个线索池'),
    user: (id) => ({ 'u-zhang': '张伟', 'u-liu': '刘洋' })[id] ?? null,
  };
  const time = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  const words = (l: Partial<Lead>, lng: 'zh-CN' | 'en' = 'zh-CN') =>
    assignmentWords(tOf[lng], lead(l), names, time);
  const rule = {
    kind: 'rule' as const,
    ruleName: '广东线索',
    method: 'round_robin' as const,
    userId: 'u-wu',
    candidates: [
      { userId: 'u-wu', name: '吴芳', openLeads: 3, assignedToday: 1, weight: 1 },
      { userId: 'u-xu', name: '徐强', openLeads: 5, assignedToday: 0, weight: 1 },
    ],
    skipped: [{ ruleId: 'r2', ruleName: '高分线索', why: 'no_candidates' as const }],
  };

  it('names the rule, its method, the one chosen, the candidates and the rules passed over', () => {
    expect(words({ assignmentReason: rule })).toEqual({
      decision: '按规则「广东线索」轮流分配给 吴芳',
      candidates: '候选人：吴芳（在跟 3 条，今日 1 条）、徐强（在跟 5 条，今日 0 条）',
      skipped: ['跳过规则「高分线索」：没有可接收的人（已停用、无分配资格或已达每日上限）'],
      reason: null,
      timeLabel: '分配时间',
      since: null,
    });
    // Round robin as the server now records it: no counts, names alone.
    const bare = rule.candidates.map(({ userId, name, weight }) => ({ userId, name, weight }));
    expect(words({ assignmentReason: { ...rule, candidates: bare } })?.candidates).toBe('候选人：吴芳、徐强');
    expect(words({ assignmentReason: { ...rule, method: 'least_open' } }, 'en')?.decision).toBe(
      'Rule “广东线索” assigned it to 吴芳, who had the fewest open leads',
    );
    expect(words({ assignmentReason: { ...rule, method: 'weighted' } })?.candidates).toContain('权重 1');
  });

  it('says a lead no rule took went to the lead pool', () => {
    const pooled = { ownerId: null, ownerName: null, assignedAt: null, poolId: 'p1' };
    expect(
      words({ ...pooled, assignmentReason: { kind: 'fallback', poolId: 'p1', skipped: [] } })?.decision,
    ).toBe('无匹配规则，进入线索池');
    expect(
      words({ ...pooled, assignmentReason: { kind: 'fallback', poolId: 'p1', skipped: rule.skipped } })
        ?.decision,
    ).toBe('匹配的规则都无法接收，进入线索池');
    expect(
      words({ ...pooled, assignmentReason: { kind: 'rule', ruleName: '展会', poolId: 'p1', skipped: [] } })
        ?.decision,
    ).toBe('按规则「展会」进入线索池');
  });

  it('names who assigned by hand, or that the creator owns it', () => {
    expect(words({ assignmentReason: { kind: 'manual', byUserId: 'u-zhang' } })?.decision).toBe(
      '由 张伟 手工指定给 吴芳',
    );
    expect(
      words({ ownerId: 'u-liu', ownerName: '刘洋', assignmentReason: { kind: 'manual', byUserId: 'u-liu' } })
        ?.decision,
    ).toBe('由 刘洋 录入并自己负责');
    expect(words({})).toBeNull();
    // The name stored with the reason reads even for a viewer who may not look them up.
    expect(
      words({ assignmentReason: { kind: 'manual', byUserId: 'u-gone', byUserName: '高雪' } })?.decision,
    ).toBe('由 高雪 手工指定给 吴芳');
    // Someone the viewer may not see, with no stored name, stays unnamed.
    expect(words({ assignmentReason: { kind: 'manual', byUserId: 'u-gone' } })?.decision).toBe(
      '手工指定给 吴芳',
    );
  });

  it('adds who has it now when it changed hands after the assignment', () => {
    const claimed = words({
      ownerId: 'u-wu',
      ownedSince: now,
      assignedAt: null,
      poolId: 'p1',
      assignmentReason: { kind: 'fallback', poolId: 'p1', skipped: [] },
    });
    expect(claimed?.since).toBe(`之后易手：${time(now)} 起由 吴芳 负责`);
    const released = words({
      ownerId: null,
      ownerName: null,
      poolId: 'p1',
      assignmentReason: { kind: 'manual', byUserId: 'u-liu' },
    });
    expect(released?.decision).toBe('由 刘洋 手工指定');
    expect(released?.since).toBe('之后已退回线索池');
  });

  describe('after it changed hands', () => {
    const moved = (r: Record<string, unknown>) =>
      ({ at: now, byUserId: null, fromUserId: null, ...r }) as NonNullable<Lead['assignmentReason']>;

    it('says who transferred it, from whom, to whom and why — not that it changed hands since', () => {
      const l = {
        ownerId: 'u-wu',
        ownerName: '吴芳',
        assignedAt: now,
        ownedSince: now,
        assignmentReason: moved({
          kind: 'transfer',
          byUserId: 'u-li',
          byUserName: '李明',
          fromUserId: 'u-liu',
          fromUserName: '刘洋',
          reason: '按区域重新分配',
        }),
      };
      expect(words(l)).toMatchObject({
        decision: '李明 将线索从 刘洋 转移给 吴芳',
        reason: '原因：按区域重新分配',
        timeLabel: '变更时间',
        since: null,
      });
      expect(words(l, 'en')).toMatchObject({
        decision: '李明 transferred it from 刘洋 to 吴芳',
        reason: 'Reason: 按区域重新分配',
        timeLabel: 'Changed',
      });
    });

    it('says who claimed it from which pool, and who returned it there and why', () => {
      expect(
        words({
          assignmentReason: moved({
            kind: 'claim',
            byUserId: 'u-wu',
            byUserName: '吴芳',
            poolId: 'p1',
            poolName: '华东线索池',
          }),
        })?.decision,
      ).toBe('吴芳 从华东线索池领取');
      const pooled = { ownerId: null, ownerName: null, poolId: 'p1' };
      const released = words({
        ...pooled,
        assignmentReason: moved({
          kind: 'release',
          byUserId: 'u-liu',
          byUserName: '刘洋',
          fromUserId: 'u-liu',
          fromUserName: '刘洋',
          poolId: 'p1',
          poolName: '线索池',
          reason: '客户暂无预算',
        }),
      });
      expect(released).toMatchObject({
        decision: '刘洋 退回线索池',
        reason: '原因：客户暂无预算',
        since: null,
      });
      expect(
        words({
          ...pooled,
          assignmentReason: moved({
            kind: 'release',
            byUserId: 'u-zhang',
            byUserName: '张伟',
            fromUserId: 'u-liu',
            fromUserName: '刘洋',
            poolId: 'p1',
            reason: '离开区域',
          }),
        })?.decision,
      ).toBe('张伟 将线索从 刘洋 名下退回线索池');
    });

    it('names the recycle rule, or the missed first follow-up, and a hand-over', () => {
      const pooled = { ownerId: null, ownerName: null, poolId: 'p1' };
      const recycled = (reason: string) =>
        words({
          ...pooled,
          assignmentReason: moved({
            kind: 'recycle',
            fromUserId: 'u-liu',
            fromUserName: '刘洋',
            poolId: 'p1',
            reason,
          }),
        });
      expect(recycled('7 天未跟进')).toMatchObject({
        decision: '按回收规则「7 天未跟进」从 刘洋 名下收回线索池',
        reason: null,
      });
      expect(recycled('sla_expired')?.decision).toBe('首次跟进超时，从 刘洋 名下收回线索池');
      expect(
        words(
          { assignmentReason: moved({ kind: 'handover', fromUserId: 'u-liu', fromUserName: '刘洋' }) },
          'en',
        )?.decision,
      ).toBe('Hand-over: from 刘洋 to 吴芳');
      // Moved by someone the viewer may not see: the sentence leaves them out.
      expect(
        words({ assignmentReason: moved({ kind: 'transfer', byUserId: 'u-gone', fromUserId: 'u-liu' }) })
          ?.decision,
      ).toBe('从 刘洋 转移给 吴芳');
    });
  });
});
