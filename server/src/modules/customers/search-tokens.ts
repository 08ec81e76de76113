import { toHalfWidth } from '../../platform/normalize/index.js';

// The tokens of the search index (search_docs): pure functions, shared by the app's writes, the
// migration's backfill and the bench generator, so all three index a record the same way.
//
// - Name: every bigram of the folded name (full-width → half-width, lower case, letters and digits
//   only), so any substring of 2+ characters — 华瑞 as well as 杭州华瑞精密 — has all its bigrams in
//   the record's tokens.
// - Phone: 'p' + every 4-digit run of the E.164 digits, so any fragment of 4+ digits, from the middle
//   or the end of the number, has its 4-digit runs in the record's tokens.
// A record holding all of a query's tokens is only a candidate; the query checks the record itself.

/** Longest name, in characters, whose bigrams are indexed (names are capped well below). */
const MAX_NAME = 200;

/** Lower case, half-width, letters and digits only — what name tokens are made of. */
export function foldForSearch(s: string): string {
  return toHalfWidth(s)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export function nameBigrams(name: string): string[] {
  const chars = [...foldForSearch(name)].slice(0, MAX_NAME);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}

export function phoneGrams(digits: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 4 <= digits.length; i++) out.add(`p${digits.slice(i, i + 4)}`);
  return [...out];
}

/** The space-separated tokens of one customer's search document. */
export function searchTokens(r: { name: string; phoneE164?: string | null }): string {
  const digits = (r.phoneE164 ?? '').replace(/\D/g, '');
  return [...nameBigrams(r.name), ...phoneGrams(digits)].join(' ');
}
