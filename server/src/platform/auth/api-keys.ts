import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../ids.js';
import { randomToken, sha256 } from './tokens.js';

// Keys look like `ck_<prefix>_<secret>`: the prefix finds the row, only a hash of the secret is stored.
const keyPattern = /^ck_([A-Za-z0-9_-]{10})_([A-Za-z0-9_-]{32,64})$/;

export async function createApiKey(
  db: Kysely<DB>,
  k: {
    orgId: string;
    userId: string;
    name: string;
    scopes: string[] | null;
    expiresAt: number | null;
    now: number;
  },
): Promise<{ id: string; key: string; prefix: string }> {
  const prefix = randomToken(8).slice(0, 10);
  const secret = randomToken(32);
  const id = newId();
  await db
    .insertInto('apiKeys')
    .values({
      id,
      orgId: k.orgId,
      userId: k.userId,
      name: k.name,
      prefix,
      secretHash: sha256(secret),
      scopes: k.scopes ? JSON.stringify(k.scopes) : null,
      createdAt: k.now,
      expiresAt: k.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    })
    .execute();
  return { id, prefix, key: `ck_${prefix}_${secret}` };
}

/** The key's row when the presented key is valid, not revoked and not expired. */
export async function findApiKey(db: Kysely<DB>, presented: string, now: number) {
  const m = keyPattern.exec(presented);
  if (!m) return undefined;
  const row = await db.selectFrom('apiKeys').selectAll().where('prefix', '=', m[1]!).executeTakeFirst();
  if (!row || row.revokedAt || (row.expiresAt !== null && row.expiresAt <= now)) return undefined;
  if (sha256(m[2]!) !== row.secretHash) return undefined;
  if (!row.lastUsedAt || now - row.lastUsedAt > 60_000) {
    await db.updateTable('apiKeys').set({ lastUsedAt: now }).where('id', '=', row.id).execute();
  }
  return { ...row, scopes: row.scopes ? (JSON.parse(row.scopes) as string[]) : null };
}
