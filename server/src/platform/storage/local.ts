import { createHash, randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertStorageKey,
  newStorageKey,
  type PutOptions,
  type Storage,
  StorageLimitError,
  StorageNotFoundError,
  type StoredObject,
} from './storage.js';

/**
 * Files on the local disk under `root` (the data dir's `files/`). A file is written to `root/.tmp/`
 * first and renamed into place only when complete, so a reader never sees half a file and a failed
 * upload leaves nothing behind.
 */
export class LocalStorage implements Storage {
  readonly kind = 'local' as const;
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async put(body: AsyncIterable<Uint8Array> | Readable, options: PutOptions = {}): Promise<StoredObject> {
    const key = newStorageKey(options.namespace);
    const tmpDir = path.join(this.root, '.tmp');
    await fsp.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomBytes(16).toString('hex'));
    try {
      const { size, sha256 } = await writeCounted(body, tmp, options.maxBytes);
      const file = this.pathOf(key);
      await fsp.mkdir(path.dirname(file), { recursive: true });
      await fsp.rename(tmp, file);
      return { key, size, sha256 };
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    try {
      const handle = await fsp.open(file, 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StorageNotFoundError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fsp.stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  /** The file's path; the key's shape is checked first, so it always lies under `root`. */
  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.root, ...key.split('/'));
  }
}

/**
 * Streams `body` into `file`, counting bytes and hashing as it goes; throws `StorageLimitError` as soon
 * as the count passes `maxBytes` (the caller removes the partial file).
 */
export async function writeCounted(
  body: AsyncIterable<Uint8Array> | Readable,
  file: string,
  maxBytes?: number,
): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  async function* counted(source: AsyncIterable<Uint8Array>) {
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (maxBytes !== undefined && size > maxBytes) throw new StorageLimitError(maxBytes);
      hash.update(bytes);
      yield bytes;
    }
  }
  // Opened before streaming, so the file exists from here on and the caller's clean-up always finds
  // it (a lazily opened stream could create it after a failed upload was already cleaned up).
  const handle = await fsp.open(file, 'wx', 0o600);
  try {
    await pipeline(body, counted, handle.createWriteStream());
  } finally {
    await handle.close().catch(() => {});
  }
  return { size, sha256: hash.digest('hex') };
}
