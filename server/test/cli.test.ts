import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-cli-'));
const env = {
  ...process.env,
  DATABASE_URL: `file:${path.join(dir, 'c.sqlite')}`,
  CADENCE_ADMIN_PASSWORD: 'Admin-pass-2026',
  CADENCE_SCRYPT_LOG2N: '10',
};
const cadence = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], { cwd: root, env });

describe('cadence CLI on SQLite', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrates, seeds the demo org once, backs up and restores', async () => {
    expect((await cadence('migrate')).stdout).toContain('0001_platform');
    expect((await cadence('seed-demo')).stdout).toContain('Demo data added');
    expect((await cadence('seed-demo')).stdout).toContain('already present');

    const backup = path.join(dir, 'backup.sqlite');
    await cadence('backup', backup);
    const copy = new SQLite(backup, { readonly: true });
    const users = copy.prepare('select count(*) as n from users').get() as { n: number };
    copy.close();
    expect(users.n).toBe(21); // the admin and the 20 demo users

    fs.rmSync(path.join(dir, 'c.sqlite'));
    await cadence('restore', backup);
    const restored = new SQLite(path.join(dir, 'c.sqlite'), { readonly: true });
    expect((restored.prepare('select count(*) as n from users').get() as { n: number }).n).toBe(21);
    restored.close();
  }, 60_000);

  it('refuses an unknown command with the usage text', async () => {
    await expect(cadence('frobnicate')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Usage: cadence'),
    });
  });
});
