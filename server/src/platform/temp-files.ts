import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { newId } from './ids.js';

// Temporary files on local disk: Cadence's own (uploads spooled for random access) and the worksheet
// copies exceljs's streaming reader writes through the `tmp` package (tmp-<pid>-<random> in the system
// temp directory), which it removes only when a workbook is read to its very end — never when a read
// stops after the first worksheet or the sample rows. The hourly housekeeping sweeps both.

const ownDir = () => path.join(os.tmpdir(), 'cadence-imports');

/** A fresh temporary file name of our own, and how to remove it. */
export async function tempFile(): Promise<{ file: string; remove: () => Promise<void> }> {
  const dir = ownDir();
  await fsp.mkdir(dir, { recursive: true });
  const file = path.join(dir, newId());
  return { file, remove: () => fsp.rm(file, { force: true }) };
}

/**
 * Removes temporary files older than `maxAgeMs` (by their modification time, on the real clock): ours
 * that a crash left behind, and this process's exceljs worksheet copies. A file still being read stays
 * readable (the reader holds it open). Returns how many were removed.
 */
export async function sweepTempFiles(maxAgeMs: number, now = Date.now()): Promise<number> {
  const mine = new RegExp(`^tmp-${process.pid}-`);
  const candidates = [
    ...(await list(os.tmpdir())).filter((f) => mine.test(path.basename(f))),
    ...(await list(ownDir())),
  ];
  let removed = 0;
  for (const file of candidates) {
    const st = await fsp.stat(file).catch(() => null);
    if (!st?.isFile() || now - st.mtimeMs < maxAgeMs) continue;
    await fsp.rm(file, { force: true });
    removed++;
  }
  return removed;
}

async function list(dir: string): Promise<string[]> {
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  return names.map((n) => path.join(dir, n));
}
