import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../platform/access/index.js';
import type { Hit } from '../../customers/dedup.js';
import { presentMatches } from '../../customers/matches.js';
import type { Existing } from '../target.js';

/** What already exists, as far as the importer may see it, and who owns it (rendered per language). */
export async function describeHits(db: Kysely<DB>, actor: Actor, hits: Hit[]): Promise<Existing> {
  const matches = await presentMatches(db, actor, hits.slice(0, 3));
  return {
    exact: hits.some((h) => h.exact),
    similar: !hits.some((h) => h.exact),
    params: {
      matches: matches.map((m) => ({
        object: m.object,
        name: m.name ?? null,
        customer: m.customer?.name ?? null,
        owner: m.owner?.name ?? null,
        inPool: m.inPool,
      })),
    },
  };
}
