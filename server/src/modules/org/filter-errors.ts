import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { FieldError } from '../../platform/errors.js';

/**
 * A department and a pipeline a screen is filtered by, checked against the org: one it does not have
 * is `not_found` at `<at>.departmentId` / `<at>.pipelineId` (a filter never reads as empty instead).
 */
export async function orgFilterErrors(
  q: Kysely<DB>,
  orgId: string,
  f: { departmentId?: string; pipelineId?: string },
  at: string,
): Promise<FieldError[]> {
  const [department, pipeline] = await Promise.all([
    f.departmentId
      ? q
          .selectFrom('departments')
          .select('id')
          .where('orgId', '=', orgId)
          .where('id', '=', f.departmentId)
          .executeTakeFirst()
      : null,
    f.pipelineId
      ? q
          .selectFrom('pipelines')
          .select('id')
          .where('orgId', '=', orgId)
          .where('id', '=', f.pipelineId)
          .where('deletedAt', 'is', null)
          .executeTakeFirst()
      : null,
  ]);
  return [
    ...(f.departmentId && !department ? [{ path: `${at}.departmentId`, code: 'not_found' }] : []),
    ...(f.pipelineId && !pipeline ? [{ path: `${at}.pipelineId`, code: 'not_found' }] : []),
  ];
}
