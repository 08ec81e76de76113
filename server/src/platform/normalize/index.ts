export {
  companyCore,
  companyKey,
  companySimilarity,
  isNearDuplicate,
  MAX_COMPANY_KEY_LENGTH,
  NEAR_DUPLICATE_THRESHOLD,
} from './company.js';
export { normalizeEmail } from './email.js';
export { type NormalizedPhone, normalizePhone, type PhoneKind, phoneTail } from './phone.js';
export { type PinyinKeys, pinyinKeys, toHalfWidth } from './text.js';
