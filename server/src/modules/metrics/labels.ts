import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { MetricRow } from './query.js';

/**
 * The names behind a metric's keys that are records: departments, reps, pipelines and stages (other
 * keys — a source, a method, a period — are shown as they are or translated by the client).
 */
export async function labelsOf(db: Kysely<DB>, orgId: string, rows: MetricRow[]) {
  const ids = (d: 'department' | 'rep' | 'pipeline' | 'stage') => [
    ...new Set(rows.map((r) => r.keys[d]).filter((v): v is string => !!v)),
  ];
  const names = async (table: 'departments' | 'users' | 'pipelines' | 'pipelineStages', list: string[]) =>
    new Map(
      list.length
        ? (
            await db
              .selectFrom(table)
              .select(['id', 'name'])
              .where('orgId', '=', orgId)
              .where('id', 'in', list)
              .execute()
          ).map((r) => [r.id, r.name] as const)
        : [],
    );
  const [department, rep, pipeline, stage] = await Promise.all([
    names('departments', ids('department')),
    names('users', ids('rep')),
    names('pipelines', ids('pipeline')),
    names('pipelineStages', ids('stage')),
  ]);
  const by = { department, rep, pipeline, stage };
  return (keys: MetricRow['keys']) => {
    const out: Record<string, string> = {};
    for (const [d, map] of Object.entries(by)) {
      const v = keys[d as keyof typeof by];
      const name = v ? map.get(v) : undefined;
      if (name) out[d] = name;
    }
    return out;
  };
}
