import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../ids.js';

export type ThrottleRule = { maxFailures: number; windowMs: number; now: number };

/**
 * Sign-in throttling kept in the database (so it holds across app instances): after `maxFailures`
 * failed attempts within the window — per account, and separately per IP — further attempts are
 * refused until the oldest failure leaves the window. A success resets the account's count.
 * Returns the milliseconds to wait, or 0.
 */
export async function lockedFor(
  db: Kysely<DB>,
  loginKey: string,
  ip: string,
  r: ThrottleRule,
): Promise<number> {
  const since = r.now - r.windowMs;
  const lastSuccess = await db
    .selectFrom('loginAttempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('loginKey', '=', loginKey)
    .where('succeeded', '=', 1)
    .where('at', '>', since)
    .executeTakeFirst();
  const accountSince = Math.max(since, Number(lastSuccess?.at ?? 0));
  const byAccount = await failures(db, 'loginKey', loginKey, accountSince, r.maxFailures);
  const byIp = await failures(db, 'ip', ip, since, r.maxFailures);
  const waits = [byAccount, byIp]
    .filter((f) => f.length >= r.maxFailures)
    .map((f) => f[0]! + r.windowMs - r.now);
  return waits.length ? Math.max(1000, ...waits) : 0;
}

/** The newest `limit` failure times (oldest first) for the key since the given time. */
async function failures(
  db: Kysely<DB>,
  column: 'loginKey' | 'ip',
  value: string,
  since: number,
  limit: number,
) {
  const rows = await db
    .selectFrom('loginAttempts')
    .select('at')
    .where(column, '=', value)
    .where('succeeded', '=', 0)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.at).reverse();
}

export async function recordAttempt(db: Kysely<DB>, loginKey: string, ip: string, ok: boolean, now: number) {
  await db
    .insertInto('loginAttempts')
    .values({ id: newId(), loginKey, ip, succeeded: ok ? 1 : 0, at: now })
    .execute();
}
