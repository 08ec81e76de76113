import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { randomToken, sha256 } from './tokens.js';

export const sessionCookie = 'cadence_session';
export const csrfCookie = 'cadence_csrf';

export type SessionTimes = { now: number; idleMs: number; maxMs: number };

/** Starts a new session (always a fresh id, so a pre-login id can never be fixed on a victim). */
export async function createSession(
  db: Kysely<DB>,
  s: { orgId: string; userId: string; ip: string; userAgent?: string },
  t: SessionTimes,
): Promise<{ token: string; csrfToken: string; expiresAt: number }> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = t.now + t.maxMs;
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      orgId: s.orgId,
      userId: s.userId,
      csrfToken,
      createdAt: t.now,
      expiresAt,
      idleExpiresAt: Math.min(expiresAt, t.now + t.idleMs),
      ip: s.ip,
      userAgent: s.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The live session for a cookie token; slides the idle expiry (at most once a minute). */
export async function findSession(db: Kysely<DB>, token: string, t: SessionTimes) {
  const id = sha256(token);
  const s = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) return undefined;
  if (s.expiresAt <= t.now || s.idleExpiresAt <= t.now) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return undefined;
  }
  const idle = Math.min(s.expiresAt, t.now + t.idleMs);
  if (idle - s.idleExpiresAt > 60_000) {
    await db.updateTable('sessions').set({ idleExpiresAt: idle }).where('id', '=', id).execute();
  }
  return s;
}

export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: Kysely<DB>, orgId: string, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('orgId', '=', orgId).where('userId', '=', userId).execute();
}
