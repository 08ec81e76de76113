import { registerObject } from '../../platform/access/index.js';

// 自定义字段: definitions only admins edit by default. Reading them is also open to everyone who may
// read the object they belong to (forms and lists need them) — the list route checks that.
registerObject({
  key: 'custom_field',
  label: { 'zh-CN': '自定义字段', en: 'Custom fields' },
  table: 'custom_field_defs',
  scopeBy: 'org',
  actions: ['read', 'create', 'update'],
  defaults: {},
});

/**
 * The objects that carry custom fields and the table holding their `custom` JSON column. A later
 * object (lead, deal, …) adds one line here and calls validateCustom in its create/update path.
 */
export const customObjects = {
  customer: { table: 'customers' },
  contact: { table: 'contacts' },
  lead: { table: 'leads' },
  opportunity: { table: 'opportunities' },
} as const;
export type CustomObject = keyof typeof customObjects;
export const customObjectKeys = Object.keys(customObjects) as [CustomObject, ...CustomObject[]];
