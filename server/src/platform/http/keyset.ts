import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { decodeCursor, encodeCursor, type SortSpec } from './pagination.js';

/**
 * Applies keyset pagination to a query: order by (sort column, id), continue after the cursor,
 * fetch one extra row to know whether there is a next page. Never OFFSET.
 * NULLs sort as the largest value on both dialects (last ascending, first descending; SQLite would
 * otherwise put them first), and the continuation condition steps over them, so no row is skipped.
 */
export async function pageOf<DB, TB extends keyof DB, O extends { id: string }>(
  query: SelectQueryBuilder<DB, TB, O>,
  o: { sort: SortSpec; idColumn: string; limit: number; cursor?: string; valueOf: (row: O) => unknown },
): Promise<{ data: O[]; nextCursor: string | null }> {
  const col = sql.ref(o.sort.column);
  const idCol = sql.ref(o.idColumn);
  const asc = o.sort.direction === 'asc';
  let q = query;
  if (o.cursor) {
    const c = decodeCursor(o.cursor, o.sort);
    const op = sql.raw(asc ? '>' : '<');
    let cond: Expression<SqlBool>;
    if (c.value === null)
      cond = asc
        ? sql<SqlBool>`(${col} is null and ${idCol} > ${c.id})`
        : sql<SqlBool>`((${col} is null and ${idCol} < ${c.id}) or ${col} is not null)`;
    else
      cond = sql<SqlBool>`(${col} ${op} ${c.value} or (${col} = ${c.value} and ${idCol} ${op} ${c.id})${
        asc ? sql` or ${col} is null` : sql``
      })`;
    q = q.where(() => cond) as typeof q;
  }
  const order = sql.raw(asc ? 'asc nulls last' : 'desc nulls first');
  const rows = await q
    .orderBy(sql`${col} ${order}`)
    .orderBy(sql`${idCol} ${sql.raw(o.sort.direction)}`)
    .limit(o.limit + 1)
    .execute();
  const data = rows.slice(0, o.limit) as O[];
  const last = data.at(-1);
  const nextCursor = rows.length > o.limit && last ? encodeCursor(o.sort, o.valueOf(last), last.id) : null;
  return { data, nextCursor };
}
