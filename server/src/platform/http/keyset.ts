import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { decodeCursor, encodeCursor, type SortSpec } from './pagination.js';

/**
 * Applies keyset pagination to a query: order by (sort column, id), continue after the cursor,
 * fetch one extra row to know whether there is a next page. Never OFFSET.
 */
export async function pageOf<DB, TB extends keyof DB, O extends { id: string }>(
  query: SelectQueryBuilder<DB, TB, O>,
  o: { sort: SortSpec; idColumn: string; limit: number; cursor?: string; valueOf: (row: O) => unknown },
): Promise<{ data: O[]; nextCursor: string | null }> {
  const col = sql.ref(o.sort.column);
  const idCol = sql.ref(o.idColumn);
  let q = query;
  if (o.cursor) {
    const c = decodeCursor(o.cursor, o.sort);
    const op = sql.raw(o.sort.direction === 'asc' ? '>' : '<');
    const cond: Expression<SqlBool> =
      c.value === null
        ? sql<SqlBool>`(${col} is null and ${idCol} ${op} ${c.id})`
        : sql<SqlBool>`(${col} ${op} ${c.value} or (${col} = ${c.value} and ${idCol} ${op} ${c.id}))`;
    q = q.where(() => cond) as typeof q;
  }
  const dir = sql.raw(o.sort.direction);
  const rows = await q
    .orderBy(sql`${col} ${dir}`)
    .orderBy(sql`${idCol} ${dir}`)
    .limit(o.limit + 1)
    .execute();
  const data = rows.slice(0, o.limit) as O[];
  const last = data.at(-1);
  const nextCursor = rows.length > o.limit && last ? encodeCursor(o.sort, o.valueOf(last), last.id) : null;
  return { data, nextCursor };
}
