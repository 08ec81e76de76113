import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../app/numbers';
import type { MissingItem, Pipeline } from './opportunities.api';
import {
  columnCards,
  fieldName,
  followUpOverdue,
  minorOf,
  missingKey,
  missingText,
  nextStageOf,
  stayDuration,
} from './words';

// A t() that shows the key and its values, so a test sees which words were chosen with what.
const t = ((key: string, v?: Record<string, unknown>) =>
  v ? `${key}(${Object.values(v).join(',')})` : key) as unknown as TFunction;

const stage = (id: string, position: number, category: Pipeline['stages'][number]['category']) => ({
  id,
  name: id,
  position,
  probability: 0,
  category,
  cadenceDays: null,
  stalledDays: null,
  gates: { fields: [], attachments: [], checklist: [], followUp: false },
});
const pipeline: Pipeline = {
  id: 'p',
  name: 'p',
  description: null,
  isDefault: true,
  position: 0,
  version: 1,
  // Out of order on purpose: position decides.
  stages: [
    stage('quote', 2, 'best_case'),
    stage('lead', 0, 'pipeline'),
    stage('design', 1, 'pipeline'),
    stage('lost', 3, 'closed_lost'),
    stage('won', 4, 'closed_won'),
  ],
};

describe('gate item wording', () => {
  const at = { stageId: 's', stageName: '报价' };
  it('names a built-in field by its label and a custom one by its key', () => {
    expect(fieldName(t, 'amount')).toBe('opportunities.fields.amount');
    expect(fieldName(t, 'custom.budget')).toBe('opportunities.gate.customField(budget)');
  });
  it('says what each kind of missing item asks for', () => {
    const items: MissingItem[] = [
      { type: 'field', ...at, field: 'products' },
      { type: 'attachment', ...at, kind: 'requirements_signed', label: '客户签字的需求确认单' },
      { type: 'checklist', ...at, itemId: 'terms', label: '付款条件已确认' },
      { type: 'follow_up', ...at },
    ];
    expect(items.map((m) => missingText(t, m))).toEqual([
      'opportunities.gate.fieldMissing(opportunities.fields.products)',
      'opportunities.gate.fileMissing(客户签字的需求确认单)',
      'opportunities.gate.checkMissing(付款条件已确认)',
      'opportunities.gate.followUpMissing',
    ]);
    expect(new Set(items.map(missingKey)).size).toBe(4);
  });
});

describe('money', () => {
  it('turns 元 typed in a form into whole 分 without float drift', () => {
    expect(minorOf(12345.67)).toBe(1234567);
    expect(minorOf(0.29)).toBe(29);
    expect(minorOf(null)).toBeNull();
    expect(minorOf(undefined)).toBeNull();
  });
  it('writes 分 as ¥ with thousands separators (the shared formatter)', () => {
    expect(formatMoney(123456700, 'CNY', 'zh-CN')).toBe('¥1,234,567.00');
  });
});

describe('stages', () => {
  it('advances to the next stage by position, past lost stages', () => {
    expect(nextStageOf(pipeline, { stageId: 'lead', status: 'open' })?.id).toBe('design');
    expect(nextStageOf(pipeline, { stageId: 'quote', status: 'open' })?.id).toBe('won');
    expect(nextStageOf(pipeline, { stageId: 'won', status: 'won' })).toBeNull();
  });
  it('says how long a stay lasted in its largest unit', () => {
    expect(stayDuration(3 * 86_400_000 + 5 * 3_600_000)).toEqual({ unit: 'days', count: 3 });
    expect(stayDuration(5 * 3_600_000 + 59 * 60_000)).toEqual({ unit: 'hours', count: 5 });
    expect(stayDuration(59_999)).toEqual({ unit: 'minutes', count: 0 });
  });
  it('lists each card of a column once when a page repeats one that moved', () => {
    expect(columnCards([{ id: 'a' }, { id: 'b' }], [{ id: 'b' }, { id: 'c' }]).map((c) => c.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
  it('marks a follow-up overdue only on an open deal', () => {
    expect(followUpOverdue({ status: 'open', nextFollowUpAt: 5 }, 10)).toBe(true);
    expect(followUpOverdue({ status: 'won', nextFollowUpAt: 5 }, 10)).toBe(false);
    expect(followUpOverdue({ status: 'open', nextFollowUpAt: null }, 10)).toBe(false);
  });
});
