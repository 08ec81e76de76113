import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  companyKey,
  companySimilarity,
  isNearDuplicate,
  MAX_COMPANY_KEY_LENGTH,
  NEAR_DUPLICATE_THRESHOLD,
} from './company.js';

const keys: [name: string, key: string][] = [
  ['华为技术有限公司', '华为技术'],
  ['北京字节跳动科技有限公司', '北京字节跳动科技'],
  ['腾讯科技（深圳）有限公司', '腾讯科技'],
  ['中国平安保险（集团）股份有限公司', '中国平安保险'],
  ['阿里巴巴（中国）网络技术有限公司', '阿里巴巴网络技术'],
  ['小米科技有限责任公司', '小米科技'],
  ['海尔集团公司', '海尔'],
  ['美的集团股份有限公司', '美的'],
  ['中建三局集团有限公司', '中建三局'],
  ['万科企业股份有限公司', '万科企业'],
  ['深圳市腾讯计算机系统有限公司', '深圳市腾讯计算机系统'],
  ['某某投资中心（有限合伙）', '某某投资中心'],
  ['华为技术有限公司（南山区）', '华为技术'],
  ['某某科技有限公司【深圳】', '某某科技'],
  ['ＡＢＣ Trading Co., Ltd.', 'abctrading'],
  ['Acme, Inc.', 'acme'],
  ['ACME LLC', 'acme'],
  ['Foo L.L.C.', 'foo'],
  ['Siemens AG', 'siemens'],
  ['Microsoft Corporation', 'microsoft'],
  ['The Boeing Company', 'theboeing'],
  ['3M Company', '3m'],
  ['AT&T Inc.', 'att'],
  ['ABC (China) Co.,Ltd.', 'abc'],
  ['DBS Bank (Hong Kong) Limited', 'dbsbank'],
  ['Tencent Holdings Limited', 'tencentholdings'],
  ['Alibaba Group Holding Ltd', 'alibabagroupholding'],
  ['华为 Co., Ltd.', '华为'],
  ['华为Co.,Ltd.', '华为'],
  ['Cadence 节拍 有限公司', 'cadence节拍'],
];

const sameKey: [why: string, names: string[]][] = [
  [
    'spaces, location brackets and bracket style do not matter',
    [
      '华为技术有限公司',
      '华为技术 有限公司',
      '华为技术（深圳）有限公司',
      '华为技术有限公司（深圳）',
      ' 华为技术有限公司 ',
    ],
  ],
  [
    'a trailing bracketed city repeating the registered one is dropped',
    [
      '北京字节跳动科技有限公司',
      '北京字节跳动科技有限公司（北京）',
      '北京字节跳动科技有限公司(北京市)',
      '北京字节跳动科技有限公司【北京】',
    ],
  ],
  [
    'full-width letters, case and English legal forms do not matter',
    [
      'ＡＢＣ Trading Co., Ltd.',
      'abc trading',
      'ABC TRADING CO LTD',
      'ABC Trading Company Limited',
      'abc-trading ltd.',
      'ABC Trading (Shanghai) Co., Ltd.',
    ],
  ],
  [
    'Inc, LLC, Corp and GmbH are the same company',
    [
      'Acme, Inc.',
      'ACME LLC',
      'Acme Corp.',
      'acme corporation',
      'ACME GmbH',
      'Acme Incorporated',
      'Ａｃｍｅ，Ｉｎｃ．',
    ],
  ],
  [
    '（中国） is a location',
    ['阿里巴巴（中国）网络技术有限公司', '阿里巴巴网络技术有限公司', '阿里巴巴(China)网络技术有限公司'],
  ],
  [
    '集团 and 股份有限公司 are legal forms, bracketed or not',
    ['中国平安保险（集团）股份有限公司', '中国平安保险股份有限公司', '中国平安保险集团', '中国平安保险'],
  ],
  [
    'Chinese punctuation and quotes do not matter',
    [
      '小米科技有限责任公司',
      '小米科技有限公司',
      '“小米科技”有限公司',
      '小米·科技有限公司',
      '小米——科技',
      '小米、科技。',
    ],
  ],
  ['a bracketed district or county is a location', ['某某商贸（朝阳区）', '某某商贸（长丰县）', '某某商贸']],
];

const differentKey: [why: string, a: string, b: string][] = [
  [
    'a city prefix without brackets is part of the registered name',
    '上海华为技术有限公司',
    '华为技术有限公司',
  ],
  ['a branch written without brackets is its own customer', '华为技术有限公司上海分公司', '华为技术有限公司'],
  ['a bracket that is not a place keeps its content', '华为（终端）有限公司', '华为有限公司'],
  ['"inc" is only a legal form as a separate word', 'Zinc Ltd', 'Z Inc'],
  ['an industry word is part of the key', '腾讯', '腾讯科技'],
];

