import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, canOnRecord } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { loadActor } from '../../platform/auth/actor-loader.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../../platform/notify/service.js';
import type { ChangeContext } from '../customers/customers.service.js';

// 点评: comments on a follow-up — coaching from the log. Whoever may read the follow-up's record may
// read and write them; the follow-up's author, earlier commenters and anyone @mentioned hear of a new
// one, each only while they may read the record themselves.

/** Where a record of a followed-up object opens in the web app. */
export const recordPaths: Record<string, string> = {
  lead: '/leads',
  customer: '/customers',
  opportunity: '/opportunities',
};

/** The follow-up, if its record is in the actor's reach (else 404, as if it did not exist). */
export async function followUpInReach(db: Kysely<DB>, actor: Actor, id: string) {
  const f = await db
    .selectFrom('followUps')
    .select(['id', 'object', 'recordId', 'createdBy', 'content'])
    .where('orgId', '=', actor.orgId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!f || !(await canOnRecord(db, actor, f.object, 'read', f.recordId))) throw notFound();
  return f;
}

/** Whether a user of the org may read the record now (an inactive user may not). */
async function mayRead(db: Kysely<DB>, userId: string, object: string, recordId: string) {
  const who = await loadActor(db, userId, 'session');
  return !!who && (await canOnRecord(db, who, object, 'read', recordId));
}

async function recordName(db: Kysely<DB>, object: string, recordId: string): Promise<string> {
  const table = object === 'lead' ? 'leads' : object === 'customer' ? 'customers' : 'opportunities';
  const row = await db.selectFrom(table).select('name').where('id', '=', recordId).executeTakeFirst();
  return row?.name ?? '';
}

/** Adds a comment in the caller's transaction and tells those who should hear of it. */
export async function addComment(
  tx: Kysely<DB>,
  actor: Actor,
  followUpId: string,
  b: { body: string; mentions?: string[] },
  meta: ChangeContext,
): Promise<string> {
  const f = await followUpInReach(tx, actor, followUpId);
  const mentions = [...new Set(b.mentions ?? [])];
  if (mentions.length !== (b.mentions?.length ?? 0))
    throw invalid([{ path: 'body.mentions', code: 'duplicate_entry' }]);
  // Someone @mentioned must be a colleague who can open the record, or the mention would lead nowhere.
  const errors = [];
  for (const [i, userId] of mentions.entries())
    if (!(await mayRead(tx, userId, f.object, f.recordId)))
      errors.push({ path: `body.mentions.${i}`, code: 'mention_cannot_see' });
  if (errors.length) throw invalid(errors);
  const id = newId();
  const row = {
    id,
    orgId: actor.orgId,
    followUpId,
    body: b.body,
    mentions: JSON.stringify(mentions),
    createdBy: actor.userId,
    createdAt: meta.at,
    deletedAt: null,
  };
  const earlier = await tx
    .selectFrom('followUpComments')
    .select('createdBy')
    .distinct()
    .where('orgId', '=', actor.orgId)
    .where('followUpId', '=', followUpId)
    .where('deletedAt', 'is', null)
    .execute();
  await tx.insertInto('followUpComments').values(row).execute();
  await recordChange(tx, {
    ...meta,
    object: 'follow_up',
    recordId: followUpId,
    action: 'comment',
    after: row,
  });

  const params = {
    by: actor.name,
    record: await recordName(tx, f.object, f.recordId),
    excerpt: b.body.slice(0, 60),
  };
  const link = `${recordPaths[f.object]}/${f.recordId}`;
  const others = [f.createdBy, ...earlier.map((e) => e.createdBy)].filter(
    (u): u is string => !!u && u !== actor.userId && !mentions.includes(u),
  );
  const told = [];
  for (const userId of new Set(others))
    if (await mayRead(tx, userId, f.object, f.recordId)) told.push(userId);
  await notify(tx, actor.orgId, told, { kind: 'follow_up_commented', params, link }, meta.at);
  await notify(
    tx,
    actor.orgId,
    mentions.filter((u) => u !== actor.userId),
    { kind: 'follow_up_mentioned', params, link },
    meta.at,
  );
  return id;
}

/** Takes back one's own comment (others' stay: a coaching record is not edited away). */
export async function deleteComment(
  tx: Kysely<DB>,
  actor: Actor,
  followUpId: string,
  commentId: string,
  meta: ChangeContext,
): Promise<void> {
  await followUpInReach(tx, actor, followUpId);
  const c = await tx
    .selectFrom('followUpComments')
    .selectAll()
    .where('orgId', '=', actor.orgId)
    .where('followUpId', '=', followUpId)
    .where('id', '=', commentId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!c) throw notFound();
  if (c.createdBy !== actor.userId) throw new AppError(403, 'comment_not_yours');
  await tx.updateTable('followUpComments').set({ deletedAt: meta.at }).where('id', '=', commentId).execute();
  await recordChange(tx, {
    ...meta,
    object: 'follow_up',
    recordId: followUpId,
    action: 'comment_deleted',
    before: c,
  });
}
