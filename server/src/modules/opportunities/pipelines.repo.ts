import type { Kysely, Selectable } from 'kysely';
import type { DB, PipelineStagesTable, PipelinesTable } from '../../db/schema.js';
import { type Stage, type StageCategory, type StageGates, statusOf } from './stages.js';

export type StageRow = Selectable<PipelineStagesTable>;
export type PipelineRow = Selectable<PipelinesTable>;

export type PipelineStage = Omit<Stage, 'category'> & {
  category: StageCategory;
  probability: number;
  cadenceDays: number | null;
  stalledDays: number | null;
};
export type Pipeline = {
  id: string;
  name: string;
  description: string | null;
  isDefault: boolean;
  position: number;
  version: number;
  stages: PipelineStage[];
};

export const presentStage = (s: StageRow): PipelineStage => ({
  id: s.id,
  name: s.name,
  position: s.position,
  probability: s.probability,
  category: s.category as StageCategory,
  cadenceDays: s.cadenceDays,
  stalledDays: s.stalledDays,
  gates: JSON.parse(s.gates) as StageGates,
});

/** The org's live pipelines with their live stages, in order (one pipeline with `id`). */
export async function loadPipelines(db: Kysely<DB>, orgId: string, id?: string): Promise<Pipeline[]> {
  let q = db.selectFrom('pipelines').selectAll().where('orgId', '=', orgId).where('deletedAt', 'is', null);
  if (id) q = q.where('id', '=', id);
  const pipelines = await q.orderBy('position').orderBy('createdAt').execute();
  if (!pipelines.length) return [];
  const stages = await db
    .selectFrom('pipelineStages')
    .selectAll()
    .where('orgId', '=', orgId)
    .where(
      'pipelineId',
      'in',
      pipelines.map((p) => p.id),
    )
    .where('deletedAt', 'is', null)
    .orderBy('position')
    .execute();
  return pipelines.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    isDefault: p.isDefault === 1,
    position: p.position,
    version: p.version,
    stages: stages.filter((s) => s.pipelineId === p.id).map(presentStage),
  }));
}

export async function loadPipeline(db: Kysely<DB>, orgId: string, id: string): Promise<Pipeline | undefined> {
  return (await loadPipelines(db, orgId, id))[0];
}

/** The first open stage: where a new deal starts unless told otherwise. */
export const firstOpenStage = (p: Pipeline) => p.stages.find((s) => statusOf(s.category) === 'open');
