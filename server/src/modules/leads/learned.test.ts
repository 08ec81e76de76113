import { describe, expect, it } from 'vitest';
import { auc, type Example, featuresOf, predict, train } from './learned.js';

const lead = (source: string, inquiry: string) =>
  featuresOf({
    source,
    channel: 'manual',
    industry: null,
    province: null,
    title: null,
    company: '某公司',
    phone: '13800000000',
    email: null,
    inquiry,
  });

describe('the learned lead score', () => {
  it('learns which field values convert, and explains a prediction by them', () => {
    const examples: Example[] = [];
    for (let i = 0; i < 20; i++)
      examples.push({ features: lead('转介绍', '请报价'), converted: i % 5 !== 0 });
    for (let i = 0; i < 20; i++)
      examples.push({ features: lead('电话营销', '先看看'), converted: i % 10 === 0 });
    const model = train(examples);
    const hot = predict(model, lead('转介绍', '想了解价格'));
    const cold = predict(model, lead('电话营销', '随便看看'));
    expect(hot.probability).toBeGreaterThan(0.7);
    expect(cold.probability).toBeLessThan(0.3);
    expect(hot.factors[0]!.weight).toBeGreaterThan(0);
    expect(hot.factors.map((f) => f.feature)).toContain('source=转介绍');
    // A value it never saw neither helps nor breaks it.
    expect(predict(model, lead('抖音', '')).probability).toBeGreaterThan(0);
  });

  it('measures ranking by AUC: 1 when every converted lead ranks above every other, 0.5 for ties', () => {
    expect(
      auc([
        { p: 0.9, converted: true },
        { p: 0.2, converted: false },
      ]),
    ).toBe(1);
    expect(
      auc([
        { p: 0.5, converted: true },
        { p: 0.5, converted: false },
      ]),
    ).toBe(0.5);
    expect(
      auc([
        { p: 0.1, converted: true },
        { p: 0.8, converted: false },
      ]),
    ).toBe(0);
    expect(auc([{ p: 0.1, converted: true }])).toBeNull();
  });
});
