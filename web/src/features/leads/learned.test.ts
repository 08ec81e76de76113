import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../app/locales/en';
import { zhCN } from '../../app/locales/zh-CN';
import { factorText, factorWords } from './learned';

// 成交可能: the learned score's factors in words, in the real catalogues of both languages.
const tOf: Record<'zh-CN' | 'en', TFunction> = {} as never;
beforeAll(async () => {
  for (const [lng, translation] of [
    ['zh-CN', zhCN],
    ['en', en],
  ] as const) {
    const i = i18next.createInstance();
    await i.init({ lng, resources: { [lng]: { translation } }, interpolation: { escapeValue: false } });
    tOf[lng] = i.t;
  }
});

describe('factorText', () => {
  it('says field=value for the valued fields, the channel by its name, an empty one as not given', () => {
    const t = tOf['zh-CN'];
    expect(factorText(t, 'source=转介绍')).toBe('来源=转介绍');
    expect(factorText(t, 'industry=制造业')).toBe('行业=制造业');
    expect(factorText(t, 'province=广东省')).toBe('省份=广东省');
    expect(factorText(t, 'channel=web_form')).toBe('渠道=网页表单');
    expect(factorText(t, 'channel=fax')).toBe('渠道=fax');
    expect(factorText(t, 'source=')).toBe('来源未填');
    expect(factorText(tOf.en, 'channel=web_form')).toBe('Channel = Web form');
    expect(factorText(tOf.en, 'industry=')).toBe('Industry not given');
  });

  it('says what was filled in or asked for the yes/no fields', () => {
    const t = tOf['zh-CN'];
    expect(factorText(t, 'asks_price=yes')).toBe('询盘提到价格');
    expect(factorText(t, 'email=no')).toBe('未留邮箱');
    expect(factorText(t, 'phone=yes')).toBe('留了电话');
    expect(factorText(t, 'company=no')).toBe('未留公司');
    expect(factorText(t, 'senior_title=yes')).toBe('职务为负责人');
    expect(factorText(tOf.en, 'asks_price=yes')).toBe('Enquiry asks about price');
    expect(factorText(tOf.en, 'email=no')).toBe('No e-mail');
  });

  it('leaves out keys it does not know rather than showing them raw', () => {
    const t = tOf['zh-CN'];
    expect(factorText(t, 'budget=high')).toBeNull();
    expect(factorText(t, 'email=maybe')).toBeNull();
    expect(factorText(t, 'nonsense')).toBeNull();
  });
});

describe('factorWords', () => {
  it('puts the strongest first with ↑ for helping and ↓ for hurting, dropping zero weights', () => {
    const words = factorWords(tOf['zh-CN'], [
      { feature: 'email=no', weight: -0.4 },
      { feature: 'source=转介绍', weight: 1.2 },
      { feature: 'province=', weight: 0 },
      { feature: 'asks_price=yes', weight: 0.8 },
    ]);
    expect(words).toEqual([
      { text: '来源=转介绍', up: true },
      { text: '询盘提到价格', up: true },
      { text: '未留邮箱', up: false },
    ]);
  });

  it('keeps at most the number asked for', () => {
    const factors = ['phone=yes', 'email=yes', 'company=yes', 'asks_price=no', 'senior_title=no'].map(
      (feature, i) => ({ feature, weight: 1 - i / 10 }),
    );
    expect(factorWords(tOf.en, factors, 2).map((w) => w.text)).toEqual(['Gave a phone', 'Gave an e-mail']);
  });
});
