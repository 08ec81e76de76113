import { z } from 'zod';

// Request and response shapes of /api/v1/follow-ups.

/** 电话 · 微信 · 拜访 · 邮件 · 会议 · 其他 */
export const followUpMethods = ['phone', 'wechat', 'visit', 'email', 'meeting', 'other'] as const;
/** The objects that take follow-ups (more with D4). */
export const followUpObjects = ['lead', 'customer', 'opportunity'] as const;

/**
 * 签到: where the browser says the rep was when logging a visit — or why it could not tell. Recorded as
 * reported, never made up; the server adds when it received it.
 */
export const checkIn = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('located'),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    /** Metres, as the browser reports (95 % radius). */
    accuracy: z.number().min(0).max(100_000),
    /** When the position was taken (epoch ms). */
    at: z.number().int().positive(),
  }),
  z.strictObject({ status: z.enum(['denied', 'unavailable', 'timeout']) }),
]);

export const createFollowUpBody = z.strictObject({
  object: z.enum(followUpObjects),
  recordId: z.uuid(),
  method: z.enum(followUpMethods),
  content: z.string().trim().min(1).max(2000),
  /** 下次跟进时间; without it the object's cadence sets the next one. */
  nextAt: z.number().int().positive().optional(),
  /** 时长 in minutes. */
  durationMinutes: z.number().int().min(0).max(1440).optional(),
  /** 客户需求 heard this time. */
  needs: z.string().trim().max(1000).optional(),
  /** 下一步 agreed. */
  nextStep: z.string().trim().max(500).optional(),
  /** Contacts of the record's customer who took part (customers and deals). */
  contactIds: z.array(z.uuid()).max(10).optional(),
  /** A visit's check-in. */
  checkIn: checkIn.optional(),
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
  durationMinutes: z.number().nullable(),
  needs: z.string().nullable(),
  nextStep: z.string().nullable(),
  contacts: z.array(z.object({ id: z.string(), name: z.string() })),
  /** As reported, with `receivedAt`; `late` when the position was taken more than 10 minutes before or after. */
  checkIn: z
    .object({
      status: z.enum(['located', 'denied', 'unavailable', 'timeout']),
      lat: z.number().optional(),
      lng: z.number().optional(),
      accuracy: z.number().optional(),
      at: z.number().optional(),
      receivedAt: z.number(),
      late: z.boolean(),
      /** Metres from the customer's place when it was known at the check-in. */
      distance: z.number().optional(),
    })
    .nullable(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.number(),
  /** 点评 on it. */
  commentCount: z.number(),
  /** Photos and files that came with it (files of its record; download through /attachments/:id/download). */
  attachments: z.array(
    z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number() }),
  ),
});

/** The team feed: follow-ups of records in the caller's reach, newest first. */
export const feedQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  /** Written by this colleague. */
  authorId: z.uuid().optional(),
  object: z.enum(followUpObjects).optional(),
  method: z.enum(followUpMethods).optional(),
  /** Written at or after / before (epoch ms). */
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
});

export const feedItem = followUp.extend({ recordName: z.string() });

export const commentBody = z.strictObject({
  body: z.string().trim().min(1).max(1000),
  /** Colleagues @mentioned (each must be able to open the record). */
  mentions: z.array(z.uuid()).max(10).optional(),
});

export const comment = z.object({
  id: z.string(),
  followUpId: z.string(),
  body: z.string(),
  mentions: z.array(z.object({ id: z.string(), name: z.string() })),
  createdBy: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.number(),
});
