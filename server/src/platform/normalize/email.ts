import { toHalfWidth } from './text.js';

/** RFC 5321's limit on a forward path; longer is not an address anyone can send to. */
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;

/** Dot-atom local part: the characters real mailboxes use, no leading, trailing or double dot. */
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** Host name with at least one dot; labels of letters (any script, for 例子.中国), digits, inner hyphens. */
const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;

/**
 * The comparable form of an e-mail address — trimmed, full-width folded (ｚｈａｎｇ＠ｑｑ．ｃｏｍ and
 * zhang@qq。com are what Chinese input methods produce), lower-cased — or null when it is not one
 * address. Lower-casing the local part is a deliberate simplification: no mainstream provider treats
 * Zhang@ and zhang@ as two mailboxes, and a duplicate check must not miss them.
 */
export function normalizeEmail(raw: string): string | null {
  if (raw.length > MAX_EMAIL_LENGTH * 2) return null;
  const email = toHalfWidth(raw).trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH) return null;
  // A second @ lands in the domain, which DOMAIN refuses.
  const at = email.indexOf('@');
  if (at < 1) return null;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > MAX_LOCAL_LENGTH || !LOCAL_PART.test(local) || !DOMAIN.test(domain)) return null;
  return email;
}
