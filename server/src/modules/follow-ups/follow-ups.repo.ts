import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, recordsInReach } from '../../platform/access/index.js';
import { type followUp, followUpObjects } from './follow-ups.schema.js';

// Reading follow-ups as the API shows them: the rows with their author's name, and the names of the
// contacts who took part — one shape for a record's log and the team feed.

/** Live follow-ups of an org, with the author's name. */
/**
 * The follow-ups (alias `alias`) whose record the actor may read, each object through its own access
 * rule — for every list or count of follow-ups across records. `null` when every one is in reach.
 */
export function followUpsInReach(actor: Actor, alias: string): Expression<SqlBool> | null {
  const reach = followUpObjects.map((object) => ({ object, ids: recordsInReach(actor, object) }));
  const limited = reach.flatMap((r) => (r.ids ? [r.ids] : []));
  if (!limited.length) return null;
  const open = reach.filter((r) => !r.ids).map((r) => r.object);
  // One list of the records in reach (ids are unique across the tables), which a database joins once,
  // rather than a list per object tested on every follow-up (PostgreSQL scans an unhashed one per row).
  const listed = sql<SqlBool>`${sql.ref(`${alias}.record_id`)} in (${sql.join(limited, sql` union all `)})`;
  return open.length
    ? sql<SqlBool>`(${sql.ref(`${alias}.object`)} in (${sql.join(open)}) or ${listed})`
    : listed;
}

export const followUpRows = (db: Kysely<DB>, orgId: string) =>
  db
    .selectFrom('followUps as f')
    .leftJoin('users as u', 'u.id', 'f.createdBy')
    .selectAll('f')
    .select('u.name as createdByName')
    .where('f.orgId', '=', orgId)
    .where('f.deletedAt', 'is', null);

export type FollowUpRow = Awaited<ReturnType<ReturnType<typeof followUpRows>['executeTakeFirstOrThrow']>>;
type FollowUp = z.infer<typeof followUp>;

type Files = Map<string, FollowUp['attachments']>;

function present(
  r: FollowUpRow,
  contactNames: Map<string, string>,
  comments: Map<string, number>,
  files: Files,
): FollowUp {
  return {
    id: r.id,
    object: r.object,
    recordId: r.recordId,
    method: r.method as FollowUp['method'],
    content: r.content,
    nextAt: r.nextAt,
    durationMinutes: r.durationMinutes,
    needs: r.needs,
    nextStep: r.nextStep,
    contacts: ((r.contactIds ? JSON.parse(r.contactIds) : []) as string[]).flatMap((id) => {
      const name = contactNames.get(id);
      return name ? [{ id, name }] : [];
    }),
    checkIn: r.checkIn ? (JSON.parse(r.checkIn) as FollowUp['checkIn']) : null,
    createdBy: r.createdBy,
    createdByName: r.createdByName,
    createdAt: r.createdAt,
    commentCount: comments.get(r.id) ?? 0,
    attachments: files.get(r.id) ?? [],
  };
}

/** Follow-ups with the names of the contacts who took part (deleted contacts drop out), their 点评 count and files. */
export async function presentFollowUps(
  db: Kysely<DB>,
  orgId: string,
  list: FollowUpRow[],
): Promise<FollowUp[]> {
  const ids = [...new Set(list.flatMap((r) => (r.contactIds ? (JSON.parse(r.contactIds) as string[]) : [])))];
  const contacts = ids.length
    ? await db
        .selectFrom('contacts')
        .select(['id', 'name'])
        .where('orgId', '=', orgId)
        .where('id', 'in', ids)
        .where('deletedAt', 'is', null)
        .execute()
    : [];
  const names = new Map(contacts.map((c) => [c.id, c.name]));
  const counted = list.length
    ? await db
        .selectFrom('followUpComments')
        .select(['followUpId', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('orgId', '=', orgId)
        .where(
          'followUpId',
          'in',
          list.map((r) => r.id),
        )
        .where('deletedAt', 'is', null)
        .groupBy('followUpId')
        .execute()
    : [];
  const comments = new Map(counted.map((c) => [c.followUpId, Number(c.n)]));
  const files: Files = new Map();
  if (list.length)
    for (const a of await db
      .selectFrom('attachments')
      .select(['id', 'followUpId', 'fileName', 'contentType', 'size'])
      .where('orgId', '=', orgId)
      .where(
        'followUpId',
        'in',
        list.map((r) => r.id),
      )
      .where('deletedAt', 'is', null)
      .orderBy('createdAt')
      .execute())
      files.set(a.followUpId!, [
        ...(files.get(a.followUpId!) ?? []),
        { id: a.id, fileName: a.fileName, contentType: a.contentType, size: Number(a.size) },
      ]);
  return list.map((r) => present(r, names, comments, files));
}
