import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../platform/errors.js';

// Rows of an uploaded .xlsx or .csv, streamed one at a time whatever the file's size.

/** A cell as read: formulas give their cached result (never evaluated); errors stay errors. */
export type CellValue = string | number | boolean | Date | null | { error: string } | { formula: string };
export type SheetRow = { rowNo: number; cells: CellValue[] };
export type FileFormat = 'xlsx' | 'csv';
export type Encoding = 'utf-8' | 'gb18030';

export type FileInfo = { format: FileFormat; encoding: Encoding | null; merges: string[] };

const typeRefused = () => new AppError(422, 'import_file_type');

/**
 * What a file is, by its first bytes and its extension (both must agree): .xlsx is a zip (PK\3\4);
 * an OLE2 file is an old .xls (or an encrypted workbook); .csv has no NUL bytes, and is UTF-8 (with
 * or without BOM) when it decodes as UTF-8, else GB18030 (what Chinese Excel writes as "CSV").
 */
export async function sniff(
  file: string,
  fileName: string,
): Promise<{ format: FileFormat; encoding: Encoding | null }> {
  const handle = await fsp.open(file, 'r');
  const head = Buffer.alloc(64 * 1024);
  let length = 0;
  try {
    ({ bytesRead: length } = await handle.read(head, 0, head.length, 0));
  } finally {
    await handle.close();
  }
  const bytes = head.subarray(0, length);
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const isZip = bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
  const isOle =
    bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1;
  if (isOle && (ext === 'xls' || ext === 'xlsx')) throw new AppError(422, 'import_legacy_xls');
  if (ext === 'xlsx') {
    if (!isZip) throw typeRefused();
    return { format: 'xlsx', encoding: null };
  }
  if (ext !== 'csv' || isZip || isOle || bytes.includes(0)) throw typeRefused();
  if (length === 0) throw new AppError(422, 'import_no_rows');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { format: 'csv', encoding: 'utf-8' };
  try {
    // stream: true — a character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return { format: 'csv', encoding: 'utf-8' };
  } catch {
    return { format: 'csv', encoding: 'gb18030' };
  }
}

export async function* readRows(file: string, info: FileInfo): AsyncGenerator<SheetRow> {
  if (info.format === 'csv') yield* csvRows(file, info.encoding ?? 'utf-8');
  else yield* xlsxRows(file, info.merges);
}

async function* csvRows(file: string, encoding: Encoding): AsyncGenerator<SheetRow> {
  const delimiter = await guessDelimiter(file, encoding);
  const input = fs.createReadStream(file);
  const source = input.pipe(iconv.decodeStream(encoding, { stripBOM: true }));
  const parser = source.pipe(
    parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }),
  );
  let rowNo = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNo++;
      yield { rowNo, cells: record.map((v) => (v === '' ? null : v)) };
    }
  } catch (err) {
    throw unreadable(err);
  } finally {
    input.destroy();
  }
}

/**
 * What a failed read means: the parser's refusal is a corrupt file (422); a system error — a temporary
 * file gone, too many open files, a full disk — is the server's own fault, not the user's file, and is
 * rethrown as it is (a 500 with the cause in the log).
 */
function unreadable(err: unknown): Error {
  if (err instanceof AppError || err instanceof LostEntries) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return err as Error;
  return new AppError(422, 'import_file_corrupt');
}

/** Comma, semicolon or tab: whichever the first line has most of outside quotes. */
async function guessDelimiter(file: string, encoding: Encoding): Promise<string> {
  const handle = await fsp.open(file, 'r');
  const head = Buffer.alloc(16 * 1024);
  try {
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const text = iconv.decode(head.subarray(0, bytesRead), encoding);
    const line = text.split(/\r?\n/)[0]!.replace(/"[^"]*"/g, '');
    const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length - 1] as const);
    counts.sort((a, b) => b[1] - a[1]);
    return counts[0]![1] > 0 ? counts[0]![0] : ',';
  } finally {
    await handle.close();
  }
}

