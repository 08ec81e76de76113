import { z } from 'zod';
import { listQuery } from '../../platform/http/pagination.js';
import { customInput, customOutput } from '../custom-fields/custom-fields.schema.js';

// Request and response shapes of /api/v1/contacts.

export const contactRoles = ['decision_maker', 'influencer', 'user', 'other'] as const; // 决策人 · 影响人 · 使用人 · 其他

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();

const fields = {
  name: text(100).min(1),
  title: optionalText(100),
  role: z.enum(contactRoles).nullable().optional(),
  mobile: optionalText(50),
  phone: optionalText(50),
  email: optionalText(254),
  wechat: optionalText(100),
  birthday: z.iso.date().nullable().optional(),
  notes: optionalText(2000),
  /** 自定义字段 by key; on update only the keys sent change (null clears one). */
  custom: customInput.optional(),
};

export const createBody = z.strictObject({ customerId: z.uuid(), ...fields });
export const updateBody = z
  .strictObject(fields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');

export const listFilters = listQuery.extend({ customerId: z.uuid().optional() });

export const contact = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  role: z.string().nullable(),
  mobile: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
  birthday: z.string().nullable(),
  notes: z.string().nullable(),
  custom: customOutput,
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number(),
});

export type ContactFields = Partial<{ [K in keyof typeof fields]: z.infer<(typeof fields)[K]> }>;
