import type { TFunction } from 'i18next';
import type { MissingItem, Opportunity, Pipeline, Stage } from './opportunities.api';

// Plain functions behind the opportunity screens (no React, no I/O): what a gate item says, money
// typed in 元, the stages a deal may go to, and how long it stayed in a stage.

/** The built-in fields a stage gate may ask for (others are `custom.<key>`). */
export const gateFields = [
  'amount',
  'expectedCloseDate',
  'contacts',
  'products',
  'competitors',
  'source',
] as const;
export type GateField = (typeof gateFields)[number];
export const isGateField = (f: string | undefined): f is GateField => gateFields.includes(f as GateField);

/** A field's name for people: 金额, 预计成交日期, … or 自定义字段 key. */
export function fieldName(t: TFunction, field: string): string {
  if (isGateField(field)) return t(`opportunities.fields.${field}`);
  return t('opportunities.gate.customField', { key: field.replace(/^custom\./, '') });
}

/** What one missing gate item asks of the rep, in a sentence. */
export function missingText(t: TFunction, m: MissingItem): string {
  switch (m.type) {
    case 'field':
      return t('opportunities.gate.fieldMissing', { field: fieldName(t, m.field ?? '') });
    case 'attachment':
      return t('opportunities.gate.fileMissing', { label: m.label ?? m.kind ?? '' });
    case 'checklist':
      return t('opportunities.gate.checkMissing', { label: m.label ?? m.itemId ?? '' });
    default:
      return t('opportunities.gate.followUpMissing');
  }
}

/** One key per missing item (a stage may ask for several of each type). */
export const missingKey = (m: MissingItem) =>
  [m.stageId, m.type, m.field ?? m.kind ?? m.itemId ?? ''].join(':');

/** 分 from 元 typed in a form (12,345.67 → 1234567), rounded to whole 分; null when empty. */
export function minorOf(yuan: number | null | undefined): number | null {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return null;
  return Math.round(yuan * 100);
}

/** 元 for a form from 分. */
export const yuanOf = (minor: number): number => minor / 100;

/** Whether a stage closes the deal as lost (a lost reason is asked for). */
export const isLostStage = (s: Pick<Stage, 'category'>) => s.category === 'closed_lost';

/**
 * The stage 推进 leads to: the next stage in order that is not a lost one; none from a closed deal or
 * the last stage.
 */
export function nextStageOf(pipeline: Pipeline, deal: Pick<Opportunity, 'stageId' | 'status'>): Stage | null {
  if (deal.status !== 'open') return null;
  const ordered = [...pipeline.stages].sort((a, b) => a.position - b.position);
  const at = ordered.findIndex((s) => s.id === deal.stageId);
  return ordered.slice(at + 1).find((s) => !isLostStage(s)) ?? null;
}

/** How long a stay lasted, in its largest whole unit: 3 天, 5 小时, 12 分钟. */
export function stayDuration(ms: number): { unit: 'days' | 'hours' | 'minutes'; count: number } {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes >= 24 * 60) return { unit: 'days', count: Math.floor(minutes / (24 * 60)) };
  if (minutes >= 60) return { unit: 'hours', count: Math.floor(minutes / 60) };
  return { unit: 'minutes', count: minutes };
}

/** A kanban column's cards: the board's first ones, then those loaded after them, each deal once. */
export function columnCards<T extends { id: string }>(first: T[], more: T[]): T[] {
  const seen = new Set<string>();
  return [...first, ...more].filter((c) => !seen.has(c.id) && seen.add(c.id));
}

/** Whether a deal's next follow-up is past (only an open deal is followed up). */
export const followUpOverdue = (d: Pick<Opportunity, 'status' | 'nextFollowUpAt'>, now: number) =>
  d.status === 'open' && d.nextFollowUpAt !== null && d.nextFollowUpAt < now;
