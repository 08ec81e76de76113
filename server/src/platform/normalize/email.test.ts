import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email.js';

const valid: [label: string, raw: string, expected: string][] = [
  ['a plain address', 'zhang@qq.com', 'zhang@qq.com'],
  ['capitals and surrounding blanks', '  Zhang.Wei@Example.COM  ', 'zhang.wei@example.com'],
  ['tabs and a newline around it', '\tli.na@163.com\n', 'li.na@163.com'],
  ['full-width letters, ＠ and ．(全角)', 'ｚｈａｎｇ＠ｑｑ．ｃｏｍ', 'zhang@qq.com'],
  ['an ideographic full stop 。 typed for the dot', 'zhang@qq。com', 'zhang@qq.com'],
  ['an ideographic space before it', '\u3000wang@sina.cn', 'wang@sina.cn'],
  ['a plus tag and a sub-domain', 'first+crm@mail.example.co.uk', 'first+crm@mail.example.co.uk'],
  ['an apostrophe, underscore and digits', "o'brien_2@example.com", "o'brien_2@example.com"],
  ['a hyphenated domain', 'sales@cadence-crm.cn', 'sales@cadence-crm.cn'],
  ['a Chinese domain name', 'info@例子.中国', 'info@例子.中国'],
];

const invalid: [label: string, raw: string][] = [
  ['an empty string', ''],
  ['no @', 'zhang.qq.com'],
  ['nothing after @', 'zhang@'],
  ['nothing before @', '@qq.com'],
  ['a domain without a dot', 'zhang@localhost'],
  ['two @', 'zhang@@qq.com'],
  ['two addresses glued together', 'a@b.com@c.com'],
  ['a space inside', 'zhang wei@qq.com'],
  ['two addresses separated by a comma', 'a@qq.com,b@qq.com'],
  ['a double dot in the domain', 'zhang@qq..com'],
  ['a leading dot in the local part', '.zhang@qq.com'],
  ['a trailing dot in the local part', 'zhang.@qq.com'],
  ['a domain label starting with a hyphen', 'zhang@-qq.com'],
  ['a one-letter top-level domain', 'zhang@qq.c'],
  ['a display name with angle brackets', 'Zhang <zhang@qq.com>'],
  ['a script tag', '<script>alert(1)</script>@x.com'],
  ['an emoji in the local part', 'zhang😀@qq.com'],
  ['a 65-character local part', `${'a'.repeat(65)}@qq.com`],
  [
    '255 characters in all',
    `${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.eeee.cn`,
  ],
  ['10,000 characters', `${'a'.repeat(10_000)}@qq.com`],
];

describe('normalizeEmail', () => {
  it.each(valid)('accepts %s', (_label, raw, expected) => {
    expect(normalizeEmail(raw), `normalizeEmail(${JSON.stringify(raw)})`).toBe(expected);
  });

  it.each(invalid)('refuses %s', (_label, raw) => {
    expect(normalizeEmail(raw), `normalizeEmail(${JSON.stringify(raw)}) should be null`).toBeNull();
  });

  it('accepts an address of exactly 254 characters', () => {
    const address = `${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.eee.cn`;
    expect(address).toHaveLength(254);
    expect(normalizeEmail(address)).toBe(address);
  });

  it('is idempotent and never returns more than 254 characters', () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string({ unit: 'binary', maxLength: 300 })), (raw) => {
        const once = normalizeEmail(raw);
        if (once === null) return;
        expect(once.length).toBeLessThanOrEqual(254);
        expect(normalizeEmail(once)).toBe(once);
      }),
    );
  });
});
