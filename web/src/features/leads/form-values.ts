import type { Lead, LeadChanges, NewLead } from '../../app/api-types';
// The plain modules, not the feature's index: these functions run in unit tests without a browser.
import type { CustomFieldDef } from '../custom-fields/custom-fields.api';
import { customChangesOf, customFormValues, newCustomOf } from '../custom-fields/values';

// The lead form's values: region flattened to province / city; blanks are empty strings or undefined.
// Status is not here: it changes through the page's actions (更改状态, 标记无效, 重新打开).
export type Values = {
  name: string;
  company?: string;
  title?: string;
  phone?: string;
  email?: string;
  wechat?: string;
  province?: string;
  city?: string;
  industry?: string;
  source?: string;
  /** 询盘内容: what the person asked for. */
  inquiry?: string;
  /** 分配方式 of a new lead: 自己负责 (the default), 按分配规则, or 指定负责人 (ownerId). */
  assign?: AssignMode;
  ownerId?: string;
  /** 自定义字段 as the form holds them (dates as picker values, money in 元). */
  custom?: Record<string, unknown>;
};

export const assignModes = ['self', 'rules', 'owner'] as const;
export type AssignMode = (typeof assignModes)[number];

const texts = ['company', 'title', 'phone', 'email', 'wechat', 'industry', 'source', 'inquiry'] as const;

export const valuesOf = (l: Lead, defs: CustomFieldDef[] = []): Values => ({
  name: l.name,
  company: l.company ?? undefined,
  title: l.title ?? undefined,
  phone: l.phone ?? undefined,
  email: l.email ?? undefined,
  wechat: l.wechat ?? undefined,
  province: l.region.province ?? undefined,
  city: l.region.city ?? undefined,
  industry: l.industry ?? undefined,
  source: l.source ?? undefined,
  inquiry: l.inquiry ?? undefined,
  ownerId: l.ownerId ?? undefined,
  custom: customFormValues(defs, l.custom),
});

const clean = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** A new lead from the form: only what was filled in. */
export function newLeadOf(v: Values, defs: CustomFieldDef[] = []): NewLead {
  const body: NewLead = { name: v.name.trim() };
  for (const k of texts) if (clean(v[k])) body[k] = clean(v[k]);
  if (clean(v.province) || clean(v.city)) body.region = { province: clean(v.province), city: clean(v.city) };
  if (v.assign === 'rules') body.assign = 'rules';
  else if (v.ownerId && v.assign !== 'self') body.ownerId = v.ownerId;
  const custom = newCustomOf(defs, v.custom);
  if (Object.keys(custom).length) body.custom = custom;
  return body;
}

/**
 * Only the fields that changed: resending an unchanged phone or company would run the duplicate check
 * again, and a masked phone sent back as typed would overwrite the real number.
 */
export function changesOf(before: Lead, v: Values, defs: CustomFieldDef[] = []): LeadChanges {
  const old = valuesOf(before);
  const out: LeadChanges = {};
  if (v.name.trim() !== old.name) out.name = v.name.trim();
  for (const k of texts) if (clean(v[k]) !== clean(old[k])) out[k] = clean(v[k]);
  if (clean(v.province) !== clean(old.province) || clean(v.city) !== clean(old.city))
    out.region = { province: clean(v.province), city: clean(v.city) };
  if (v.ownerId && v.ownerId !== old.ownerId) out.ownerId = v.ownerId;
  const custom = customChangesOf(defs, before.custom, v.custom);
  if (custom) out.custom = custom;
  return out;
}
