import { pinyin } from 'pinyin-pro';

/** Longest name, in characters, that pinyinKeys reads; the rest cannot help a search. */
const MAX_PINYIN_INPUT = 100;

/**
 * Folds full-width and compatibility forms to their plain forms (ＡＢＣ１２３ → ABC123, （ → (, ＠ → @,
 * ideographic space → space) with NFKC, plus the two look-alikes NFKC leaves alone but Chinese input
 * methods produce in addresses and numbers: 。 as a dot and the dash family as '-'.
 */
export function toHalfWidth(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\u3002/g, '.')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

/** The first `max` code points of `s`, never splitting a surrogate pair. */
export function firstCodePoints(s: string, max: number): string {
  let out = '';
  let n = 0;
  for (const ch of s) {
    if (n === max) break;
    out += ch;
    n++;
  }
  return out;
}

export interface PinyinKeys {
  /** Whole pinyin without tones or spaces: 张伟 → 'zhangwei'. */
  full: string;
  /** First letter of each syllable: 张伟 → 'zw'. */
  initials: string;
}

/**
 * Search keys for a person or company name. Latin letters and digits are kept as typed (lower-cased)
 * in both keys, so 张伟ABC gives 'zhangweiabc' / 'zwabc'. A polyphonic character gets pinyin-pro's
 * reading in context; ü is written 'v', as people type it.
 */
export function pinyinKeys(name: string): PinyinKeys {
  const text = toHalfWidth(firstCodePoints(name, MAX_PINYIN_INPUT))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
  if (text === '') return { full: '', initials: '' };
  const full = pinyin(text, { toneType: 'none', type: 'array', v: true });
  const initials = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', v: true });
  return { full: full.join('').toLowerCase(), initials: initials.join('').toLowerCase() };
}
