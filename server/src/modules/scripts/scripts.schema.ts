import { z } from 'zod';

// Request and response shapes of /api/v1/scripts.

const text = (max: number) => z.string().trim().max(max);
const words = z.array(text(20).min(1)).max(10);

const scriptFields = {
  title: text(100).min(1),
  /** 首次拜访, 需求挖掘, 异议处理, 促成签约 … */
  scenario: text(30).min(1),
  /** The objection it answers, e.g. 价格太高. */
  objection: text(50).nullable().optional(),
  /** Deal stages it fits (any pipeline); empty = every stage. */
  stageIds: z.array(z.uuid()).max(30).default([]),
  tags: words.default([]),
  content: text(5000).min(1),
};

export const createScriptBody = z.strictObject(scriptFields);
export const updateScriptBody = z
  .strictObject(scriptFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');
export const ratingBody = z.strictObject({ stars: z.number().int().min(1).max(5) });

export const listScriptsQuery = z.strictObject({
  /** Words of the title, objection or content; pinyin or initials of the title. */
  q: text(50).optional(),
  /** Scripts fitting this stage (and those fitting every stage). */
  stageId: z.uuid().optional(),
  scenario: text(30).optional(),
  tag: text(20).optional(),
  sort: z.enum(['-useCount', '-rating', '-updatedAt']).default('-useCount'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const script = z.object({
  id: z.string(),
  title: z.string(),
  scenario: z.string(),
  objection: z.string().nullable(),
  stageIds: z.array(z.string()),
  tags: z.array(z.string()),
  content: z.string(),
  useCount: z.number(),
  /** Average stars (1–5), null before the first rating. */
  rating: z.number().nullable(),
  ratingCount: z.number(),
  /** The caller's own stars, if they rated it. */
  myRating: z.number().nullable(),
  createdByName: z.string().nullable(),
  updatedAt: z.number(),
  version: z.number(),
});
