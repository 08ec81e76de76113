import type { NewPipeline, Pipeline, PipelineChanges, Stage, StageCategory } from './pipelines.api';

// Between what /pipelines speaks and what the pipeline form edits: a stage's gates flattened into the
// stage, checklist ids and file kinds made up for the rows that have none (nobody types an id).

export type AttachmentRow = { kind?: string; label: string };
export type ChecklistRow = { id?: string; label: string };
export type StageValues = {
  /** A stored stage keeps its id, and with it its deals and history. */
  id?: string;
  name: string;
  probability: number | null;
  category: StageCategory;
  cadenceDays: number | null;
  stalledDays: number | null;
  fields: string[];
  attachments: AttachmentRow[];
  checklist: ChecklistRow[];
  followUp: boolean;
};
export type PipelineValues = {
  name: string;
  description?: string;
  isDefault: boolean;
  stages: StageValues[];
};

export const blankStage = (name = '', category: StageCategory = 'pipeline'): StageValues => ({
  name,
  probability: category === 'closed_won' ? 100 : category === 'closed_lost' ? 0 : 10,
  category,
  cadenceDays: null,
  stalledDays: null,
  fields: [],
  attachments: [],
  checklist: [],
  followUp: false,
});

/** A new pipeline: one open stage, won and lost — the least a pipeline needs. */
export const blankPipeline = (names: { open: string; won: string; lost: string }): PipelineValues => ({
  name: '',
  isDefault: false,
  stages: [
    blankStage(names.open),
    blankStage(names.won, 'closed_won'),
    blankStage(names.lost, 'closed_lost'),
  ],
});

const stageValuesOf = (s: Stage): StageValues => ({
  id: s.id,
  name: s.name,
  probability: s.probability,
  category: s.category,
  cadenceDays: s.cadenceDays,
  stalledDays: s.stalledDays,
  fields: s.gates.fields,
  attachments: s.gates.attachments.map((a) => ({ kind: a.kind, label: a.label })),
  checklist: s.gates.checklist.map((c) => ({ id: c.id, label: c.label })),
  followUp: s.gates.followUp,
});

export const pipelineValuesOf = (p: Pipeline): PipelineValues => ({
  name: p.name,
  description: p.description ?? undefined,
  isDefault: p.isDefault,
  stages: [...p.stages].sort((a, b) => a.position - b.position).map(stageValuesOf),
});

/** Six random characters of [a-z0-9]. */
export const randomSuffix = (): string =>
  Array.from(
    { length: 6 },
    () => '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 36)],
  ).join('');

const asciiSlug = (label: string, sep: string, max: number) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .replace(new RegExp(`^${sep}+|${sep}+$`, 'g'), '')
    .slice(0, max)
    .replace(new RegExp(`${sep}+$`), '');

/**
 * A checklist item's id from its label, e.g. `payment-terms-k3x9q2` or `item-k3x9q2` for a Chinese
 * label: unique in its stage, and never an id a removed item had (a deal's ticks follow the id).
 */
export function checklistIdOf(label: string, taken: Set<string>, random = randomSuffix): string {
  const base = asciiSlug(label, '-', 30) || 'item';
  for (;;) {
    const id = `${base}-${random()}`;
    if (!taken.has(id)) return id;
  }
}

/** A file kind from its label (`file_k3x9q2` for a Chinese one); kinds start with a letter. */
export function attachmentKindOf(label: string, random = randomSuffix): string {
  const slug = asciiSlug(label, '_', 30);
  return `${/^[a-z]/.test(slug) ? slug : `file${slug ? `_${slug}` : ''}`}_${random()}`;
}

/** The file kinds an attachment upload accepts (the attachments API's rule, the stricter of the two). */
export const kindPattern = /^[a-z][a-z0-9_]{0,39}$/;

const days = (n: number | null | undefined) => (typeof n === 'number' ? n : null);

/** The body of a create (and, whole, of an update): names trimmed, missing ids and kinds made up. */
export function pipelineBodyOf(v: PipelineValues, random = randomSuffix): NewPipeline & PipelineChanges {
  return {
    name: v.name.trim(),
    description: v.description?.trim() || null,
    isDefault: v.isDefault,
    stages: v.stages.map((s) => {
      const taken = new Set(s.checklist.flatMap((c) => (c.id ? [c.id] : [])));
      const checklist = s.checklist.map((c) => {
        const id = c.id ?? checklistIdOf(c.label, taken, random);
        taken.add(id);
        return { id, label: c.label.trim() };
      });
      return {
        ...(s.id ? { id: s.id } : {}),
        name: s.name.trim(),
        probability: s.probability ?? 0,
        category: s.category,
        cadenceDays: days(s.cadenceDays),
        stalledDays: days(s.stalledDays),
        gates: {
          fields: s.fields,
          attachments: s.attachments.map((a) => ({
            kind: a.kind?.trim() || attachmentKindOf(a.label, random),
            label: a.label.trim(),
          })),
          checklist,
          followUp: s.followUp,
        },
      };
    }),
  };
}

export type StagesProblem = 'tooFew' | 'tooMany' | 'noOpen' | 'noWon' | 'noLost';

/** What the server would refuse about the list as a whole (its names are checked row by row). */
export function stagesProblem(stages: Pick<StageValues, 'category'>[]): StagesProblem | null {
  if (stages.length < 2) return 'tooFew';
  if (stages.length > 20) return 'tooMany';
  if (!stages.some((s) => s.category !== 'closed_won' && s.category !== 'closed_lost')) return 'noOpen';
  if (!stages.some((s) => s.category === 'closed_won')) return 'noWon';
  if (!stages.some((s) => s.category === 'closed_lost')) return 'noLost';
  return null;
}

/** Whether another stage of the list has this name (as the server compares them: trimmed). */
export const nameTaken = (stages: Pick<StageValues, 'name'>[], index: number, name: string): boolean =>
  !!name.trim() && stages.some((s, i) => i !== index && (s?.name ?? '').trim() === name.trim());

type FormName = (string | number)[];
const stageKeys = new Set(['name', 'probability', 'category', 'cadenceDays', 'stalledDays']);
const rowGates = new Set(['attachments', 'checklist']);

/**
 * The form field a 400/422 field error of a pipeline body belongs to (`body.stages.3.gates.checklist.0.label`
 * → `['stages', 3, 'checklist', 0, 'label']`), or null when it names none (moveDeals).
 */
export function pipelineFieldOf(path: string): FormName | null {
  const [where, field, at, key, gate, row, part] = path.split('.');
  if (where !== 'body' || !field) return null;
  if (['name', 'description', 'isDefault'].includes(field)) return [field];
  if (field !== 'stages') return null;
  if (at === undefined || !/^\d+$/.test(at)) return ['stages'];
  const i = Number(at);
  if (key === 'gates' && gate) {
    if (rowGates.has(gate) && row !== undefined && /^\d+$/.test(row))
      // An id or kind the form made up is shown on the row's label.
      return ['stages', i, gate, Number(row), gate === 'attachments' && part === 'kind' ? 'kind' : 'label'];
    return ['stages', i, gate === 'followUp' ? 'followUp' : gate];
  }
  return ['stages', i, key && stageKeys.has(key) ? key : 'name'];
}

/** How many requirements a stage's gates set (for its summary line). */
export const gateCount = (s: Pick<StageValues, 'fields' | 'attachments' | 'checklist' | 'followUp'>) =>
  (s.fields?.length ?? 0) + (s.attachments?.length ?? 0) + (s.checklist?.length ?? 0) + (s.followUp ? 1 : 0);
