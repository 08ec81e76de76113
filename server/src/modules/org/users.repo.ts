import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Users of an org with their department's name, as every user endpoint returns them. */
export function selectUsers(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.departmentId')
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.mobile',
      'u.title',
      'u.departmentId',
      'd.name as departmentName',
      'u.active',
      'u.leadEligible',
      'u.locale',
      'u.lastLoginAt',
      'u.version',
      'u.createdAt',
      'u.updatedAt',
    ])
    .where('u.orgId', '=', orgId);
}
