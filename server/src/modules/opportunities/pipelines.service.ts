import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { AppError, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Pipeline } from './pipelines.repo.js';
import type { stageInput } from './pipelines.schema.js';
import { enterStage } from './stage-history.js';
import { statusOf } from './stages.js';

type StageInput = z.infer<typeof stageInput>;

/** Only one default pipeline per org. */
export async function unsetDefaultPipeline(tx: Kysely<DB>, orgId: string): Promise<void> {
  await tx
    .updateTable('pipelines')
    .set({ isDefault: 0 })
    .where('orgId', '=', orgId)
    .where('isDefault', '=', 1)
    .execute();
}

export async function insertStages(
  tx: Kysely<DB>,
  orgId: string,
  pipelineId: string,
  stages: StageInput[],
  now: number,
): Promise<void> {
  await tx
    .insertInto('pipelineStages')
    .values(
      stages.map((s, position) => ({
        id: newId(),
        orgId,
        pipelineId,
        position,
        name: s.name,
        probability: s.probability,
        category: s.category,
        cadenceDays: s.cadenceDays,
        stalledDays: s.stalledDays,
        gates: JSON.stringify(s.gates),
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      })),
    )
    .execute();
}

/**
 * Replaces a pipeline's stages with `next` (in its order): stages keeping their id are updated, new
 * ones added, missing ones retired. A retired stage's deals move to the stage `moveDeals` names, else
 * the update is refused (409 stage_in_use with the stages and their deal counts). Deals whose stage
 * changed between open, won and lost take the new status.
 */
export async function replaceStages(
  tx: Kysely<DB>,
  pipeline: Pipeline,
  next: StageInput[],
  moveDeals: Record<string, string>,
  meta: { orgId: string; actorId: string | null; at: number },
): Promise<void> {
  const { orgId, at } = meta;
  const current = new Map(pipeline.stages.map((s) => [s.id, s]));
  const errors = next.flatMap((s, i) =>
    s.id && !current.has(s.id) ? [{ path: `body.stages.${i}.id`, code: 'not_found' }] : [],
  );
  if (errors.length) throw invalid(errors);
  const kept = new Set(next.flatMap((s) => (s.id ? [s.id] : [])));
  const removed = pipeline.stages.filter((s) => !kept.has(s.id));
  for (const [from, to] of Object.entries(moveDeals)) {
    if (!removed.some((s) => s.id === from))
      throw invalid([{ path: `body.moveDeals.${from}`, code: 'not_found' }]);
    if (!kept.has(to)) throw invalid([{ path: `body.moveDeals.${from}`, code: 'stage_not_in_pipeline' }]);
  }
  const counts = removed.length
    ? await tx
        .selectFrom('opportunities')
        .select(['stageId', (eb) => eb.fn.countAll<number>().as('n')])
        .where('orgId', '=', orgId)
        .where(
          'stageId',
          'in',
          removed.map((s) => s.id),
        )
        .where('deletedAt', 'is', null)
        .groupBy('stageId')
        .execute()
    : [];
  const inUse = counts.filter((c) => !moveDeals[c.stageId]);
  if (inUse.length)
    throw new AppError(
      409,
      'stage_in_use',
      {},
      {
        body: {
          stages: inUse.map((c) => ({
            id: c.stageId,
            name: current.get(c.stageId)!.name,
            deals: Number(c.n),
          })),
        },
      },
    );

  for (const [position, s] of next.entries()) {
    const values = {
      position,
      name: s.name,
      probability: s.probability,
      category: s.category,
      cadenceDays: s.cadenceDays,
      stalledDays: s.stalledDays,
      gates: JSON.stringify(s.gates),
      updatedAt: at,
    };
    if (s.id) await tx.updateTable('pipelineStages').set(values).where('id', '=', s.id).execute();
    else
      await tx
        .insertInto('pipelineStages')
        .values({ ...values, id: newId(), orgId, pipelineId: pipeline.id, createdAt: at, deletedAt: null })
        .execute();
  }
  if (removed.length)
    await tx
      .updateTable('pipelineStages')
      .set({ deletedAt: at })
      .where(
        'id',
        'in',
        removed.map((s) => s.id),
      )
      .execute();

  // Deals of retired stages enter their new stage (closing their stay in the old one).
  for (const [from, to] of Object.entries(moveDeals)) {
    const target = next.find((s) => s.id === to)!;
    const deals = await tx
      .selectFrom('opportunities')
      .select(['id', 'status', 'closedAt'])
      .where('orgId', '=', orgId)
      .where('stageId', '=', from)
      .where('deletedAt', 'is', null)
      .execute();
    for (const d of deals) {
      const status = statusOf(target.category);
      await tx
        .updateTable('opportunities')
        .set((eb) => ({
          stageId: to,
          status,
          stageEnteredAt: at,
          closedAt: status === 'open' ? null : (d.closedAt ?? at),
          updatedAt: at,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', d.id)
        .execute();
      await enterStage(tx, { orgId, opportunityId: d.id, stageId: to, at, actorId: meta.actorId });
    }
  }
  // A stage that became won, lost or open again carries its deals' status along.
  for (const s of next) {
    const before = s.id ? current.get(s.id) : undefined;
    if (!before || statusOf(before.category) === statusOf(s.category)) continue;
    const status = statusOf(s.category);
    await tx
      .updateTable('opportunities')
      .set((eb) => ({
        status,
        closedAt: status === 'open' ? null : at,
        updatedAt: at,
        version: eb('version', '+', 1),
      }))
      .where('orgId', '=', orgId)
      .where('stageId', '=', before.id)
      .where('deletedAt', 'is', null)
      .execute();
  }
}
