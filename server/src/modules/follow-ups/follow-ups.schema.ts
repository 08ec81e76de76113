import { z } from 'zod';

// Request and response shapes of /api/v1/follow-ups.

/** 电话 · 微信 · 拜访 · 邮件 · 会议 · 其他 */
export const followUpMethods = ['phone', 'wechat', 'visit', 'email', 'meeting', 'other'] as const;
/** The objects that take follow-ups (more with D4). */
export const followUpObjects = ['lead', 'opportunity'] as const;

export const createFollowUpBody = z.strictObject({
  object: z.enum(followUpObjects),
  recordId: z.uuid(),
  method: z.enum(followUpMethods),
  content: z.string().trim().min(1).max(2000),
  /** 下次跟进时间; without it the object's cadence sets the next one. */
  nextAt: z.number().int().positive().optional(),
});

export const listFollowUpsQuery = z.strictObject({
  object: z.enum(followUpObjects),
  recordId: z.uuid(),
});

export const followUp = z.object({
  id: z.string(),
  object: z.string(),
  recordId: z.string(),
  method: z.enum(followUpMethods),
  content: z.string(),
  nextAt: z.number().nullable(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.number(),
});
