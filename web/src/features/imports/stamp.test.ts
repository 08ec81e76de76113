import { describe, expect, it } from 'vitest';
import { stampOf } from './stamp';

describe('the stamp of a lead list', () => {
  it('sends what was typed, trimmed, and leaves empty ones out', () => {
    expect(stampOf({ source: ' 展会 ', campaign: '  ' })).toEqual({ source: '展会' });
    expect(stampOf({})).toEqual({});
    expect(stampOf({ campaign: '2026 上海工博会' })).toEqual({ campaign: '2026 上海工博会' });
  });
});
