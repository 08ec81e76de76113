import { describe, expect, it } from 'vitest';
import { suggestKey } from './key-suggestion.js';

describe('suggestKey', () => {
  it('turns a Chinese label into toneless pinyin', () => {
    expect(suggestKey('员工规模', new Set())).toBe('yuangongguimo');
  });
  it('joins English words with underscores', () => {
    expect(suggestKey('Annual budget (CNY)', new Set())).toBe('annual_budget_cny');
  });
  it('never starts with a digit and stays unique', () => {
    expect(suggestKey('2024 目标', new Set())).toMatch(/^f_2024/);
    expect(suggestKey('Budget', new Set(['budget', 'budget_2']))).toBe('budget_3');
  });
  it('gives a usable key for a label of symbols only', () => {
    expect(suggestKey('！！', new Set())).toMatch(/^[a-z][a-z0-9_]*$/);
  });
});