const near: [a: string, b: string][] = [
  ['腾讯', '腾讯科技有限公司'],
  ['上海华为技术有限公司', '华为技术有限公司'],
  ['北京字节跳动科技有限公司', '北京字节跳动科枝有限公司'],
  ['深圳市大疆创新科技有限公司', '深圳大疆创新科技有限公司'],
  ['字节跳动科技有限公司', '字节跳动技术有限公司'],
  ['中国平安保险', '平安保险'],
  ['阿里巴巴', '阿里巴巴网络技术有限公司'],
  ['腾讯', '腾讯音乐娱乐'],
  ['Tencent', 'Tencent Holdings Ltd.'],
  ['Cadence Software Inc.', 'Cadence Technologies Ltd.'],
];

const notNear: [a: string, b: string][] = [
  ['北京科技有限公司', '南京科技有限公司'],
  ['ABC Trading Co., Ltd.', 'XYZ Trading Co., Ltd.'],
  ['中国移动', '中国联通'],
  ['华为技术有限公司', '中兴通讯股份有限公司'],
  ['美团', '美的'],
  ['中国银行', '中国建设银行'],
  ['上海汽车集团', '上海电气集团'],
  ['Apple Inc.', 'Applied Materials Inc.'],
  ['小米科技', '小鹏汽车'],
  ['百度在线网络技术（北京）有限公司', '北京京东世纪贸易有限公司'],
  ['深圳市腾讯计算机系统有限公司', '深圳市华为技术有限公司'],
];

describe('companyKey', () => {
  it.each(keys)('folds %s to %s', (name, key) => {
    expect(companyKey(name), `companyKey(${JSON.stringify(name)})`).toBe(key);
  });

  it.each(sameKey)('gives one key when %s', (_why, names) => {
    const first = companyKey(names[0]!);
    for (const name of names) expect(companyKey(name), `${name} vs ${names[0]}`).toBe(first);
  });

  it.each(differentKey)('keeps two keys when %s', (_why, a, b) => {
    expect(companyKey(a), `${a} and ${b} must not collide`).not.toBe(companyKey(b));
  });

  it('never strips a name down to nothing', () => {
    expect(companyKey('有限公司')).toBe('有限公司');
    expect(companyKey('集团')).toBe('集团');
    expect(companyKey('Limited')).toBe('limited');
    expect(companyKey('Co., Ltd.')).toBe('co');
  });

  it('gives an empty key to a name with nothing but punctuation, emoji or a place in brackets', () => {
    for (const name of ['', '   ', '。，、', '😀🏢', '（北京）']) expect(companyKey(name), name).toBe('');
  });

  it('folds until nothing changes, so a legal word split by spaces cannot survive a second pass', () => {
    expect(companyKey('华为 Co Rp')).toBe('华为');
    expect(companyKey(companyKey('Acme L td'))).toBe(companyKey('Acme L td'));
  });

  it('reduces a script tag to plain letters', () => {
    expect(companyKey('<script>alert(1)</script>某某公司')).toBe('scriptalert1script某某');
  });

  it('bounds the key and the time for 10,000-character names', () => {
    const start = performance.now();
    for (const name of [
      '字'.repeat(10_000),
      '（'.repeat(5_000) + '）'.repeat(5_000),
      '(北京)'.repeat(2_500),
      '😀'.repeat(5_000),
    ]) {
      expect([...companyKey(name)].length).toBeLessThanOrEqual(MAX_COMPANY_KEY_LENGTH);
    }
    expect(performance.now() - start, 'four hostile names should take well under a second').toBeLessThan(
      1_000,
    );
  });

  it('reads only the start of a huge name, so nested brackets cannot make the work quadratic', () => {
    const start = performance.now();
    companyKey('(北京)'.repeat(50_000));
    companyKey(`${'('.repeat(100_000)}x${')'.repeat(100_000)}`);
    expect(performance.now() - start, 'two 200,000-character names').toBeLessThan(1_000);
  });
});

describe('companySimilarity and isNearDuplicate', () => {
  it.each(near)('warns that %s and %s look like the same company', (a, b) => {
    const score = companySimilarity(a, b);
    expect(score, `${a} / ${b} scored ${score}`).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
    expect(score, 'different keys never score 1').toBeLessThan(1);
    expect(isNearDuplicate(a, b)).toBe(true);
  });

  it.each(notNear)('does not warn about %s and %s', (a, b) => {
    const score = companySimilarity(a, b);
    expect(score, `${a} / ${b} scored ${score}`).toBeLessThan(NEAR_DUPLICATE_THRESHOLD);
    expect(isNearDuplicate(a, b)).toBe(false);
  });

  it('scores 1 for the same key and 0 when either key is empty', () => {
    expect(companySimilarity('华为技术有限公司', '华为技术（深圳）有限公司')).toBe(1);
    expect(companySimilarity('', '')).toBe(0);
    expect(companySimilarity('华为', '😀')).toBe(0);
  });

  it('never scores 1 for different keys, even when they share every bigram', () => {
    expect(companySimilarity('aba', 'bab')).toBeLessThan(1);
  });

  it('accepts stored keys as well as names', () => {
    expect(companySimilarity(companyKey('腾讯科技有限公司'), '腾讯')).toBe(
      companySimilarity('腾讯科技有限公司', '腾讯'),
    );
  });

  it('lets the caller choose a stricter threshold', () => {
    expect(isNearDuplicate('腾讯', '腾讯科技', 0.95)).toBe(false);
  });
});

