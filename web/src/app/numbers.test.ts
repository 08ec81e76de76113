import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyCompact, formatNumber, formatPercent } from './numbers';

describe('money and numbers per locale', () => {
  it('writes CNY minor units as yuan with thousands separators', () => {
    expect(formatMoney(123456700, 'CNY', 'zh-CN')).toBe('¥1,234,567.00');
    expect(formatMoney(123456700, 'CNY', 'en')).toBe('CN¥1,234,567.00');
    expect(formatMoney(-5, 'CNY', 'zh-CN')).toBe('-¥0.05');
  });

  it('respects currencies without minor units', () => {
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
  });

  it('abbreviates large amounts with 万 and 亿 in Chinese and K/M in English', () => {
    expect(formatMoneyCompact(123_456_789_00, 'CNY', 'zh-CN')).toBe('¥1.2亿');
    expect(formatMoneyCompact(1_234_567_00, 'CNY', 'zh-CN')).toBe('¥123.5万');
    expect(formatMoneyCompact(1_234_567_00, 'CNY', 'en')).toBe('CN¥1.2M');
    expect(formatMoneyCompact(9_999_00, 'CNY', 'zh-CN')).toBe('¥9,999');
    expect(formatMoneyCompact(12_50, 'CNY', 'zh-CN')).toBe('¥12.50');
    expect(formatMoneyCompact(0, 'CNY', 'en')).toBe('CN¥0');
  });

  it('formats plain numbers and percentages', () => {
    expect(formatNumber(1234567.891, 'en')).toBe('1,234,567.89');
    expect(formatPercent(0.375, 'zh-CN')).toBe('37.5%');
  });
});
