import { describe, expect, it } from 'vitest';
import { defaultLocale, locales, type MessageKey, pickLocale, t } from './i18n.js';
import { messages } from './messages.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('server messages', () => {
  const keys = Object.keys(messages['zh-CN']) as MessageKey[];

  it('has every message key in zh-CN and in English, and no key in one language only', () => {
    for (const locale of locales)
      expect(Object.keys(messages[locale]).sort(), locale).toEqual([...keys].sort());
  });

  it('has a non-empty text for every key in every language, with the same placeholders', () => {
    for (const key of keys) {
      const zh = messages['zh-CN'][key];
      const en = messages.en[key];
      expect(zh.trim(), `zh-CN ${key}`).not.toBe('');
      expect(en.trim(), `en ${key}`).not.toBe('');
      expect(placeholders(en), `placeholders of ${key}`).toEqual(placeholders(zh));
    }
  });

  it('writes zh-CN texts in Chinese and English texts without Chinese characters', () => {
    for (const key of keys) {
      expect(messages['zh-CN'][key], `zh-CN ${key}`).toMatch(/\p{Script=Han}/u);
      expect(messages.en[key], `en ${key}`).not.toMatch(/\p{Script=Han}/u);
    }
  });

  it('fills placeholders and leaves a missing parameter visible', () => {
    expect(t('en', 'login_locked', { minutes: 15 })).toBe(
      'Too many failed sign-ins; try again in 15 minutes',
    );
    expect(t('zh-CN', 'invalid_sort', { field: 'email' })).toBe('不支持按 email 排序');
    expect(t('en', 'invalid_sort')).toBe('Sorting by {field} is not supported');
  });

  it('names a value that has a name of its own (a dimension) in the reader’s language', () => {
    expect(t('zh-CN', 'metric_dimension_unsupported', { dimension: 'method' })).toBe(
      '该指标不能按“跟进方式”分组',
    );
    expect(t('en', 'metric_filter_unsupported', { dimension: 'customerLevel' })).toBe(
      'This metric cannot be filtered by “customer level”',
    );
    expect(t('en', 'metric_dimension_unsupported', { dimension: 'nonsense' })).toBe(
      'This metric cannot be broken down by “nonsense”',
    );
  });

  it('answers an unknown key with the key itself rather than failing', () => {
    expect(t('en', 'no_such_key' as MessageKey)).toBe('no_such_key');
  });
});

describe('pickLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['EN', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['en-GB', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh-TW,zh;q=0.9', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['fr-FR,fr;q=0.9', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['zh;q=0.5, en;q=0.8', 'en'],
    ['en;q=0.3, zh-CN;q=0.7', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
    ['*', 'zh-CN'],
    ['de, *;q=0.1', 'zh-CN'],
    [' en-us ; q=1 , zh;q=0.2', 'en'],
    ['en;q=abc', 'zh-CN'],
  ])('picks %s → %s', (header, expected) => {
    expect(pickLocale(header)).toBe(expected);
  });

  it('defaults to zh-CN', () => {
    expect(defaultLocale).toBe('zh-CN');
  });
});
