import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { recordChange } from '../../platform/audit/record.js';
import { AppError } from '../../platform/errors.js';
import { pageOf } from '../../platform/http/keyset.js';
import type { SortSpec } from '../../platform/http/pagination.js';
import { changeMeta } from '../../platform/http/schemas.js';
import { newId } from '../../platform/ids.js';
import { attachment, type Cell, contentTypes, type SheetFormat, tableWriter } from './spreadsheet-writer.js';

// An export download: a list query read page by page in its sort order and streamed to the response
// as .xlsx or .csv, so a 100,000-row export never sits in memory. Every list export goes through here.

const PAGE = 1000;
/** The most rows one export writes. */
export const MAX_EXPORT_ROWS = 100_000;

/**
 * Before an export is sent: how many rows it writes (`rows`, the list's query; 422
 * `export_too_large` above the limit, so nothing half-written goes out) and the audit entry saying
 * who exported what (`after`: format, filters, sort, columns), under a new id of its own.
 */
export async function admitExport(
  db: Kysely<DB>,
  req: FastifyRequest,
  o: {
    object: string;
    // biome-ignore lint/suspicious/noExplicitAny: any list query (its selection is replaced)
    rows: SelectQueryBuilder<any, any, any>;
    now: number;
    after: Record<string, unknown>;
  },
): Promise<number> {
  const counted = await o.rows
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const count = Number(counted?.n ?? 0);
  if (count > MAX_EXPORT_ROWS) throw new AppError(422, 'export_too_large', { count, max: MAX_EXPORT_ROWS });
  await db.transaction().execute((tx) =>
    recordChange(tx, {
      ...changeMeta(req, o.now),
      object: o.object,
      recordId: newId(),
      action: 'export',
      after: { ...o.after, rows: count },
    }),
  );
  return count;
}

export type SheetDownload<O extends { id: string }> = {
  format: SheetFormat;
  /** The file's name without extension: in the request's language, and ASCII for old clients. */
  fileName: { local: string; ascii: string };
  sheetName: string;
  headers: string[];
  query: SelectQueryBuilder<never, never, O>;
  sort: SortSpec;
  idColumn: string;
  /** At most this many rows (the caller refused a larger export before). */
  max: number;
  /** One page of rows → their cells, in order (a page may be looked up together, e.g. stage history). */
  cells: (rows: O[]) => Promise<Cell[][]> | Cell[][];
};

export function sendSheet<O extends { id: string }>(
  req: FastifyRequest,
  reply: FastifyReply,
  d: SheetDownload<O>,
): FastifyReply {
  async function* rows() {
    let cursor: string | undefined;
    let written = 0;
    do {
      const page = await pageOf(d.query, {
        sort: d.sort,
        idColumn: d.idColumn,
        limit: PAGE,
        cursor,
        valueOf: (r) => r[d.sort.field as keyof O] as unknown,
      });
      const taken = page.data.slice(0, d.max - written);
      yield* await d.cells(taken);
      written += taken.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && written < d.max);
  }
  return sendRows(req, reply, { ...d, rows: rows() });
}

export type RowsDownload = Pick<SheetDownload<never>, 'format' | 'fileName' | 'sheetName' | 'headers'> & {
  rows: AsyncIterable<Cell[]> | Iterable<Cell[]>;
};

/** Streams rows to the response as .xlsx or .csv (a failure midway cuts the download and is logged). */
export function sendRows(req: FastifyRequest, reply: FastifyReply, d: RowsDownload): FastifyReply {
  reply
    .header('content-type', contentTypes[d.format])
    .header(
      'content-disposition',
      attachment(`${d.fileName.local}.${d.format}`, `${d.fileName.ascii}.${d.format}`),
    )
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store');
  const out = new PassThrough();
  const writer = tableWriter(d.format, out, d.headers, d.sheetName);
  const produce = async () => {
    for await (const cells of d.rows) await writer.row(cells);
    await writer.end();
  };
  produce().catch((err) => {
    req.log.error({ err }, 'export failed mid-stream');
    out.destroy(err as Error);
  });
  return reply.send(out as never);
}
