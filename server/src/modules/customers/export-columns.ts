import { minuteIn } from '../../platform/clock.js';
import type { Locale } from '../../platform/i18n.js';
import type { present } from './customers.repo.js';

// The columns a customer export can have, with their headers in both languages. The import target
// matches the same headers, so an exported file imports back without re-mapping.

type Shown = ReturnType<typeof present>;
type Column = {
  label: Record<Locale, string>;
  value: (c: Shown, o: { locale: Locale; timeZone: string }) => string | number | null;
};

const statusLabels: Record<string, Record<Locale, string>> = {
  prospect: { 'zh-CN': '潜在客户', en: 'Prospect' },
  customer: { 'zh-CN': '成交客户', en: 'Customer' },
  churned: { 'zh-CN': '流失客户', en: 'Churned' },
};

const time = (ms: number | null, tz: string) => (ms === null ? null : minuteIn(ms, tz));

export const customerColumns = {
  name: { label: { 'zh-CN': '客户名称', en: 'Customer name' }, value: (c) => c.name },
  shortName: { label: { 'zh-CN': '简称', en: 'Short name' }, value: (c) => c.shortName },
  level: { label: { 'zh-CN': '客户等级', en: 'Level' }, value: (c) => c.level },
  status: {
    label: { 'zh-CN': '客户状态', en: 'Status' },
    value: (c, o) => statusLabels[c.status]?.[o.locale] ?? c.status,
  },
  industry: { label: { 'zh-CN': '行业', en: 'Industry' }, value: (c) => c.industry },
  province: { label: { 'zh-CN': '省份', en: 'Province' }, value: (c) => c.region.province },
  city: { label: { 'zh-CN': '城市', en: 'City' }, value: (c) => c.region.city },
  address: { label: { 'zh-CN': '地址', en: 'Address' }, value: (c) => c.address },
  phone: { label: { 'zh-CN': '电话', en: 'Phone' }, value: (c) => c.phone },
  email: { label: { 'zh-CN': '邮箱', en: 'E-mail' }, value: (c) => c.email },
  website: { label: { 'zh-CN': '网站', en: 'Website' }, value: (c) => c.website },
  source: { label: { 'zh-CN': '来源', en: 'Source' }, value: (c) => c.source },
  tags: {
    label: { 'zh-CN': '标签', en: 'Tags' },
    value: (c, o) => c.tags.join(o.locale === 'en' ? ', ' : '、') || null,
  },
  owner: { label: { 'zh-CN': '负责人', en: 'Owner' }, value: (c) => c.ownerName },
  lastFollowUpAt: {
    label: { 'zh-CN': '最近跟进', en: 'Last follow-up' },
    value: (c, o) => time(c.lastFollowUpAt, o.timeZone),
  },
  createdAt: {
    label: { 'zh-CN': '创建时间', en: 'Created' },
    value: (c, o) => time(c.createdAt, o.timeZone),
  },
  updatedAt: {
    label: { 'zh-CN': '更新时间', en: 'Updated' },
    value: (c, o) => time(c.updatedAt, o.timeZone),
  },
} satisfies Record<string, Column>;

export type CustomerColumn = keyof typeof customerColumns;
export const customerColumnKeys = Object.keys(customerColumns) as CustomerColumn[];

/** What the customer list shows, in its order (the web sends its own list when it has one). */
export const listColumns: CustomerColumn[] = [
  'name',
  'level',
  'status',
  'industry',
  'province',
  'city',
  'phone',
  'owner',
  'lastFollowUpAt',
  'updatedAt',
];

export { statusLabels as customerStatusLabels };
