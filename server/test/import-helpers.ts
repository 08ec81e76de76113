// Building import files and driving the import wizard's API in tests.
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Client, TestApp } from '../src/testing/harness.js';

export type Cell = ExcelJS.CellValue;

/** An .xlsx with one sheet of the given rows (merges like 'A3:A4' applied after). */
export async function xlsx(rows: Cell[][], o: { merges?: string[]; sheet?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(o.sheet ?? '客户');
  for (const r of rows) ws.addRow(r);
  for (const m of o.merges ?? []) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A large .xlsx written by exceljs' streaming writer (what a 100,000-row export looks like). */
export async function bigXlsx(header: string[], rows: number, row: (i: number) => Cell[]): Promise<Buffer> {
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet('客户');
  ws.addRow(header).commit();
  for (let i = 0; i < rows; i++) ws.addRow(row(i)).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

export function multipart(fileName: string, content: Buffer) {
  const boundary = `----cadence${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export type ImportView = {
  id: string;
  status: string;
  headers: string[];
  sample: string[][];
  mapping: Record<string, string>;
  fields: { key: string; label: string; required: boolean }[];
  totalRows: number;
  processedRows: number;
  summary: {
    rows: number;
    empty: number;
    valid: number;
    errors: number;
    fileDuplicates: number;
    dbDuplicates: number;
    similar: number;
  } | null;
  result: { created: number; merged: number; skipped: number; failed: number };
  error: string | null;
  encoding: string | null;
};

export type Issue = { rowNo: number; kind: string; field: string | null; message: string; cells: string[] };

export function importer(t: TestApp, c: Client, object = 'customer') {
  const upload = (fileName: string, content: Buffer, lang = 'zh-CN') => {
    const m = multipart(fileName, content);
    return c({
      method: 'POST',
      url: `/api/v1/imports/${object}`,
      body: m.body,
      headers: { ...m.headers, 'accept-language': lang },
    });
  };
  const uploaded = async (fileName: string, content: Buffer) => {
    const res = await upload(fileName, content);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as ImportView;
  };
  const get = async (id: string) => {
    const res = await c({ url: `/api/v1/imports/${id}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ImportView;
  };
  const check = async (v: ImportView, mapping = v.mapping, options?: Record<string, unknown>) => {
    const res = await c({
      method: 'POST',
      url: `/api/v1/imports/${v.id}/check`,
      body: { mapping, ...(options && { options }) },
    });
    expect(res.statusCode, res.body).toBe(202);
    await t.jobs.drain();
    return get(v.id);
  };
  const run = async (
    id: string,
    policy: 'skip' | 'merge' | 'create',
    importSimilar = false,
    stamp?: { source?: string; campaign?: string },
  ) => {
    const res = await c({
      method: 'POST',
      url: `/api/v1/imports/${id}/run`,
      body: { policy, importSimilar, ...(stamp ? { stamp } : {}) },
    });
    expect(res.statusCode, res.body).toBe(202);
    await t.jobs.drain();
    return get(id);
  };
  const issues = async (id: string, lang = 'zh-CN') => {
    const out: Issue[] = [];
    let cursor: string | undefined;
    do {
      const res = await c({
        url: `/api/v1/imports/${id}/issues?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        headers: { 'accept-language': lang },
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { data: Issue[]; nextCursor: string | null };
      out.push(...body.data);
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    return out;
  };
  return { upload, uploaded, get, check, run, issues };
}

/** Live customers of the org by name. */
export async function customerNames(t: TestApp): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom('customers')
    .select('name')
    .where('orgId', '=', t.orgId)
    .where('deletedAt', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}

/** The rows of a CSV export (BOM stripped, quoted fields honoured). */
export function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0), 'a CSV export starts with a UTF-8 BOM').toBe(0xfeff);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.slice(1);
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
