import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SelectQueryBuilder } from 'kysely';
import { pageOf } from '../../platform/http/keyset.js';
import type { SortSpec } from '../../platform/http/pagination.js';
import { attachment, type Cell, contentTypes, type SheetFormat, tableWriter } from './spreadsheet-writer.js';

// An export download: a list query read page by page in its sort order and streamed to the response
// as .xlsx or .csv, so a 100,000-row export never sits in memory. Every list export goes through here.

const PAGE = 1000;

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
      const rows = page.data.slice(0, d.max - written);
      for (const cells of await d.cells(rows)) await writer.row(cells);
      written += rows.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && written < d.max);
    await writer.end();
  };
  produce().catch((err) => {
    req.log.error({ err }, 'export failed mid-stream');
    out.destroy(err as Error);
  });
  return reply.send(out as never);
}
