import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * The ids of a child object's rows that belong to a parent record (a customer's attachments …), as a
 * SQL subquery, or null when the child never hangs under that parent object.
 */
export type TimelineChildren = (
  orgId: string,
  parentObject: string,
  parentId: string,
) => RawBuilder<unknown> | null;

const children = new Map<string, TimelineChildren>();

/** Lets a module put the changes of its rows on their parent record's timeline. */
export function registerTimelineChildren(object: string, ids: TimelineChildren): void {
  children.set(object, ids);
}

/**
 * Which audit entries (alias `a`) make up a record's timeline: its own, and those of the child rows
 * registered for it — so "上传了附件 合同.pdf" shows on the customer it was uploaded to.
 */
export function timelineCondition(orgId: string, object: string, id: string): Expression<SqlBool> {
  const parts: RawBuilder<unknown>[] = [sql`(a.object = ${object} and a.record_id = ${id})`];
  for (const [child, ids] of children) {
    const sub = ids(orgId, object, id);
    if (sub) parts.push(sql`(a.object = ${child} and a.record_id in (${sub}))`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
