import { z } from 'zod';
import { listQuery, type SortColumn } from '../../platform/http/pagination.js';
import { name } from '../../platform/http/schemas.js';

// Request and response shapes of /api/v1/users.

export const user = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  mobile: z.string().nullable(),
  title: z.string().nullable(),
  departmentId: z.string(),
  departmentName: z.string(),
  roles: z.array(z.string()),
  active: z.boolean(),
  /** May receive leads by automatic assignment (线索分配资格). */
  leadEligible: z.boolean(),
  locale: z.string(),
  lastLoginAt: z.number().nullable(),
  version: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const mobile = z
  .string()
  .trim()
  .regex(/^\+?[0-9]{6,15}$/);
export const roleKeys = z
  .array(z.string().regex(/^[a-z][a-z0-9_]{1,39}$/))
  .min(1)
  .max(20);
export const createBody = z.strictObject({
  name,
  email: z.email().max(200),
  mobile: mobile.nullable().optional(),
  title: z.string().trim().max(100).nullable().optional(),
  password: z.string().max(256).optional(),
  departmentId: z.uuid(),
  roles: roleKeys,
  locale: z.enum(['zh-CN', 'en']).optional(),
});
export const handoverTarget = z.union([
  z.strictObject({ toUserId: z.uuid(), reason: z.string().trim().min(2).max(500).optional() }),
  z.strictObject({ toPoolId: z.uuid(), reason: z.string().trim().min(2).max(500).optional() }),
]);
export const handoverCounts = z.array(z.object({ object: z.string(), count: z.number() }));

export const updateBody = z
  .strictObject({
    name,
    email: z.email().max(200),
    mobile: mobile.nullable(),
    title: z.string().trim().max(100).nullable(),
    password: z.string().max(256),
    departmentId: z.uuid(),
    roles: roleKeys,
    locale: z.enum(['zh-CN', 'en']),
    active: z.boolean(),
    leadEligible: z.boolean(),
    /** When deactivating a user who still owns records: where they go (离职交接), in the same step. */
    handover: handoverTarget,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');
export const listFilters = listQuery.extend({
  departmentId: z.uuid().optional(),
  active: z.enum(['true', 'false']).optional(),
  role: z.string().max(40).optional(),
});

export const sortable: Record<string, SortColumn> = {
  name: 'u.name',
  createdAt: { column: 'u.created_at', type: 'number' },
  lastLoginAt: { column: 'u.last_login_at', type: 'number' },
};
