import { z } from 'zod';
import { stageCategories, stageGates } from './stages.js';

// Request and response shapes of /api/v1/pipelines.

const days = z.number().int().min(1).max(365);

export const stageInput = z.strictObject({
  /** An existing stage keeps its id (its deals and history stay with it); a new one has none. */
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(30),
  probability: z.number().int().min(0).max(100),
  category: z.enum(stageCategories),
  /** Follow up a deal in this stage at least every N days; null = no cadence. */
  cadenceDays: days.nullable().default(null),
  /** A deal this many days in the stage is stalled (停滞); null = never. */
  stalledDays: days.nullable().default(null),
  gates: stageGates.default({ fields: [], attachments: [], checklist: [], followUp: false }),
});

const stages = z
  .array(stageInput)
  .min(2)
  .max(20)
  .refine((list) => list.some((s) => s.category !== 'closed_won' && s.category !== 'closed_lost'), {
    message: 'at least one open stage',
  })
  .refine((list) => list.some((s) => s.category === 'closed_won'), { message: 'a won stage' })
  .refine((list) => list.some((s) => s.category === 'closed_lost'), { message: 'a lost stage' })
  .refine((list) => new Set(list.map((s) => s.name)).size === list.length, { message: 'stage names differ' })
  .refine(
    (list) => new Set(list.filter((s) => s.id).map((s) => s.id)).size === list.filter((s) => s.id).length,
    {
      message: 'a stage appears once',
    },
  );

const pipelineFields = {
  name: z.string().trim().min(1).max(50),
  description: z.string().trim().max(500).nullable().optional(),
  /** Where deals go when no pipeline is named. One per org. */
  isDefault: z.boolean().optional(),
  stages,
};

export const createPipelineBody = z.strictObject(pipelineFields);
export const updatePipelineBody = z
  .strictObject({
    ...pipelineFields,
    /**
     * Deals of stages the update removes go to these stages of the same pipeline ({ removed stage id:
     * new stage id }); a stage with deals is never removed without it (409 stage_in_use).
     */
    moveDeals: z.record(z.uuid(), z.uuid()).optional(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');

export const stage = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number(),
  probability: z.number(),
  category: z.enum(stageCategories),
  cadenceDays: z.number().nullable(),
  stalledDays: z.number().nullable(),
  gates: z.object({
    fields: z.array(z.string()),
    attachments: z.array(z.object({ kind: z.string(), label: z.string() })),
    checklist: z.array(z.object({ id: z.string(), label: z.string() })),
    followUp: z.boolean(),
  }),
});

export const pipeline = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  isDefault: z.boolean(),
  position: z.number(),
  version: z.number(),
  stages: z.array(stage),
});
