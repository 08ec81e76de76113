import { isSupportedCountry, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { toHalfWidth } from './text.js';

export type PhoneKind = 'mobile' | 'fixed_line' | 'other';

export interface NormalizedPhone {
  /** +8613800138000 — the duplicate-check key; never includes the extension. */
  e164: string;
  kind: PhoneKind;
  /** Digits after 转 / 分机 / ext / x / #, or null. */
  extension: string | null;
  /** ISO 3166 region (CN, HK, MO, TW, US…), or '001' for non-geographic numbers such as +800. */
  region: string;
}

/** Longer input is refused rather than cut, since a cut could turn it into some other valid number. */
const MAX_INPUT_LENGTH = 64;

/** An extension at the end: 转 / 分机 / 分机号 / ext / extension / x / # then up to 8 digits. */
const EXTENSION = /[\s,;]*(?:转分机|分机号?|转|extension|ext\.?|x|#)\s*:?\s*(\d{1,8})\s*$/i;

/** What may remain once the extension is off: digits, one leading +, and separators people type. */
const NUMBER_BODY = /^\+?[\d\s\-.()]+$/;

/** A Chinese landline written with its extension after one more dash: 010-12345678-8001. */
const DASHED_EXTENSION = /^(.*\d)\s*-\s*(\d{1,6})$/;

/**
 * Parses a phone number as a person typed it (CN by default) and returns its E.164 form, or null when
 * it is not a valid number: letters, emoji, several numbers in one field, a number too short or too
 * long for its country. Full-width digits and punctuation are folded first; the 0086 / 86 / +86
 * prefixes, the trunk 0 of area codes and foreign country codes are libphonenumber's job.
 */
export function normalizePhone(raw: string, defaultRegion = 'CN'): NormalizedPhone | null {
  if (raw.length > MAX_INPUT_LENGTH) return null;
  const text = toHalfWidth(raw).trim();
  const region = isSupportedCountry(defaultRegion) ? defaultRegion : undefined;

  const ext = EXTENSION.exec(text);
  const body = ext ? text.slice(0, ext.index) : text;
  if (!NUMBER_BODY.test(body)) return null;

  const whole = parsePhoneNumberFromString(body, region);
  if (whole?.isValid()) return result(whole, ext?.[1] ?? null);

  // 010-12345678-8001: only when the whole run of digits is not itself a number.
  const dashed = ext ? null : DASHED_EXTENSION.exec(body);
  if (dashed) {
    const main = parsePhoneNumberFromString(dashed[1]!, region);
    if (main?.isValid() && main.getType() === 'FIXED_LINE') return result(main, dashed[2]!);
  }
  return null;
}

function result(phone: PhoneNumber, extension: string | null): NormalizedPhone {
  return { e164: phone.number, kind: kindOf(phone), extension, region: phone.country ?? '001' };
}

/** Mobile or fixed line only when the numbering plan is sure; US/CA numbers cannot tell, so 'other'. */
function kindOf(phone: PhoneNumber): PhoneKind {
  const type = phone.getType();
  if (type === 'MOBILE') return 'mobile';
  if (type === 'FIXED_LINE') return 'fixed_line';
  return 'other';
}

/**
 * The last `length` digits (at least 4) of a normalized number: what a rep types to find
 * "the customer whose number ends in 8000".
 */
export function phoneTail(e164: string, length = 4): string {
  return e164.replace(/\D/g, '').slice(-Math.max(4, length));
}