// ---- Properties ---------------------------------------------------------------------------------

const hanChars = [...'华为腾讯阿里巴巴字节跳动小米美团京东百度网易平安万科海尔格力比亚迪长城吉利蔚来理想'];
const latinWords = ['acme', 'cadence', 'trading', 'global', 'sino', 'pacific', 'star', 'blue', 'ocean'];
const hanWord = fc.string({ unit: fc.constantFrom(...hanChars), minLength: 1, maxLength: 5 });
const latinWord = fc
  .constantFrom(...latinWords)
  .chain((w) => fc.constantFrom(w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)));
/** A name without legal forms or places: what the properties add those to. */
const baseName = fc
  .array(fc.oneof(hanWord, latinWord), { minLength: 1, maxLength: 4 })
  .map((words) => words.join(' '));
const legalSuffix = fc.constantFrom(
  '有限公司',
  '股份有限公司',
  '有限责任公司',
  '（集团）有限公司',
  '集团',
  ' Co., Ltd.',
  ' Inc.',
  ' LLC',
  ' Limited',
  ' GmbH',
);
const bracketedPlace = fc.constantFrom(
  '（北京）',
  '(上海)',
  '【深圳】',
  '（中国）',
  ' (China)',
  '（浦东新区）',
);
/** Pieces of legal words, which only become one once spaces between them are gone. */
const latinFragment = fc.constantFrom(' co', 'rp', ' l', 'td', ' in', 'c', ' ltd', ' gmb', 'h');
/** Anything a person or an import might put in a name field. */
const anyName = fc.oneof(
  fc
    .array(
      fc.oneof(
        hanWord,
        latinWord,
        legalSuffix,
        bracketedPlace,
        latinFragment,
        fc.constantFrom(' ', '，', '·', '(', '）', '.', '&'),
      ),
      {
        maxLength: 8,
      },
    )
    .map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const toFullWidth = (s: string) =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
const spreadOut = (s: string) => ` ${[...s].join(' ')}  `;

describe('companyKey properties', () => {
  it('is idempotent, so a stored key can be keyed again', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const key = companyKey(name);
        expect(companyKey(key), `key of ${JSON.stringify(name)}`).toBe(key);
      }),
      { numRuns: 1_000 },
    );
  });

  it('ignores full-width forms', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        expect(companyKey(toFullWidth(name))).toBe(companyKey(name));
      }),
    );
  });

  it('ignores spaces added inside Chinese names and around any name', () => {
    fc.assert(
      fc.property(fc.array(hanWord, { minLength: 1, maxLength: 4 }), legalSuffix, (words, suffix) => {
        const han = words.join('');
        expect(companyKey(spreadOut(han) + suffix), han + suffix).toBe(companyKey(han + suffix));
        expect(companyKey(`  ${han}${suffix}\t`), han + suffix).toBe(companyKey(han + suffix));
      }),
    );
  });

  it('ignores a legal suffix and a bracketed place', () => {
    fc.assert(
      fc.property(baseName, legalSuffix, bracketedPlace, (base, suffix, place) => {
        const key = companyKey(base);
        expect(companyKey(base + suffix), base + suffix).toBe(key);
        expect(companyKey(base + place + suffix), base + place + suffix).toBe(key);
        expect(companyKey(base + suffix + place), base + suffix + place).toBe(key);
      }),
    );
  });

  it('never returns more than MAX_COMPANY_KEY_LENGTH characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 90, maxLength: 2_000 }), (name) => {
        expect([...companyKey(name)].length).toBeLessThanOrEqual(MAX_COMPANY_KEY_LENGTH);
      }),
      { numRuns: 200 },
    );
  });
});

describe('companySimilarity properties', () => {
  it('is symmetric and between 0 and 1', () => {
    fc.assert(
      fc.property(anyName, anyName, (a, b) => {
        const score = companySimilarity(a, b);
        expect(companySimilarity(b, a)).toBe(score);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1_000 },
    );
  });

  it('is 1 exactly when the keys are equal and not empty', () => {
    fc.assert(
      fc.property(baseName, legalSuffix, anyName, (base, suffix, other) => {
        expect(companySimilarity(base, toFullWidth(base) + suffix)).toBe(1);
        const sameKey = companyKey(base) === companyKey(other);
        expect(companySimilarity(base, other) === 1, `${base} / ${other}`).toBe(sameKey);
      }),
    );
  });
});
