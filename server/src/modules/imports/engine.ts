import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { DB, Job } from '../../db/schema.js';
import { refreshStatistics } from '../../db/statistics.js';
import { type Actor, can } from '../../platform/access/index.js';
import { loadActor } from '../../platform/auth/actor-loader.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { tempFile } from '../../platform/temp-files.js';
import { autoMap, detectHeader, headerTexts } from './mapping.js';
import {
  type CellValue,
  cellText,
  type FileInfo,
  isEmptyRow,
  readRows,
  type SheetRow,
  sniff,
} from './readers.js';
import {
  type DuplicatePolicy,
  type ImportTarget,
  importTarget,
  type RowIssue,
  type Tally,
  type WriteMeta,
} from './target.js';
import { inspectZip } from './zip-guard.js';

// The one import engine: upload → mapping → dry run (job) → run (job, in batches, each committed with
// its checkpoint) → error report. What a row means is the target's business (targets/*.ts).

/** Data rows one import may have. */
export const MAX_IMPORT_ROWS = 100_000;
/** Rows per committed batch of a run (and per lookup batch of a dry run). */
export const BATCH_ROWS = 500;
const LEASE_MS = 5 * 60_000;

export type ImportRow = Awaited<ReturnType<typeof loadImport>>;

export const loadImport = (db: Kysely<DB>, orgId: string, id: string) =>
  db.selectFrom('imports').selectAll().where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();

const infoOf = (imp: { format: string; encoding: string | null; merges: string }): FileInfo => ({
  format: imp.format as FileInfo['format'],
  encoding: imp.encoding as FileInfo['encoding'],
  merges: JSON.parse(imp.merges) as string[],
});

/** The stored file copied to a local temporary file (random access for the zip check; S3 has none). */
async function spool(ctx: AppContext, key: string) {
  const tmp = await tempFile();
  await pipeline(await ctx.storage.get(key), fs.createWriteStream(tmp.file));
  return tmp;
}

export type Upload = { fileName: string; stream: Readable; truncated: () => boolean };

/**
 * Takes an uploaded file: refuses what is not an .xlsx/.csv by its bytes, a zip bomb before any parser
 * opens it, more than MAX_IMPORT_ROWS data rows; finds the header row, a sample and the automatic
 * mapping; stores the file under a generated key.
 */
