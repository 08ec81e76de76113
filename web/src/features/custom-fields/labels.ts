import type { Choice, CustomFieldDef } from './custom-fields.api';

// Field and option labels are data in two languages (the admin writes both).
type Lang = string;
const zh = (lang: Lang) => lang.startsWith('zh');

export const fieldLabel = (d: Pick<CustomFieldDef, 'labelZh' | 'labelEn'>, lang: Lang) =>
  zh(lang) ? d.labelZh : d.labelEn;
export const fieldHelp = (d: CustomFieldDef, lang: Lang) => (zh(lang) ? d.helpZh : d.helpEn) || undefined;
export const choiceLabel = (c: Choice, lang: Lang) => (zh(lang) ? c.labelZh : c.labelEn);
export const choicesOf = (d: CustomFieldDef, lang: Lang) =>
  (d.options.choices ?? []).map((c) => ({ value: c.key, label: choiceLabel(c, lang) }));
