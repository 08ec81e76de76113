import type { TFunction } from 'i18next';
import type { Lead } from '../../app/api-types';

// 分配原因 in words: how a lead got its owner or pool — by which rule and method among which
// candidates, the fallback pool, by hand, or how it changed hands since (领取, 转移, 退回线索池, 回收,
// 离职交接: who, from whom, why) — and, for reasons stored before moves were recorded, whether it
// changed hands since.

type Reason = NonNullable<Lead['assignmentReason']>;
type Candidate = NonNullable<Reason['candidates']>[number];

/**
 * Names the reason only holds as ids, resolved by the page: a pool the viewer may not see reads as
 * 「线索池」; a user they may not see is null and left out of the sentence.
 */
export type Names = { pool: (id: string | undefined) => string; user: (id: string) => string | null };

type Facts = Pick<
  Lead,
  'assignmentReason' | 'assignedAt' | 'ownerId' | 'ownerName' | 'ownedSince' | 'poolId'
>;

/** One sentence for what decided, then the candidates, then the rules passed over and why. */
export type AssignmentWords = {
  decision: string;
  candidates: string | null;
  skipped: string[];
  /** The reason given for a 转移 or 退回 (the recycle rule's name is in the decision). */
  reason: string | null;
  /** When: 分配时间 for an assignment, 变更时间 for a change of hands. */
  timeLabel: string;
  since: string | null;
};

/** How a lead changed hands after it came in: the reason is then always the latest move. */
const moves = ['claim', 'transfer', 'release', 'recycle', 'handover'] as const;
const isMove = (r: Reason) => (moves as readonly string[]).includes(r.kind);

/** 领取, 转移, 退回, 回收 or 离职交接 in one sentence: who, from whom, to whom or which pool. */
function moveDecision(t: TFunction, r: Reason, l: Facts, names: Names): string {
  const nameOf = (id: string | null | undefined, stored: string | undefined) =>
    stored ?? (id ? names.user(id) : null) ?? t('leads.assignment.someone');
  const by = r.byUserId ? (r.byUserName ?? names.user(r.byUserId)) : null;
  const from = nameOf(r.fromUserId, r.fromUserName);
  const owner = l.ownerName ?? (l.ownerId ? names.user(l.ownerId) : null) ?? t('leads.assignment.someone');
  const pool = r.poolName ?? names.pool(r.poolId);
  const k = (key: string) => `leads.assignment.moved.${key}` as 'leads.assignment.moved.claim';
  switch (r.kind) {
    case 'claim':
      return t(k(by ? 'claim' : 'claimUnknown'), { name: by, pool });
    case 'transfer':
      if (!r.fromUserId)
        return t(k(by ? 'transferFromPool' : 'transferFromPoolUnknown'), { by, owner, pool });
      return t(k(by ? 'transfer' : 'transferUnknown'), { by, from, owner });
    case 'release':
      if (by && r.byUserId === r.fromUserId) return t(k('releaseOwn'), { by, pool });
      return t(k(by ? 'release' : 'releaseUnknown'), { by, from, pool });
    case 'recycle':
      if (r.reason === 'sla_expired') return t(k('recycleSla'), { from, pool });
      return t(k(r.reason ? 'recycle' : 'recycleUnknown'), { rule: r.reason, from, pool });
    default:
      return l.ownerId ? t(k('handover'), { from, owner }) : t(k('handoverPool'), { from, pool });
  }
}

/** A candidate with what the method weighed (round robin weighs nothing: the name alone). */
function candidateText(t: TFunction, c: Candidate, weighted: boolean): string {
  const parts = [
    c.openLeads !== undefined && t('leads.assignment.candidateOpen', { n: c.openLeads }),
    c.assignedToday !== undefined && t('leads.assignment.candidateToday', { n: c.assignedToday }),
    weighted && t('leads.assignment.candidateWeight', { n: c.weight }),
  ].filter((p): p is string => !!p);
  return parts.length
    ? t('leads.assignment.candidate', { name: c.name, parts: parts.join(t('leads.assignment.candidateSep')) })
    : c.name;
}

function decision(t: TFunction, r: Reason, l: Facts, names: Names): string {
  if (isMove(r)) return moveDecision(t, r, l, names);
  if (r.kind === 'manual') {
    if (!r.byUserId) return t('leads.assignment.manualUnknown');
    // Entered for oneself: the creator is who got it (unless it changed hands since, said below).
    const self = r.byUserId === l.ownerId && !changedHands(l);
    if (self && l.ownerName) return t('leads.assignment.self', { name: l.ownerName });
    // The name as it was then (stored with the reason), else looked up.
    const by = r.byUserName ?? names.user(r.byUserId);
    // Who was chosen is not recorded: it is the owner, as long as the lead has not changed hands.
    const owner = !changedHands(l) ? l.ownerName : null;
    if (!by)
      return owner ? t('leads.assignment.manualUnknownTo', { owner }) : t('leads.assignment.manualUnknown');
    return owner
      ? t('leads.assignment.manualTo', { name: by, owner })
      : t('leads.assignment.manual', { name: by });
  }
  if (r.kind === 'fallback')
    return t(r.skipped?.length ? 'leads.assignment.fallbackSkipped' : 'leads.assignment.fallback', {
      pool: names.pool(r.poolId),
    });
  if (r.poolId && !r.userId)
    return t('leads.assignment.ruleToPool', { rule: r.ruleName, pool: names.pool(r.poolId) });
  const chosen =
    r.candidates?.find((c) => c.userId === r.userId)?.name ??
    names.user(r.userId ?? '') ??
    t('leads.assignment.someone');
  return t(`leads.assignment.rule.${r.method ?? 'round_robin'}`, { rule: r.ruleName, name: chosen });
}

/** Claimed, transferred or released after the assignment (the reason tells only how it started). */
function changedHands(l: Facts): boolean {
  const r = l.assignmentReason;
  if (!r || isMove(r)) return false;
  if (l.ownerId === null) return r.kind === 'manual' || !!r.userId;
  if (l.assignedAt === null) return true; // it went to a pool and someone has it now
  return l.ownedSince !== null && l.ownedSince > l.assignedAt;
}

export function assignmentWords(
  t: TFunction,
  l: Facts,
  names: Names,
  formatTime: (ms: number) => string,
): AssignmentWords | null {
  const r = l.assignmentReason;
  if (!r) return null;
  const candidates = r.kind === 'rule' && r.candidates?.length ? r.candidates : null;
  const since = !changedHands(l)
    ? null
    : l.ownerId
      ? t('leads.assignment.since', {
          owner: l.ownerName ?? names.user(l.ownerId) ?? t('leads.assignment.someone'),
          time: formatTime(l.ownedSince ?? 0),
        })
      : t('leads.assignment.nowInPool', { pool: names.pool(l.poolId ?? undefined) });
  return {
    decision: decision(t, r, l, names),
    candidates: candidates
      ? t('leads.assignment.candidates', {
          list: candidates
            .map((c) => candidateText(t, c, r.method === 'weighted'))
            .join(t('leads.assignment.separator')),
        })
      : null,
    skipped: (r.skipped ?? []).map((s) =>
      t('leads.assignment.skipped', { rule: s.ruleName, why: t(`leads.assignment.why.${s.why}`) }),
    ),
    reason:
      (r.kind === 'transfer' || r.kind === 'release') && r.reason
        ? t('leads.assignment.reason', { reason: r.reason })
        : null,
    timeLabel: t(isMove(r) ? 'leads.assignment.movedAt' : 'leads.assignment.at'),
    since,
  };
}
