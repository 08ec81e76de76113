import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { isPostgres } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { normalizePhone, toHalfWidth } from '../../platform/normalize/index.js';
import { foldForSearch, nameBigrams, phoneGrams } from './search-tokens.js';

// The list's search box (`q`), routed by what was typed:
//   4+ digits (spaces, dashes, +, brackets allowed)  → phone fragment (anywhere in the E.164 number)
//   something with an @                              → e-mail prefix
//   Latin letters                                    → pinyin or initials prefix, e-mail prefix, name substring
//   anything else (Chinese, mixed)                   → name substring
// The match itself is always checked on the record (`rowCondition`). When the search index can list
// the candidates (search_docs tokens, prefix ranges on B-tree indexes) and they are few, the query
// reads only those; a common term (more than SELECTIVE_LIMIT candidates) is instead checked row by
// row while the list reads in its sort order, where matches are dense and the first page comes fast.

/** More candidates than this and a term is common: reading in sort order finds a page sooner. */
export const SELECTIVE_LIMIT = 5000;

export type SearchShape = 'phone' | 'email' | 'latin' | 'text';

export type ParsedSearch = {
  shape: SearchShape;
  /** Lower case, half-width, trimmed: what the name and e-mail are matched against. */
  lower: string;
  /** Phone shape: the digits to find in the E.164 number (without +). */
  digits: string;
  /** Latin shape: the letters and digits matched against pinyin and initials. */
  letters: string;
};

export function parseSearch(input: string): ParsedSearch {
  const lower = toHalfWidth(input).trim().toLowerCase();
  const bare = lower.replace(/[\s\-+().]/g, '');
  if (/^\d{4,}$/.test(bare)) {
    // A whole number is matched as stored (+86 138…, 0571-…); a fragment as its digits.
    const e164 = normalizePhone(lower)?.e164;
    return { shape: 'phone', lower, digits: e164 ? e164.slice(1) : bare, letters: '' };
  }
  if (lower.includes('@') && /^[a-z0-9._%+\-@]+$/.test(lower))
    return { shape: 'email', lower, digits: '', letters: '' };
  if (/^[a-z0-9\s'._-]+$/.test(lower) && /[a-z]/.test(lower))
    return { shape: 'latin', lower, digits: '', letters: lower.replace(/[^a-z0-9]/g, '') };
  return { shape: 'text', lower, digits: '', letters: '' };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The next string after every string starting with `prefix` (ASCII prefixes: pinyin, e-mail). */
const successor = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/** `col` starts with `prefix`, as an index range (byte order on PostgreSQL, as its _c indexes). */
function prefixRange(col: string, prefix: string, pg: boolean): RawBuilder<SqlBool> {
  const c = pg ? sql`${sql.ref(col)} collate "C"` : sql.ref(col);
  return sql<SqlBool>`(${c} >= ${prefix} and ${c} < ${successor(prefix)})`;
}

const nameContains = (p: ParsedSearch) =>
  sql<SqlBool>`lower(c.name) like ${`%${escapeLike(p.lower)}%`} escape '\\'`;

/** Whether a customer (alias c) matches — the definition of the search, index or not. */
export function rowCondition(p: ParsedSearch, pg: boolean): Expression<SqlBool> {
  switch (p.shape) {
    case 'phone':
      return sql<SqlBool>`c.phone_e164 like ${`%${p.digits}%`}`;
    case 'email':
      return prefixRange('c.email', p.lower, pg);
    case 'latin':
      return sql<SqlBool>`(${nameContains(p)}
        ${p.letters ? sql`or ${prefixRange('c.name_pinyin', p.letters, pg)} or ${prefixRange('c.name_initials', p.letters, pg)}` : sql``}
        or ${prefixRange('c.email', p.lower, pg)})`;
    case 'text':
      return nameContains(p);
  }
}

/** Records of the org whose search document holds every token. */
function withTokens(orgId: string, tokens: string[], pg: boolean): RawBuilder<unknown> {
  if (pg)
    return sql`select d.record_id from search_docs d where d.org_id = ${orgId} and d.object = 'customer'
      and string_to_array(d.tokens, ' ') @> ${tokens}::text[]`;
  const match = tokens.map((t) => `"${t}"`).join(' AND ');
  return sql`select d.record_id from search_docs d where d.doc_id in
    (select rowid from search_fts where search_fts match ${match})
    and d.org_id = ${orgId} and d.object = 'customer'`;
}

function withPrefix(orgId: string, col: string, prefix: string, pg: boolean): RawBuilder<unknown> {
  return sql`select c.id from customers c where c.org_id = ${orgId} and ${prefixRange(col, prefix, pg)}`;
}

/**
 * The ids that can match (a superset), from indexes only; null when a route of the shape has no index
 * for this input (a one-character name, a prefix with no letters).
 */
export function candidates(p: ParsedSearch, orgId: string, pg: boolean): RawBuilder<unknown> | null {
  const name = nameBigrams(p.lower);
  switch (p.shape) {
    case 'phone':
      return withTokens(orgId, phoneGrams(p.digits), pg);
    case 'email':
      return withPrefix(orgId, 'c.email', p.lower, pg);
    case 'latin': {
      if (!name.length || !p.letters) return null;
      return sql`${withTokens(orgId, name, pg)}
        union all ${withPrefix(orgId, 'c.name_pinyin', p.letters, pg)}
        union all ${withPrefix(orgId, 'c.name_initials', p.letters, pg)}
        union all ${withPrefix(orgId, 'c.email', p.lower, pg)}`;
    }
    case 'text':
      return name.length ? withTokens(orgId, name, pg) : null;
  }
}

export type SearchPlan = { condition: Expression<SqlBool>; indexed: boolean; shape: SearchShape };

/** The condition without looking at the data: correct, but reads rows until a page is found. */
export function searchByRows(q: string, pg: boolean): SearchPlan {
  const p = parseSearch(q);
  return { condition: rowCondition(p, pg), indexed: false, shape: p.shape };
}

/**
 * The search condition for `q` in `orgId`: the candidates from the index when they are few (one
 * indexed count, capped), else the row check alone.
 */
export async function planSearch(db: Kysely<DB>, orgId: string, q: string): Promise<SearchPlan> {
  const pg = isPostgres(db);
  const p = parseSearch(q);
  const row = rowCondition(p, pg);
  const ids = candidates(p, orgId, pg);
  if (ids && foldForSearch(p.lower).length) {
    const found = await sql<{ n: number | string }>`select count(*) as n from
      (select 1 as one from (${ids}) k limit ${SELECTIVE_LIMIT + 1}) t`.execute(db);
    if (Number(found.rows[0]?.n ?? 0) <= SELECTIVE_LIMIT) {
      // PostgreSQL: the few candidate ids as an array read first, then fetched by primary key. As an
      // IN subquery the planner, facing a data-scope filter (a manager's), scanned every customer of
      // the org and probed the index per row (1 s at a million customers).
      const among = pg ? sql<SqlBool>`c.id = any(array(${ids}))` : sql<SqlBool>`c.id in (${ids})`;
      return { condition: sql<SqlBool>`(${among} and ${row})`, indexed: true, shape: p.shape };
    }
  }
  return { condition: row, indexed: false, shape: p.shape };
}
