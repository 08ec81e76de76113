import { describe, expect, it } from 'vitest';
import { firstCodePoints, pinyinKeys, toHalfWidth } from './text.js';

describe('toHalfWidth', () => {
  it.each([
    ['full-width letters and digits', 'ＡＢＣ１２３ａｂｃ', 'ABC123abc'],
    ['full-width punctuation', '＋（）－，＠．', '+()-,@.'],
    ['the ideographic space', '华为\u3000技术', '华为 技术'],
    ['the ideographic full stop', 'qq。com', 'qq.com'],
    ['the dash family', '010—1234–5678−9', '010-1234-5678-9'],
    ['Chinese characters, which stay as they are', '节拍客户', '节拍客户'],
  ])('folds %s', (_label, input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });
});

describe('firstCodePoints', () => {
  it('never splits an emoji into half a surrogate pair', () => {
    expect(firstCodePoints('😀😀😀', 2)).toBe('😀😀');
    expect(firstCodePoints('ab', 5)).toBe('ab');
  });
});

describe('pinyinKeys', () => {
  it.each([
    ['a person name', '张伟', 'zhangwei', 'zw'],
    ['a company name', '节拍科技', 'jiepaikeji', 'jpkj'],
    ['ü, written v as people type it', '吕布', 'lvbu', 'lb'],
    ['a polyphonic character read in context', '重庆银行', 'chongqingyinhang', 'cqyh'],
    ['Latin letters and digits, kept as typed', '张伟ABC 2号', 'zhangweiabc2hao', 'zwabc2h'],
    ['full-width Latin', '李娜ＣＲＭ', 'linacrm', 'lncrm'],
    ['punctuation and emoji, dropped', '王·芳😀！', 'wangfang', 'wf'],
    ['an English name', 'Acme Ltd', 'acmeltd', 'acmeltd'],
    ['nothing to read', '😀！', '', ''],
  ])('gives %s full and initial keys', (_label, name, full, initials) => {
    expect(pinyinKeys(name)).toEqual({ full, initials });
  });

  it('reads only the first 100 characters of a 10,000-character name', () => {
    const keys = pinyinKeys('张'.repeat(10_000));
    expect(keys.initials).toBe('z'.repeat(100));
    expect(keys.full).toBe('zhang'.repeat(100));
  });

  it('keeps a script tag as inert letters', () => {
    expect(pinyinKeys('<script>alert(1)</script>').full).toBe('scriptalert1script');
  });
});
