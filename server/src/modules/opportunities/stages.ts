import { z } from 'zod';
import { kind as fileKind } from '../attachments/attachments.schema.js';

// Stages and their gates as plain data and functions (no I/O): what a stage's category means for a
// deal, and what a deal still lacks to enter a stage.

/** 预测分类: in the pipeline, best case, commit, won, lost. */
export const stageCategories = ['pipeline', 'best_case', 'commit', 'closed_won', 'closed_lost'] as const;
export type StageCategory = (typeof stageCategories)[number];

export type DealStatus = 'open' | 'won' | 'lost';

export const statusOf = (category: string): DealStatus =>
  category === 'closed_won' ? 'won' : category === 'closed_lost' ? 'lost' : 'open';

/** The built-in fields a gate may require (besides custom fields, as `custom.<key>`). */
export const gateFields = [
  'amount',
  'expectedCloseDate',
  'contacts',
  'products',
  'competitors',
  'source',
] as const;

const label = z.string().trim().min(1).max(100);
export const stageGates = z.strictObject({
  /** Fields that must be filled: built-in (`amount` means more than 0) or `custom.<key>`. */
  fields: z
    .array(z.union([z.enum(gateFields), z.string().regex(/^custom\.[a-z][a-z0-9_]{0,49}$/)]))
    .max(30)
    .default([]),
  /** Files of these kinds attached to the deal (e.g. a customer-signed requirements sheet). */
  attachments: z
    .array(z.strictObject({ kind: fileKind, label }))
    .max(10)
    .refine((list) => new Set(list.map((f) => f.kind)).size === list.length, 'each kind once')
    .default([]),
  /** Items to tick on the deal before it enters the stage. */
  checklist: z
    .array(
      z.strictObject({
        id: z
          .string()
          .trim()
          .regex(/^[a-z0-9_-]{1,40}$/),
        label,
      }),
    )
    .max(20)
    .refine((list) => new Set(list.map((i) => i.id)).size === list.length, 'each item once')
    .default([]),
  /** A follow-up logged while in the stage it leaves. */
  followUp: z.boolean().default(false),
});
export type StageGates = z.infer<typeof stageGates>;
export const noGates: StageGates = { fields: [], attachments: [], checklist: [], followUp: false };

export type Stage = {
  id: string;
  name: string;
  position: number;
  category: string;
  gates: StageGates;
};

/** What a deal shows of itself to the gates. */
export type GateFacts = {
  /** Built-in and custom field values; `contacts` is the number of its contacts. */
  values: Record<string, unknown>;
  /** Kinds of the files attached to it. */
  attachmentKinds: Set<string>;
  /** Ticked checklist item ids, per stage id. */
  ticked: Record<string, string[]>;
  /** Whether a follow-up was logged since it entered its current stage. */
  followedUpInStage: boolean;
};

export type MissingItem =
  | { type: 'field'; stageId: string; stageName: string; field: string }
  | { type: 'attachment'; stageId: string; stageName: string; kind: string; label: string }
  | { type: 'checklist'; stageId: string; stageName: string; itemId: string; label: string }
  | { type: 'follow_up'; stageId: string; stageName: string };

const filled = (v: unknown, field: string) =>
  field === 'amount' || field === 'contacts'
    ? typeof v === 'number' && v > 0
    : v !== null &&
      v !== undefined &&
      !(typeof v === 'string' && v.trim() === '') &&
      !(Array.isArray(v) && !v.length);

/**
 * The stages whose gates a move passes: moving forward, every stage after the current one up to and
 * including the target (no gate is skipped by jumping ahead); moving back, or to a lost stage, none.
 */
export function gatedStages(stages: Stage[], fromId: string, toId: string): Stage[] {
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const from = ordered.findIndex((s) => s.id === fromId);
  const to = ordered.findIndex((s) => s.id === toId);
  const target = ordered[to];
  if (!target || to <= from || statusOf(target.category) === 'lost') return [];
  // Closed-lost stages in between are not on the way.
  return ordered.slice(from + 1, to + 1).filter((s) => statusOf(s.category) !== 'lost');
}

/** Everything the deal lacks to make the move, stage by stage, in the stages' order. */
export function unmetGates(stages: Stage[], facts: GateFacts): MissingItem[] {
  const missing: MissingItem[] = [];
  for (const stage of stages) {
    const at = { stageId: stage.id, stageName: stage.name };
    for (const field of stage.gates.fields)
      if (!filled(facts.values[field], field)) missing.push({ type: 'field', ...at, field });
    for (const a of stage.gates.attachments)
      if (!facts.attachmentKinds.has(a.kind))
        missing.push({ type: 'attachment', ...at, kind: a.kind, label: a.label });
    const ticked = new Set(facts.ticked[stage.id] ?? []);
    for (const item of stage.gates.checklist)
      if (!ticked.has(item.id))
        missing.push({ type: 'checklist', ...at, itemId: item.id, label: item.label });
    // Logged in the stage the deal leaves (jumping ahead does not skip it).
    if (stage.gates.followUp && !facts.followedUpInStage) missing.push({ type: 'follow_up', ...at });
  }
  return missing;
}
