import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

// Streamed .csv / .xlsx writing for exports and import error reports: rows go out as they come, the
// whole file is never held in memory.

export type SheetFormat = 'csv' | 'xlsx';
export type Cell = string | number | null | undefined;

export const contentTypes: Record<SheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A text cell a spreadsheet could run as a formula (starts with = + - @, tab or carriage return) is
 * prefixed with an apostrophe (OWASP CSV injection advice), so opening an export never runs anything.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const csvField = (v: Cell): string => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : neutralise(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export type TableWriter = { row(values: Cell[]): Promise<void>; end(): Promise<void> };

/**
 * Writes a table to `out`: CSV in UTF-8 with a BOM (so Excel reads Chinese correctly) or an .xlsx
 * through exceljs' streaming writer. `row` waits when the reader is slower than the database.
 */
export function tableWriter(format: SheetFormat, out: Writable, headers: string[], sheetName: string) {
  return format === 'csv' ? csvWriter(out, headers) : xlsxWriter(out, headers, sheetName);
}

function write(out: Writable, chunk: string): Promise<void> {
  if (out.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', done);
      out.off('error', done);
      out.off('close', closed);
      if (err) reject(err);
      else resolve();
    };
    const closed = () => done(new Error('output closed'));
    out.once('drain', done);
    out.once('error', done);
    out.once('close', closed);
  });
}

function csvWriter(out: Writable, headers: string[]): TableWriter {
  let buffer = `\uFEFF${headers.map(csvField).join(',')}\r\n`;
  return {
    async row(values) {
      buffer += `${values.map(csvField).join(',')}\r\n`;
      if (buffer.length >= 64 * 1024) {
        const chunk = buffer;
        buffer = '';
        await write(out, chunk);
      }
    },
    async end() {
      if (buffer) await write(out, buffer);
      out.end();
    },
  };
}

function xlsxWriter(out: Writable, headers: string[], sheetName: string): TableWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  const header = sheet.addRow(headers.map(neutralise));
  header.font = { bold: true };
  header.commit();
  sheet.columns = headers.map((h) => ({ width: Math.min(40, Math.max(10, h.length * 2 + 4)) }));
  let pending = 0;
  return {
    async row(values) {
      sheet.addRow(values.map((v) => (typeof v === 'string' ? neutralise(v) : (v ?? null)))).commit();
      // Let the zip stream flush to the response now and then instead of queueing every row.
      if (++pending >= 500) {
        pending = 0;
        await new Promise((r) => setImmediate(r));
        if (out.writableNeedDrain) await write(out, '');
      }
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachment(fileName: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
