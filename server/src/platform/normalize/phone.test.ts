import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NormalizedPhone, normalizePhone, phoneTail } from './phone.js';

type Expected = Partial<NormalizedPhone> & { e164: string };

const MOBILE = { e164: '+8613800138000', kind: 'mobile', extension: null, region: 'CN' } as const;
const BEIJING = { e164: '+861012345678', kind: 'fixed_line', extension: null, region: 'CN' } as const;
const SHENZHEN = { e164: '+8675588888888', kind: 'fixed_line', region: 'CN' } as const;
const SHANGHAI = { e164: '+862162345678', kind: 'fixed_line', region: 'CN' } as const;

const valid: [label: string, raw: string, expected: Expected][] = [
  ['a Chinese mobile as typed', '13800138000', MOBILE],
  ['a mobile with spaces', '138 0013 8000', MOBILE],
  ['a mobile with dashes', '138-0013-8000', MOBILE],
  ['a mobile with dots', '138.0013.8000', MOBILE],
  ['a mobile with surrounding blanks and a tab', ' \t13800138000  ', MOBILE],
  ['a mobile with +86', '+86 138 0013 8000', MOBILE],
  ['a mobile with +86 and no spaces', '+8613800138000', MOBILE],
  ['a mobile with 0086', '0086 138 0013 8000', MOBILE],
  ['a mobile with 0086 and no spaces', '008613800138000', MOBILE],
  ['a mobile with 86 and no plus', '86 138 0013 8000', MOBILE],
  ['a mobile with 86 glued on', '8613800138000', MOBILE],
  ['a mobile in full-width digits (全角)', '１３８００１３８０００', MOBILE],
  ['full-width ＋, ideographic space and －', '＋８６\u3000１３８－００１３－８０００', MOBILE],
  ['a mobile with the extension 12 after x', '+86 138 0013 8000 x12', { ...MOBILE, extension: '12' }],
  ['a 170 virtual-operator mobile', '17012345678', { e164: '+8617012345678', kind: 'mobile' }],
  ['a 199 mobile', '199 1234 5678', { e164: '+8619912345678', kind: 'mobile' }],
  ['a Beijing landline 010-', '010-12345678', BEIJING],
  ['a Beijing landline in groups', '010 1234 5678', BEIJING],
  ['a Beijing landline in full-width brackets', '（０１０）１２３４５６７８', BEIJING],
  ['a Shenzhen landline 0755 in groups', '0755 8888 8888', SHENZHEN],
  ['a Shenzhen landline 0755-', '0755-88888888', SHENZHEN],
  ['a Shanghai landline (021)', '(021)62345678', SHANGHAI],
  ['a Shanghai landline (021) with a dash', '(021) 6234-5678', SHANGHAI],
  ['a Shanghai landline with dots', '021.6234.5678', SHANGHAI],
  ['a Shanghai landline with +86', '+86 21 6234 5678', SHANGHAI],
  ['a landline with +86 (0)', '+86 (0)21 6234 5678', SHANGHAI],
  ['a landline with +86 and the trunk 0 kept', '+86 0755 8888 8888', SHENZHEN],
  ['a landline with 0086 and dashes', '0086-21-62345678', SHANGHAI],
  ['a landline with 转', '010-12345678 转 8001', { ...BEIJING, extension: '8001' }],
  ['a landline with 转 and no spaces', '010-12345678转8001', { ...BEIJING, extension: '8001' }],
  ['a landline with 分机', '0755-88888888 分机 8001', { ...SHENZHEN, extension: '8001' }],
  [
    'a landline with 分机号 and a full-width colon',
    '010-12345678 分机号：8001',
    { ...BEIJING, extension: '8001' },
  ],
  ['a landline with ext.', '(021)6234-5678 ext. 99', { ...SHANGHAI, extension: '99' }],
  ['a landline with x', '010-12345678 x8001', { ...BEIJING, extension: '8001' }],
  ['a landline with #', '010-12345678#8001', { ...BEIJING, extension: '8001' }],
  [
    'a landline with the extension after one more dash',
    '010-12345678-8001',
    { ...BEIJING, extension: '8001' },
  ],
  [
    'a 400 service number, neither mobile nor landline',
    '400-123-4567',
    { e164: '+864001234567', kind: 'other' },
  ],
  [
    'a US number, which cannot tell mobile from landline',
    '+1 415 555 2671',
    { e164: '+14155552671', kind: 'other', region: 'US' },
  ],
  ['a London landline', '+44 20 7946 0958', { e164: '+442079460958', kind: 'fixed_line', region: 'GB' }],
  [
    'a Hong Kong landline (+852, not +86)',
    '+852 2123 4567',
    { e164: '+85221234567', kind: 'fixed_line', region: 'HK' },
  ],
  ['a Hong Kong mobile', '+852 9123 4567', { e164: '+85291234567', kind: 'mobile', region: 'HK' }],
  [
    'a Hong Kong number dialled with 00 from the mainland',
    '00852 2123 4567',
    { e164: '+85221234567', region: 'HK' },
  ],
  ['a Macau mobile (+853)', '+853 6612 3456', { e164: '+85366123456', kind: 'mobile', region: 'MO' }],
  ['a Taiwan mobile (+886)', '+886 912 345 678', { e164: '+886912345678', kind: 'mobile', region: 'TW' }],
  ['a Taipei landline', '+886 2 2345 6789', { e164: '+886223456789', kind: 'fixed_line', region: 'TW' }],
  ['a Tokyo landline', '+81 3 1234 5678', { e164: '+81312345678', region: 'JP' }],
  ['a Singapore landline', '+65 6123 4567', { e164: '+6561234567', region: 'SG' }],
  ['a non-geographic +800 number', '+800 1234 5678', { e164: '+80012345678', region: '001' }],
];

