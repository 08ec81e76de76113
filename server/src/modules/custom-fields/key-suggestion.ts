import { pinyinKeys } from '../../platform/normalize/index.js';

/**
 * A field key from its label: English words joined by "_" (Annual budget → annual_budget), Chinese in
 * pinyin without tones (员工规模 → yuangongguimo); made unique against the keys already taken.
 */
export function suggestKey(label: string, taken: Set<string>): string {
  const ascii = /^[\x20-\x7e]*$/.test(label);
  const raw = ascii ? label.toLowerCase() : pinyinKeys(label).full.toLowerCase();
  let key = raw
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36)
    .replace(/_+$/, '');
  if (!/^[a-z]/.test(key)) key = `f_${key}`.replace(/_+$/, '');
  if (key === 'f') key = 'field';
  let candidate = key;
  for (let n = 2; taken.has(candidate); n++) candidate = `${key}_${n}`;
  return candidate;
}
