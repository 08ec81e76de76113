import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { emitEvent } from '../events/outbox.js';
import { newId } from '../ids.js';

// Fields that never enter the audit log or event payloads.
const secretFields = new Set(['passwordHash', 'secretHash', 'csrfToken']);

export type Change = {
  orgId: string;
  actorId: string | null;
  object: string;
  recordId: string;
  /** create | update | delete | or a domain verb such as deactivate, login, transfer */
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  at: number;
  requestId?: string | null;
  /** Extra event payload; the event type is `${object}.${action}`. */
  payload?: Record<string, unknown>;
};

/**
 * Records a change in the audit log and emits its domain event. Call it with the transaction that
 * makes the change, so the record, its audit row and its event commit or roll back together.
 * On updates only the fields that changed are kept (before → after).
 */
export async function recordChange(tx: Kysely<DB>, change: Change): Promise<void> {
  let before = clean(change.before);
  let after = clean(change.after);
  if (before && after) [before, after] = diff(before, after);
  await tx
    .insertInto('auditLog')
    .values({
      id: newId(),
      orgId: change.orgId,
      actorId: change.actorId,
      object: change.object,
      recordId: change.recordId,
      action: change.action,
      before: before ? JSON.stringify(before) : null,
      after: after ? JSON.stringify(after) : null,
      at: change.at,
      requestId: change.requestId ?? null,
    })
    .execute();
  await emitEvent(tx, {
    orgId: change.orgId,
    type: `${change.object}.${change.action}`,
    object: change.object,
    recordId: change.recordId,
    actorId: change.actorId,
    at: change.at,
    payload: { ...change.payload, changes: after ? Object.keys(after) : [] },
  });
}

function clean(row: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!row) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    if (!secretFields.has(k) && k !== 'updatedAt' && k !== 'version') out[k] = v;
  return out;
}

function diff(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): [Record<string, unknown>, Record<string, unknown>] {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) {
      before[k] = a[k] ?? null;
      after[k] = b[k] ?? null;
    }
  }
  return [before, after];
}
