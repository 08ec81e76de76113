import { describe, expect, it } from 'vitest';
import {
  aucReading,
  blankSource,
  curlExample,
  embedSnippet,
  hostedUrl,
  isOrigin,
  settingsBodyOf,
  settingsValuesOf,
  sourceBodyOf,
  sourceValuesOf,
} from './intake-values';
import type { LeadSource } from './lead-intake.api';

const source: LeadSource = {
  id: 's1',
  kind: 'web_form',
  name: '官网表单',
  publicKey: 'abc',
  source: '官网',
  campaign: null,
  onDuplicate: 'merge',
  fields: [
    { key: 'name', required: true },
    { key: 'inquiry', required: true },
    { key: 'phone', required: false },
  ],
  allowedOrigins: ['https://www.example.cn'],
  thankYou: '谢谢',
  spamCount: 0,
  active: true,
  createdAt: 0,
  version: 3,
};

describe('lead source form values', () => {
  it('asks what the server would by default: name, company, phone (required), inquiry', () => {
    expect(sourceBodyOf({ ...blankSource('web_form'), name: ' 展会表单 ' })).toMatchObject({
      name: '展会表单',
      source: null,
      campaign: null,
      fields: [
        { key: 'name', required: true },
        { key: 'company', required: false },
        { key: 'phone', required: true },
        { key: 'inquiry', required: false },
      ],
      thankYou: null,
    });
  });

  it('keeps the order of the fields already on a form and puts new ones after them', () => {
    const v = sourceValuesOf(source);
    expect(v.asks).toMatchObject({ inquiry: 'required', phone: 'optional', company: 'off' });
    expect(sourceBodyOf({ ...v, asks: { ...v.asks, email: 'optional' } }, source).fields).toEqual([
      { key: 'name', required: true },
      { key: 'inquiry', required: true },
      { key: 'phone', required: false },
      { key: 'email', required: false },
    ]);
  });

  it('sends origins lower-cased without a trailing slash, each once, and no thank-you text for an API', () => {
    const body = sourceBodyOf({
      ...blankSource('api'),
      name: 'ERP',
      thankYou: '谢谢',
      allowedOrigins: ['https://WWW.Example.cn/', 'https://www.example.cn'],
    });
    expect(body.allowedOrigins).toEqual(['https://www.example.cn']);
    expect(body.thankYou).toBeNull();
  });

  it('accepts an origin, not a page address', () => {
    expect(isOrigin('https://www.example.cn')).toBe(true);
    expect(isOrigin('http://localhost:8080/')).toBe(true);
    expect(isOrigin('https://www.example.cn/contact')).toBe(false);
    expect(isOrigin('www.example.cn')).toBe(false);
  });
});

describe('what an admin copies', () => {
  it('builds the hosted address and an iframe of it', () => {
    const url = hostedUrl('https://crm.example.cn', 'k_1');
    expect(url).toBe('https://crm.example.cn/f/k_1');
    expect(embedSnippet(url, '官网 "表单"')).toBe(
      '<iframe src="https://crm.example.cn/f/k_1" title="官网 &quot;表单&quot;" width="100%" height="640" style="border:0"></iframe>',
    );
  });

  it('quotes the JSON of the curl example for the shell', () => {
    expect(curlExample('https://x/api', 's3cret', { name: "O'Brien" })).toBe(
      [
        "curl -X POST 'https://x/api' \\",
        "  -H 'Content-Type: application/json' \\",
        "  -H 'X-Cadence-Source-Secret: s3cret' \\",
        `  -d '{"name":"O'\\''Brien"}'`,
      ].join('\n'),
    );
  });
});

describe('lead settings form values', () => {
  it('sends an emptied cadence as none and each reason once', () => {
    const v = settingsValuesOf({
      firstResponseHours: 24,
      remindBeforeHours: 4,
      cadenceDays: { new: 3, working: 3, qualified: 3 },
      disqualifyReasons: ['联系不上'],
      version: 0,
    });
    expect(
      settingsBodyOf({
        ...v,
        cadence: { new: 1, working: null, qualified: 7 },
        disqualifyReasons: [' 联系不上', '联系不上', '预算不足'],
      }),
    ).toEqual({
      firstResponseHours: 24,
      remindBeforeHours: 4,
      cadenceDays: { new: 1, working: null, qualified: 7 },
      disqualifyReasons: ['联系不上', '预算不足'],
    });
  });
});

describe('the learned score in words', () => {
  it('reads 0.5 as a coin toss, 0.7 as worth a look, 0.8 as good and far under 0.5 as worse than none', () => {
    expect(aucReading(0.2)).toBe('worse');
    expect(aucReading(0.5)).toBe('chance');
    expect(aucReading(0.62)).toBe('weak');
    expect(aucReading(0.7)).toBe('useful');
    expect(aucReading(0.85)).toBe('good');
  });
});
