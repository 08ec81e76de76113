import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
export const admin = { email: 'admin@e2e.cadence', password: 'Admin-pass-2026' };

export type RunningServer = { baseUrl: string; stop: () => Promise<void> };

/** The browser tests drive the built web app; they never build it themselves. */
export function assertWebBuilt(): void {
  if (!fs.existsSync(path.join(root, 'web/dist/index.html'))) {
    throw new Error(
      'web/dist is missing: run `npm run build` (or `npm run build -w web`) before `npm run test:e2e`.',
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The server's process on the data in `dir` (an SQLite file and its uploaded files); ready when /readyz
 * answers. `stop` ends it (SIGTERM, so SQLite checkpoints) and, unless told to keep it, removes `dir`.
 */
async function launch(dir: string): Promise<RunningServer & { halt: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `file:${path.join(dir, 'e2e.sqlite')}`,
      CADENCE_DATA_DIR: dir, // uploaded files stay in the test's temp dir
      CADENCE_ADMIN_EMAIL: admin.email,
      CADENCE_ADMIN_PASSWORD: admin.password,
      CADENCE_DEMO: 'on',
      // Password hashing at the unit tests' cost: sign-ins are not what the browser tests measure.
      CADENCE_SCRYPT_LOG2N: '10',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const baseUrl = `http://127.0.0.1:${port}`;
  const halt = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  const stop = async () => {
    await halt();
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${baseUrl}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { baseUrl, stop, halt };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`The server did not become ready on ${baseUrl}. Its output:\n${output}`);
}

/**
 * The demo org, seeded once per `npm run test:e2e` (the run is the test files' common parent process):
 * every file starts from a copy of it instead of seeding again — seeding is most of a server's start.
 */
async function demoTemplate(): Promise<string> {
  const template = path.join(os.tmpdir(), `cadence-e2e-template-${process.ppid}`);
  const ready = path.join(template, 'ready');
  // Test files run side by side: the first to make the folder seeds, the others wait for `ready`.
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (fs.existsSync(ready)) return template;
    try {
      fs.mkdirSync(template);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (Date.now() > deadline) throw new Error(`the demo template in ${template} was never finished`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  // Templates of earlier runs go once they are old (another run may be using its own right now).
  for (const name of fs.readdirSync(os.tmpdir())) {
    const old = path.join(os.tmpdir(), name);
    if (name.startsWith('cadence-e2e-template-') && Date.now() - fs.statSync(old).mtimeMs > 3 * 3_600_000)
      fs.rmSync(old, { recursive: true, force: true });
  }
  const seeding = await launch(template);
  await seeding.halt();
  fs.writeFileSync(ready, '');
  return template;
}

/** Starts the real server on a fresh copy of the demo org's SQLite file, and waits until /readyz answers. */
export async function startServer(): Promise<RunningServer> {
  const template = await demoTemplate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-e2e-'));
  fs.cpSync(template, dir, { recursive: true });
  fs.rmSync(path.join(dir, 'ready'), { force: true });
  const { baseUrl, stop } = await launch(dir);
  return { baseUrl, stop };
}