export async function receiveUpload(ctx: AppContext, actor: Actor, target: ImportTarget, upload: Upload) {
  const tmp = await tempFile();
  try {
    await pipeline(upload.stream, fs.createWriteStream(tmp.file));
    if (upload.truncated()) throw new AppError(413, 'payload_too_large');
    const { size } = await fsp.stat(tmp.file);
    if (size === 0) throw new AppError(422, 'import_no_rows');
    const { format, encoding } = await sniff(tmp.file, upload.fileName);
    const info: FileInfo = { format, encoding, merges: [] };
    let declaredRows: number | null = null;
    if (format === 'xlsx') {
      const facts = await inspectZip(tmp.file);
      const first = [...facts.sheets.keys()].sort((a, b) => sheetNo(a) - sheetNo(b))[0];
      const sheet = first ? facts.sheets.get(first) : undefined;
      if (!sheet) throw new AppError(422, 'import_file_corrupt');
      info.merges = sheet.merges;
      declaredRows = sheet.rows;
    }
    const fields = await target.fields(ctx, actor);
    const head: SheetRow[] = [];
    let rows = 0;
    for await (const row of readRows(tmp.file, info)) {
      if (head.length < 40) head.push(row);
      else if (declaredRows !== null) break; // an .xlsx told us its row count already
      if (!isEmptyRow(row.cells)) rows++;
      if (rows > MAX_IMPORT_ROWS + 50) break;
    }
    const header = detectHeader(head, fields);
    if (!header) throw new AppError(422, 'import_no_rows');
    const total = declaredRows ?? rows;
    const headerIndex = head.filter((r) => !isEmptyRow(r.cells)).indexOf(header);
    const dataRows = total - headerIndex - 1;
    if (dataRows > MAX_IMPORT_ROWS)
      throw new AppError(422, 'import_too_many_rows', { count: dataRows, max: MAX_IMPORT_ROWS });
    if (dataRows <= 0) throw new AppError(422, 'import_no_rows');
    const headers = headerTexts(header.cells);
    const sample = head
      .filter((r) => r.rowNo > header.rowNo && !isEmptyRow(r.cells))
      .slice(0, 5)
      .map((r) => headers.map((_, i) => cellText(r.cells[i] ?? null)));
    const mapping = autoMap(headers, fields);
    target.refineMapping?.(mapping, headers, fields);
    const stored = await ctx.storage.put(fs.createReadStream(tmp.file), { namespace: 'imports' });
    const now = ctx.clock.now();
    const id = newId();
    await ctx.db
      .insertInto('imports')
      .values({
        id,
        orgId: actor.orgId,
        object: target.object,
        createdBy: actor.userId,
        fileName: upload.fileName.slice(0, 200),
        fileKey: stored.key,
        fileSize: stored.size,
        format,
        encoding,
        headerRow: header.rowNo,
        headers: JSON.stringify(headers),
        sample: JSON.stringify(sample),
        merges: JSON.stringify(info.merges),
        mapping: JSON.stringify(mapping),
        status: 'uploaded',
        totalRows: dataRows,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    return id;
  } finally {
    await tmp.remove();
  }
}

const sheetNo = (name: string) => Number(/sheet(\d+)\.xml$/.exec(name)?.[1] ?? 0);

/** Checks a mapping against the target's fields: known fields, each once, required ones present. */
export function validateMapping(
  raw: Record<string, string>,
  headers: string[],
  fields: { key: string; label: { 'zh-CN': string; en: string }; required?: boolean; standalone?: boolean }[],
  locale: 'zh-CN' | 'en',
): Record<number, string> {
  const mapping: Record<number, string> = {};
  const errors = [];
  const seen = new Set<string>();
  for (const [col, key] of Object.entries(raw)) {
    const index = Number(col);
    if (!key) continue;
    if (!Number.isInteger(index) || index < 0 || index >= headers.length)
      errors.push({ path: `body.mapping.${col}`, code: 'import_column_unknown', params: { column: col } });
    else if (!fields.some((f) => f.key === key))
      errors.push({ path: `body.mapping.${col}`, code: 'invalid_format' });
    else if (seen.has(key)) {
      const f = fields.find((x) => x.key === key)!;
      errors.push({
        path: `body.mapping.${col}`,
        code: 'import_field_twice',
        params: { field: f.label[locale] },
      });
    } else {
      seen.add(key);
      mapping[index] = key;
    }
  }
  const standalone = seen.size > 0 && [...seen].every((k) => fields.find((f) => f.key === k)?.standalone);
  for (const f of fields)
    if (f.required && !standalone && !seen.has(f.key))
      errors.push({
        path: 'body.mapping',
        code: 'import_field_required',
        params: { field: f.label[locale] },
      });
  if (errors.length) throw new AppError(422, 'validation_failed', {}, { errors });
  return mapping;
}

/** The target's own options as it accepts them; a target without options takes none. */
export function optionsOf(target: ImportTarget, raw: Record<string, unknown>): Record<string, unknown> {
  if (!target.options) {
    if (Object.keys(raw).length)
      throw new AppError(
        422,
        'validation_failed',
        {},
        { errors: [{ path: 'body.options', code: 'invalid_format' }] },
      );
    return {};
  }
  const parsed = target.options.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      422,
      'validation_failed',
      {},
      {
        errors: parsed.error.issues.map((i) => ({
          path: ['body', 'options', ...i.path.map(String)].join('.'),
          code: 'invalid_format',
        })),
      },
    );
  return parsed.data;
}

export async function enqueueImportJob(
  db: Kysely<DB>,
  imp: { id: string; orgId: string },
  type: string,
  now: number,
) {
  await enqueue(db, {
    type,
    orgId: imp.orgId,
    payload: { importId: imp.id },
    runAt: now,
    uniqueKey: `${type}:${imp.id}:${now}`,
    maxAttempts: 5,
    now,
  });
}

type Context = {
  imp: NonNullable<ImportRow>;
  actor: Actor;
  target: ImportTarget;
  prepared: unknown;
  mapping: [number, string][];
};

/** The import, its creator as the actor (the job acts with the importer's rights) and its target. */
async function contextOf(ctx: AppContext, importId: string, status: string): Promise<Context | null> {
  const imp = await ctx.db.selectFrom('imports').selectAll().where('id', '=', importId).executeTakeFirst();
  if (!imp) return null;
  if (imp.status === 'cancelling') {
    await finish(ctx, imp, 'cancelled');
    return null;
  }
  if (imp.status !== status) return null; // already done (a repeated delivery)
  const actor = await loadActor(ctx.db, imp.createdBy, 'session');
  const target = importTarget(imp.object);
  if (!actor || !target || !can(actor, imp.object, 'import')) {
    await finish(ctx, imp, 'failed', 'forbidden');
    return null;
  }
  const fields = await target.fields(ctx, actor);
  const mapping = Object.entries(JSON.parse(imp.mapping ?? '{}') as Record<string, string>).map(
    ([k, v]) => [Number(k), v] as [number, string],
  );
  const options = JSON.parse(imp.options) as Record<string, unknown>;
  const prepared = await target.prepare(ctx.db, actor, fields, { now: ctx.clock.now(), options });
  return { imp, actor, target, prepared, mapping };
}

async function finish(
  ctx: AppContext,
  imp: { id: string; fileKey: string | null },
  status: string,
  error?: string,
) {
  const now = ctx.clock.now();
  await ctx.db
    .updateTable('imports')
    .set({ status, error: error ?? null, finishedAt: now, updatedAt: now, fileKey: null })
    .where('id', '=', imp.id)
    .execute();
  await ctx.db.deleteFrom('importKeys').where('importId', '=', imp.id).execute();
  if (imp.fileKey) await ctx.storage.delete(imp.fileKey);
}

const valuesOf = (cells: CellValue[], mapping: [number, string][]) =>
  new Map(mapping.map(([i, key]) => [key, cells[i] ?? null]));

type IssueRow = DB['importIssues'] extends infer T ? { [K in keyof T]: T[K] } : never;

function issueRow(c: Context, phase: string, row: SheetRow, kind: string, issue: RowIssue): IssueRow {
  const headers = JSON.parse(c.imp.headers) as string[];
  return {
    id: newId(),
    orgId: c.imp.orgId,
    importId: c.imp.id,
    phase,
    rowNo: row.rowNo,
    kind,
    field: issue.field ?? null,
    code: issue.code,
    params: JSON.stringify(issue.params ?? {}),
    cells: JSON.stringify(headers.map((_, i) => cellText(row.cells[i] ?? null))),
  };
}

async function insertIssues(db: Kysely<DB>, rows: IssueRow[]) {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('importIssues')
      .values(rows.slice(i, i + 100))
      .execute();
}

/** The file's data rows (after the header, empty rows skipped and counted), in batches. */
async function* batches(ctx: AppContext, imp: NonNullable<ImportRow>, after: number, onEmpty: () => void) {
  if (!imp.fileKey) throw new AppError(422, 'import_file_corrupt');
  const tmp = await spool(ctx, imp.fileKey);
  try {
    let batch: SheetRow[] = [];
    let rows = 0;
    for await (const row of readRows(tmp.file, infoOf(imp))) {
      if (row.rowNo <= imp.headerRow) continue;
      if (isEmptyRow(row.cells)) {
        if (row.rowNo > after) onEmpty();
        continue;
      }
      if (++rows > MAX_IMPORT_ROWS)
        throw new AppError(422, 'import_too_many_rows', { count: rows, max: MAX_IMPORT_ROWS });
      if (row.rowNo <= after) continue;
      batch.push(row);
      if (batch.length >= BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  } finally {
    await tmp.remove();
  }
}

export type CheckSummary = {
  rows: number;
  empty: number;
  valid: number;
  errors: number;
  fileDuplicates: number;
  dbDuplicates: number;
  similar: number;
};

/**
 * The dry run: every row parsed and checked — field errors, duplicates inside the file (by the same
 * dedup keys, through an indexed table so memory stays flat) and against the database (with who owns
 * them). Writes nothing but its findings; a retry starts it over.
 */
export async function checkImport(ctx: AppContext, importId: string): Promise<void> {
  const c = await contextOf(ctx, importId, 'checking');
  if (!c) return;
  const { db } = ctx;
  const { imp, target, actor } = c;
  await db.deleteFrom('importIssues').where('importId', '=', imp.id).execute();
  await db.deleteFrom('importKeys').where('importId', '=', imp.id).execute();
  const s: CheckSummary = {
    rows: 0,
    empty: 0,
    valid: 0,
    errors: 0,
    fileDuplicates: 0,
    dbDuplicates: 0,
    similar: 0,
  };
  try {
    for await (const batch of batches(ctx, imp, 0, () => s.empty++)) {
      const issues: IssueRow[] = [];
      const parsed = batch.map((row) => ({
        row,
        ...target.parse(valuesOf(row.cells, c.mapping), c.prepared),
      }));
      // Duplicates inside the file: keys of earlier batches from the table, of this batch from a map.
      const keyed = parsed.map((p) => ({ ...p, keys: p.record ? target.keys(p.record) : [] }));
      // One indexed lookup per kind (the key's index is org, import, kind, key).
      const byKind = new Map<string, string[]>();
      for (const k of keyed.flatMap((x) => x.keys))
        byKind.set(k.kind, [...(byKind.get(k.kind) ?? []), k.key]);
      const earlier = new Map<string, number>();
      for (const [kind, keys] of byKind)
        for (let i = 0; i < keys.length; i += 300) {
          const found = await db
            .selectFrom('importKeys')
            .select(['kind', 'key', 'rowNo'])
            .where('orgId', '=', imp.orgId)
            .where('importId', '=', imp.id)
            .where('kind', '=', kind)
            .where('key', 'in', keys.slice(i, i + 300))
            .execute();
          for (const f of found) earlier.set(`${f.kind}\u0000${f.key}`, f.rowNo);
        }
      const fresh: DB['importKeys'][] = [];
      for (const p of keyed) {
        s.rows++;
        if (!p.record) {
          s.errors++;
          for (const issue of p.issues) issues.push(issueRow(c, 'check', p.row, 'error', issue));
          continue;
        }
        const dup = p.keys
          .map((k) => ({ k, first: earlier.get(`${k.kind}\u0000${k.key}`) }))
          .find((x) => x.first);
        if (dup) {
          s.fileDuplicates++;
          issues.push(
            issueRow(c, 'check', p.row, 'file_duplicate', {
              code: 'import_duplicate_in_file',
              params: { row: dup.first, on: dup.k.kind },
            }),
          );
          continue;
        }
        for (const k of p.keys) {
          earlier.set(`${k.kind}\u0000${k.key}`, p.row.rowNo);
          fresh.push({ orgId: imp.orgId, importId: imp.id, kind: k.kind, key: k.key, rowNo: p.row.rowNo });
        }
        const unresolved = (await target.resolve?.(db, actor, p.record, c.prepared)) ?? [];
        if (unresolved.length) {
          s.errors++;
          for (const issue of unresolved) issues.push(issueRow(c, 'check', p.row, 'error', issue));
          continue;
        }
        const existing = await target.existing(db, actor, p.record);
        if (existing?.exact) {
          s.dbDuplicates++;
          issues.push(
            issueRow(c, 'check', p.row, 'db_duplicate', {
              code: existing.code ?? 'import_duplicate_in_database',
              params: existing.params,
            }),
          );
        } else if (existing?.similar) {
          s.similar++;
          issues.push(
            issueRow(c, 'check', p.row, 'similar', {
              code: 'import_similar_in_database',
              params: existing.params,
            }),
          );
        } else s.valid++;
      }
      const now = ctx.clock.now();
      const stillChecking = await db.transaction().execute(async (tx) => {
        for (let i = 0; i < fresh.length; i += 100)
          await tx
            .insertInto('importKeys')
            .values(fresh.slice(i, i + 100))
            .onConflict((oc) => oc.doNothing())
            .execute();
        await insertIssues(tx, issues);
        const res = await tx
          .updateTable('imports')
          .set({ checkedRows: s.rows, updatedAt: now })
          .where('id', '=', imp.id)
          .where('status', '=', 'checking')
          .executeTakeFirst();
        return Number(res.numUpdatedRows) === 1;
      });
      if (!stillChecking) return void (await contextOf(ctx, importId, 'checking')); // cancelled meanwhile
    }
  } catch (err) {
    if (err instanceof AppError) return finish(ctx, imp, 'failed', err.code);
    throw err;
  }
  const now = ctx.clock.now();
  await db
    .updateTable('imports')
    .set({
      status: 'checked',
      summary: JSON.stringify(s),
      checkedRows: s.rows,
      totalRows: s.rows,
      updatedAt: now,
    })
    .where('id', '=', imp.id)
    .where('status', '=', 'checking')
    .execute();
}

export type RunResult = { created: number; merged: number; skipped: number; failed: number } & Tally;

/**
 * The run: rows in batches of BATCH_ROWS, each batch in one transaction with the checkpoint (the last
 * row done) and the counts, so a crash or kill loses at most the batch in flight and a retry resumes
 * after the checkpoint without writing any row twice. A row that fails rolls back alone (savepoint).
 */
export async function runImport(ctx: AppContext, importId: string, job?: Job): Promise<void> {
  const c = await contextOf(ctx, importId, 'running');
  if (!c) return;
  const { db } = ctx;
  const { imp, target, actor } = c;
  const policy = (imp.policy ?? 'skip') as DuplicatePolicy;
  const result: RunResult = {
    created: 0,
    merged: 0,
    skipped: 0,
    failed: 0,
    ...(JSON.parse(imp.result) as Partial<RunResult>),
  };
  let doneRow = imp.doneRow;
  let processed = imp.processedRows;
  // Planner statistics are refreshed whenever the rows written double (1,000, 2,000, 4,000 …): a few
  // cheap ANALYZEs per run, and no lookup is planned for a table a tenth of its size.
  let statisticsAt = 1000;
  try {
    for await (const batch of batches(ctx, imp, doneRow, () => undefined)) {
      const first = batch[0]!.rowNo;
      const last = batch.at(-1)!.rowNo;
      // Rows the dry run found wrong or repeated in the file are not written (they are in the report);
      // rows it found similar to existing customers only when the user chose to import those too.
      const found = await db
        .selectFrom('importIssues')
        .select(['rowNo', 'kind', 'params'])
        .where('orgId', '=', imp.orgId)
        .where('importId', '=', imp.id)
        .where('phase', '=', 'check')
        .where('rowNo', '>=', first)
        .where('rowNo', '<=', last)
        .where('kind', 'in', ['error', 'file_duplicate', 'similar'])
        .execute();
      const refused = new Set(found.filter((f) => f.kind !== 'similar').map((f) => f.rowNo));
      const similar = new Map(
        imp.importSimilar === 1
          ? []
          : found.filter((f) => f.kind === 'similar').map((f) => [f.rowNo, f.params]),
      );
      const now = ctx.clock.now();
      const counts = { ...result };
      const trx = await db.startTransaction().execute();
      try {
        // The checkpoint must be where this worker left it: otherwise another worker took over.
        const claimed = await trx
          .updateTable('imports')
          .set({ updatedAt: now })
          .where('id', '=', imp.id)
          .where('status', '=', 'running')
          .where('doneRow', '=', doneRow)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) {
          await trx.rollback().execute();
          const current = await loadImport(db, imp.orgId, imp.id);
          if (current?.status === 'cancelling') await finish(ctx, imp, 'cancelled');
          return;
        }
        if (job?.lockedBy) {
          const lease = await trx
            .updateTable('jobs')
            .set({ lockedUntil: now + LEASE_MS })
            .where('id', '=', job.id)
            .where('lockedBy', '=', job.lockedBy)
            .executeTakeFirst();
          if (Number(lease.numUpdatedRows) !== 1) throw new Error('import job lease lost');
        }
        const issues: IssueRow[] = [];
        for (const row of batch) {
          if (refused.has(row.rowNo)) {
            counts.failed++;
            continue;
          }
          const similarParams = similar.get(row.rowNo);
          if (similarParams) {
            counts.skipped++;
            const params = JSON.parse(similarParams) as Record<string, unknown>;
            issues.push(issueRow(c, 'run', row, 'skipped', { code: 'import_similar_skipped', params }));
            continue;
          }
          const { record, issues: rowIssues } = target.parse(valuesOf(row.cells, c.mapping), c.prepared);
          if (!record) {
            counts.failed++;
            for (const issue of rowIssues) issues.push(issueRow(c, 'run', row, 'error', issue));
            continue;
          }
          const sp = await trx.savepoint('import_row').execute();
          try {
            const out = await target.write(sp, actor, record, {
              orgId: imp.orgId,
              actorId: actor.userId,
              at: now,
              importId: imp.id,
              policy,
              // The dry run decided what is similar: a name like one imported earlier in this run is not held back.
              importSimilar: true,
              stamp: JSON.parse(imp.options) as WriteMeta['stamp'],
            });
            await sp.releaseSavepoint('import_row').execute();
            for (const [k, n] of Object.entries(out.tally ?? {}) as [keyof Tally, number][])
              counts[k] = (counts[k] ?? 0) + n;
            if (out.outcome === 'skipped') {
              counts.skipped++;
              issues.push(issueRow(c, 'run', row, 'skipped', out.issue));
            } else counts[out.outcome]++;
          } catch (err) {
            await sp.rollbackToSavepoint('import_row').execute();
            if (!(err instanceof AppError)) throw err;
            counts.failed++;
            for (const issue of issuesOfError(err)) issues.push(issueRow(c, 'run', row, 'error', issue));
          }
        }
        await insertIssues(trx, issues);
        await trx
          .updateTable('imports')
          .set({
            doneRow: last,
            processedRows: processed + batch.length,
            result: JSON.stringify(counts),
            updatedAt: now,
          })
          .where('id', '=', imp.id)
          .execute();
        await trx.commit().execute();
      } catch (err) {
        await trx.rollback().execute();
        throw err;
      }
      Object.assign(result, counts);
      doneRow = last;
      processed += batch.length;
      if (counts.created + counts.merged >= statisticsAt) {
        await refreshStatistics(db, target.tables);
        statisticsAt *= 2;
      }
    }
  } catch (err) {
    if (err instanceof AppError) return finish(ctx, imp, 'failed', err.code);
    // Out of retries: say so on the import instead of leaving it "running".
    if (job && job.attempts >= job.maxAttempts) await finish(ctx, imp, 'failed', 'internal_error');
    throw err;
  }
  await finish(ctx, imp, 'done');
}

/** A refusal from the service layer as row issues: its field errors, or its own code. */
function issuesOfError(err: AppError): RowIssue[] {
  if (err.extra.errors?.length)
    return err.extra.errors.map((e) => ({
      field: e.path.replace(/^body\./, ''),
      code: e.code as RowIssue['code'],
      params: e.params,
    }));
  const matches = (
    err.extra.body as
      | {
          matches?: {
            name?: string;
            owner?: { name: string } | null;
            inPool: boolean;
            customer?: { name: string };
          }[];
        }
      | undefined
  )?.matches;
  return [
    {
      code: err.code,
      params: {
        ...err.params,
        ...(matches
          ? {
              matches: matches.map((m) => ({
                name: m.name ?? null,
                customer: m.customer?.name ?? null,
                owner: m.owner?.name ?? null,
                inPool: m.inPool,
              })),
            }
          : {}),
      },
    },
  ];
}
