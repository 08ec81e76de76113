import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepTempFiles, tempFile } from './temp-files.js';

const hour = 3_600_000;

describe('temporary files', () => {
  it('sweeps old files of ours and this process’s exceljs copies, and nothing else', async () => {
    const old = (Date.now() - 7 * hour) / 1000;
    const ours = await tempFile();
    fs.writeFileSync(ours.file, 'spooled upload');
    const sheetCopy = path.join(os.tmpdir(), `tmp-${process.pid}-sweeptest`);
    const otherProcess = path.join(os.tmpdir(), `tmp-${process.pid + 1}-sweeptest`);
    const fresh = path.join(os.tmpdir(), `tmp-${process.pid}-sweepfresh`);
    for (const f of [sheetCopy, otherProcess, fresh]) fs.writeFileSync(f, '<worksheet/>');
    for (const f of [ours.file, sheetCopy, otherProcess]) fs.utimesSync(f, old, old);
    try {
      expect(await sweepTempFiles(6 * hour)).toBeGreaterThanOrEqual(2);
      expect(fs.existsSync(ours.file)).toBe(false);
      expect(fs.existsSync(sheetCopy)).toBe(false);
      expect(fs.existsSync(otherProcess)).toBe(true); // another process's, whatever its age
      expect(fs.existsSync(fresh)).toBe(true); // may still be in use
    } finally {
      for (const f of [otherProcess, fresh]) fs.rmSync(f, { force: true });
    }
  });
});
