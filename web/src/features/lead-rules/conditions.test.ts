import { describe, expect, it } from 'vitest';
import { conditionInWords, conditionsInWords, opsFor, type Vocabulary, valueKindOf } from './conditions';

const names: Record<string, string> = {
  inquiry: '询盘内容',
  phone: '电话',
  province: '省份',
  channel: '渠道',
  score: '线索评分',
  'custom.size': '公司规模',
};
const zh: Vocabulary = {
  field: (f) => names[f] ?? f,
  op: (op, n) =>
    ({ present: '已填写', in: n > 1 ? '属于' : '等于', contains_any: '包含', gte: '≥', lte: '≤' })[op],
  value: (f, v) => (f === 'channel' && v === 'web_form' ? '网页表单' : String(v)),
  separator: '、',
  and: '且',
  always: '所有线索',
};

describe('a condition in words', () => {
  it('reads 「询盘内容 包含 报价、采购」 for words', () => {
    expect(conditionInWords({ field: 'inquiry', op: 'contains_any', values: ['报价', '采购'] }, zh)).toBe(
      '询盘内容 包含 报价、采购',
    );
  });

  it('names a filled-in field without values, a bound with its number', () => {
    expect(conditionInWords({ field: 'phone', op: 'present', values: [] }, zh)).toBe('电话 已填写');
    expect(conditionInWords({ field: 'score', op: 'gte', values: [60] }, zh)).toBe('线索评分 ≥ 60');
  });

  it('says 等于 for one value and 属于 for several, with values as people read them', () => {
    expect(conditionInWords({ field: 'province', op: 'in', values: ['广东'] }, zh)).toBe('省份 等于 广东');
    expect(conditionInWords({ field: 'province', op: 'in', values: ['广东', '广西'] }, zh)).toBe(
      '省份 属于 广东、广西',
    );
    expect(conditionInWords({ field: 'channel', op: 'in', values: ['web_form'] }, zh)).toBe(
      '渠道 等于 网页表单',
    );
  });

  it('joins a rule’s conditions with 且, and a rule without any reads 所有线索', () => {
    expect(
      conditionsInWords(
        [
          { field: 'province', op: 'in', values: ['广东'] },
          { field: 'score', op: 'gte', values: [60] },
        ],
        zh,
      ),
    ).toBe('省份 等于 广东 且 线索评分 ≥ 60');
    expect(conditionsInWords([], zh)).toBe('所有线索');
  });
});

describe('what a condition may compare', () => {
  it('offers words for text, bounds for the score and numbers, choices for a list', () => {
    expect(opsFor('inquiry')).toEqual(['contains_any', 'in', 'present']);
    expect(opsFor('score')).toEqual(['gte', 'lte']);
    expect(opsFor('channel')).toEqual(['in']);
    expect(opsFor('custom.size', 'number')).toEqual(['gte', 'lte', 'present']);
    expect(opsFor('custom.level', 'select')).toEqual(['in', 'present']);
  });

  it('keeps the operator a stored rule already uses', () => {
    expect(opsFor('score', undefined, 'present')).toEqual(['gte', 'lte', 'present']);
  });

  it('edits no values for 已填写, one number for bounds, a list otherwise', () => {
    expect(valueKindOf('present')).toBe('none');
    expect(valueKindOf('gte')).toBe('number');
    expect(valueKindOf('lte')).toBe('number');
    expect(valueKindOf('in')).toBe('list');
    expect(valueKindOf('contains_any')).toBe('list');
  });
});