type Range = { r1: number; c1: number; r2: number; c2: number; value?: CellValue };

const colOf = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
function rangeOf(ref: string): Range | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  return { c1: colOf(m[1]!), r1: Number(m[2]), c2: colOf(m[3]!), r2: Number(m[4]) };
}

/**
 * exceljs's streaming reader now and then misses entries of the zip it reads (exceljs#3064, seen with
 * files exceljs itself wrote): a worksheet then comes without its shared strings, each text cell as
 * `{ sharedString: n }`. Nothing is wrong with the file, so it is read again.
 */
class LostEntries extends Error {}

/** The first worksheet's rows; read again (at most twice) when the reader lost part of the file first. */
async function* xlsxRows(file: string, merges: string[]): AsyncGenerator<SheetRow> {
  for (let attempt = 1; ; attempt++) {
    let yielded = false;
    try {
      for await (const row of xlsxRowsOnce(file, merges)) {
        yielded = true;
        yield row;
      }
      return;
    } catch (err) {
      if (!(err instanceof LostEntries)) throw err;
      // Rows already handed on cannot be taken back: then it is the server's failure (the job retries).
      if (yielded) throw new Error(`the xlsx reader lost the shared strings of ${file} midway`);
      // Three times without them: the file refers to shared strings it does not have.
      if (attempt === 3) throw new AppError(422, 'import_file_corrupt');
    }
  }
}

/**
 * The first worksheet, row by row (exceljs' streaming reader). A merged range's value (kept by Excel
 * in its top-left cell only) is given to every cell of the range, so a company name merged over the
 * rows of its contacts reaches each row.
 */
async function* xlsxRowsOnce(file: string, merges: string[]): AsyncGenerator<SheetRow> {
  const ranges = merges.map(rangeOf).filter((r): r is Range => !!r && (r.r2 > r.r1 || r.c2 > r.c1));
  const input = fs.createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  // exceljs names a worksheet from xl/workbook.xml, which its own writer (and tools built on it) store
  // last: a sheet parsed first read `model.sheets` of nothing and threw, now and then (exceljs#3064), and
  // a good file came back "corrupt". Only the first sheet's rows are read here, never its name.
  const early = reader as unknown as { model?: { sheets: unknown[] } };
  early.model ??= { sheets: [] };
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = Array.from(row.values as unknown[])
          .slice(1)
          .map(cellValue);
        for (const r of ranges) {
          if (row.number === r.r1) r.value = values[r.c1 - 1] ?? null;
          if (row.number < r.r1 || row.number > r.r2) continue;
          for (let c = r.c1; c <= r.c2; c++) {
            if (row.number === r.r1 && c === r.c1) continue;
            while (values.length < c) values.push(null);
            if (values[c - 1] === null) values[c - 1] = r.value ?? null;
          }
        }
        yield { rowNo: row.number, cells: values };
      }
      break; // the first worksheet only
    }
  } catch (err) {
    throw unreadable(err);
  } finally {
    input.destroy();
  }
}

function cellValue(v: unknown): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('error' in o) return { error: String(o.error) };
    if ('formula' in o || 'sharedFormula' in o) {
      // The value Excel computed and saved; a formula without one is reported, never evaluated.
      if (o.result === undefined || o.result === null)
        return { formula: String(o.formula ?? o.sharedFormula) };
      return cellValue(o.result);
    }
    if ('sharedString' in o) throw new LostEntries();
    if (Array.isArray(o.richText))
      return (o.richText as { text?: string }[]).map((p) => p.text ?? '').join('');
    if ('text' in o) return cellValue(o.text);
  }
  return String(v);
}

/** A cell as the text a person would read in it (for headers, the sample and the error report). */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('error' in v) return v.error;
  return `=${v.formula}`;
}

export const isEmptyRow = (cells: CellValue[]) =>
  cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
