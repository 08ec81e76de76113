import { z } from 'zod';
import { AppError } from '../errors.js';

/** Query parameters shared by every list endpoint. */
export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.string().max(40).optional(),
});

/** A sortable column: its SQL name, and `number` for numeric columns (instants, counts) — text otherwise. */
export type SortColumn = string | { column: string; type: 'number' };
export type SortSpec = { field: string; column: string; type: 'text' | 'number'; direction: 'asc' | 'desc' };

/**
 * Resolves `sort` ("name" or "-createdAt") against the endpoint's allow-list of fields → columns.
 * Anything else is a 400 naming the field; nothing from the request reaches SQL unchecked.
 */
export function parseSort(
  sort: string | undefined,
  allowed: Record<string, SortColumn>,
  fallback: string,
): SortSpec {
  const raw = sort ?? fallback;
  const direction = raw.startsWith('-') ? 'desc' : 'asc';
  const field = raw.replace(/^-/, '');
  const entry = Object.hasOwn(allowed, field) ? allowed[field] : undefined;
  if (!entry)
    throw new AppError(
      400,
      'invalid_sort',
      { field },
      { errors: [{ path: 'query.sort', code: 'invalid_sort', params: { field } }] },
    );
  const [column, type] = typeof entry === 'string' ? [entry, 'text' as const] : [entry.column, entry.type];
  return { field, column, type, direction };
}

/** A keyset cursor: the last row's sort value and id, opaque to clients. */
export function encodeCursor(sort: SortSpec, value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([sort.field, sort.direction, value, id])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: SortSpec): { value: string | number | null; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 4 &&
      parsed[0] === sort.field &&
      parsed[1] === sort.direction &&
      // The value must fit the sort column, or the database would fail on a tampered cursor.
      (parsed[2] === null ||
        (sort.type === 'text' ? typeof parsed[2] === 'string' : Number.isSafeInteger(parsed[2]))) &&
      typeof parsed[3] === 'string'
    ) {
      return { value: parsed[2], id: parsed[3] };
    }
  } catch {
    // fall through
  }
  throw new AppError(
    400,
    'invalid_cursor',
    {},
    { errors: [{ path: 'query.cursor', code: 'invalid_cursor' }] },
  );
}