const invalid: [label: string, raw: string][] = [
  ['an empty string', ''],
  ['blanks only', '   '],
  ['three digits', '123'],
  ['a mobile one digit short', '1380013800'],
  ['a mobile one digit long', '138001380000'],
  ['a mobile with +86 one digit short', '+86 138 0013 800'],
  ['a landline without its area code', '12345678'],
  ['a bank short code', '95555'],
  ['letters', 'abc'],
  ['letters inside a number', '138abc00138000'],
  ['a vanity number in letters', '1-800-FLOWERS'],
  ['a label in front of the number', '手机13800138000'],
  ['an emoji after a number', '13800138000😀'],
  ['two numbers in one field', '13800138000/13900139000'],
  ['a script tag around a number', '<script>13800138000</script>'],
  ['a plus alone', '+'],
  ['two plus signs', '++8613800138000'],
  ['a plus in the middle', '138+0013+8000'],
  ['转 with no extension digits', '010-12345678 转'],
  ['an unknown country code', '+999 1234 5678'],
  ['10,000 digits', '1'.repeat(10_000)],
  ['a valid number padded to 10,000 characters', `13800138000${' '.repeat(10_000)}`],
];

describe('normalizePhone', () => {
  it.each(valid)('normalizes %s', (_label, raw, expected) => {
    expect(normalizePhone(raw), `normalizePhone(${JSON.stringify(raw)})`).toMatchObject(expected);
  });

  it.each(invalid)('refuses %s', (_label, raw) => {
    expect(normalizePhone(raw), `normalizePhone(${JSON.stringify(raw)}) should be null`).toBeNull();
  });

  it('reads a number without country code in the region it is given', () => {
    expect(normalizePhone('2123 4567', 'HK')).toMatchObject({ e164: '+85221234567', region: 'HK' });
    expect(normalizePhone('(415) 555-2671', 'US')).toMatchObject({ e164: '+14155552671', region: 'US' });
    expect(normalizePhone('2123 4567'), 'an 8-digit number is not a mainland number').toBeNull();
  });

  it('falls back to no default region when the one given is unknown, so only +-numbers pass', () => {
    expect(normalizePhone('13800138000', 'XX')).toBeNull();
    expect(normalizePhone('+86 138 0013 8000', 'XX')).toMatchObject({ e164: '+8613800138000' });
  });

  it('answers quickly for 10,000-character input', () => {
    const start = performance.now();
    for (const raw of ['8'.repeat(10_000), '转'.repeat(10_000), `+${'-'.repeat(9_999)}`]) normalizePhone(raw);
    expect(performance.now() - start).toBeLessThan(250);
  });

  // Prefixes whose every 11-digit number is an assigned mobile range, so each generated number is valid.
  const mobilePrefixes = ['130', '135', '139', '150', '158', '170', '176', '180', '186', '189', '191', '199'];
  const digits = (n: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
  const mainlandMobile = fc
    .tuple(fc.constantFrom(...mobilePrefixes), digits(8))
    .map(([head, rest]) => head + rest);
  const decorated = fc
    .tuple(
      mainlandMobile,
      fc.constantFrom('', '+86 ', '0086', '86', '+86-', '＋８６'),
      fc.constantFrom('', ' ', '-', '.', '－'),
    )
    .map(
      ([number, prefix, sep]) =>
        `${prefix}${number.slice(0, 3)}${sep}${number.slice(3, 7)}${sep}${number.slice(7)}`,
    );

  it('gives the same E.164 when its own E.164 output is normalized again (generated numbers)', () => {
    fc.assert(
      fc.property(decorated, (raw) => {
        const once = normalizePhone(raw);
        expect(once, `${raw} is a valid mobile`).not.toBeNull();
        expect(normalizePhone(once!.e164)?.e164, `re-normalizing ${once!.e164} from ${raw}`).toBe(once!.e164);
      }),
    );
  });

  it('formats every spelling of one mobile number to the same E.164', () => {
    fc.assert(
      fc.property(mainlandMobile, (number) => {
        const plain = normalizePhone(number);
        expect(plain?.e164).toBe(`+86${number}`);
        const fullWidth = number.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
        for (const spelling of [`+86 ${number}`, `0086${number}`, `86${number}`, fullWidth])
          expect(normalizePhone(spelling)?.e164, spelling).toBe(`+86${number}`);
      }),
    );
  });

  it('is idempotent on E.164 and never throws on arbitrary text', () => {
    const phoneLike = fc.string({
      unit: fc.constantFrom(...'0123456789０８ +-().#x转（）＋'),
      maxLength: 30,
    });
    fc.assert(
      fc.property(fc.oneof(phoneLike, fc.string({ unit: 'binary', maxLength: 80 })), (raw) => {
        const once = normalizePhone(raw);
        if (once !== null) expect(normalizePhone(once.e164)?.e164).toBe(once.e164);
      }),
    );
  });
});

describe('phoneTail', () => {
  it('keeps the last four digits by default', () => {
    expect(phoneTail('+8613800138000')).toBe('8000');
  });

  it('keeps more digits when asked', () => {
    expect(phoneTail('+8613800138000', 6)).toBe('138000');
  });

  it('never keeps fewer than four digits, which would match too many customers', () => {
    expect(phoneTail('+8613800138000', 2)).toBe('8000');
  });
});
