import { describe, expect, it } from 'vitest';
import { type ScoreRule, scoreOf } from './scoring.js';

const rule = (r: Partial<ScoreRule> & Pick<ScoreRule, 'field' | 'op'>): ScoreRule => ({
  id: `${r.field}-${r.op}`,
  label: r.label ?? r.field,
  values: [],
  points: 10,
  active: true,
  ...r,
});

describe('lead scoring', () => {
  it('adds the points of the rules that hold and explains them in rule order', () => {
    const rules = [
      rule({ field: 'source', op: 'in', values: ['展会'], points: 15 }),
      rule({ field: 'inquiry', op: 'contains_any', values: ['报价', 'Budget'], points: 25 }),
      rule({ field: 'phone', op: 'present', points: 15 }),
      rule({ field: 'email', op: 'present', points: 5 }),
    ];
    const s = scoreOf(rules, {
      source: '展会',
      inquiry: 'Our BUDGET is 50k',
      phone: '13800138000',
      email: ' ',
    });
    expect(s.score).toBe(55);
    expect(s.explanation.map((l) => [l.ruleId, l.points])).toEqual([
      ['source-in', 15],
      ['inquiry-contains_any', 25],
      ['phone-present', 15],
    ]);
  });

  it('keeps the score within 0–100 and skips inactive rules', () => {
    const big = [1, 2, 3].map((i) => rule({ id: `r${i}`, field: 'company', op: 'present', points: 50 }));
    expect(scoreOf(big, { company: '华为' }).score).toBe(100);
    const negative = [rule({ field: 'title', op: 'contains_any', values: ['学生'], points: -30 })];
    expect(scoreOf(negative, { title: '在校学生' })).toMatchObject({
      score: 0,
      explanation: [{ points: -30 }],
    });
    expect(scoreOf([{ ...big[0]!, active: false }], { company: '华为' }).score).toBe(0);
  });

  it('reads custom fields, multi-selects and number bounds', () => {
    const rules = [
      rule({ field: 'custom.size', op: 'gte', values: [500], points: 20 }),
      rule({ field: 'custom.products', op: 'in', values: ['机床'], points: 10 }),
    ];
    expect(scoreOf(rules, { custom: { size: 800, products: ['机床', '刀具'] } }).score).toBe(30);
    expect(scoreOf(rules, { custom: { size: 'many' } }).score).toBe(0);
    expect(scoreOf(rules, {}).score).toBe(0);
  });
});
