import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidStorageKeyError,
  LocalStorage,
  type Storage,
  StorageLimitError,
  StorageNotFoundError,
} from '../src/platform/storage/index.js';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

function chunks(...parts: (string | Buffer)[]): Readable {
  return Readable.from(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
}

/** The same behaviour from every Storage implementation. */
export function storageContract(
  name: string,
  make: () => Promise<{ storage: Storage; done(): Promise<void> }>,
) {
  describe(`${name} storage`, () => {
    let storage: Storage;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ storage, done } = await make());
    });
    afterAll(async () => done?.());

    it('stores a stream under a generated key and gives back its size and SHA-256', async () => {
      const put = await storage.put(chunks('合同', ' v1'), { namespace: 'attachments' });
      expect(put.key).toMatch(/^attachments\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}$/);
      expect(put.size).toBe(Buffer.byteLength('合同 v1'));
      expect(put.sha256).toBe(createHash('sha256').update('合同 v1').digest('hex'));
      expect((await readAll(await storage.get(put.key))).toString()).toBe('合同 v1');
      expect(await storage.exists(put.key)).toBe(true);
    });

    it('computes the SHA-256 of exactly the bytes stored', async () => {
      const bytes = Buffer.alloc(300_000, 7);
      const put = await storage.put(chunks(bytes.subarray(0, 100_000), bytes.subarray(100_000)));
      expect(put.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(put.size).toBe(300_000);
      expect((await readAll(await storage.get(put.key))).equals(bytes)).toBe(true);
    });

    it('gives two uploads of the same bytes two keys', async () => {
      const a = await storage.put(chunks('same'));
      const b = await storage.put(chunks('same'));
      expect(a.key).not.toBe(b.key);
      expect(a.sha256).toBe(b.sha256);
    });

    it('refuses a stream longer than maxBytes and keeps nothing of it', async () => {
      const before = await storedCount(storage);
      await expect(storage.put(chunks('12345', '67890', 'x'), { maxBytes: 10 })).rejects.toBeInstanceOf(
        StorageLimitError,
      );
      expect(await storedCount(storage)).toBe(before);
      const exact = await storage.put(chunks('12345', '67890'), { maxBytes: 10 });
      expect(exact.size).toBe(10);
    });

    it('keeps nothing of a stream that fails half-way', async () => {
      const before = await storedCount(storage);
      async function* broken() {
        yield Buffer.from('half');
        throw new Error('client went away');
      }
      await expect(storage.put(broken())).rejects.toThrow('client went away');
      expect(await storedCount(storage)).toBe(before);
    });

    it('deletes a file; deleting it again or reading it then is "not found", not a crash', async () => {
      const put = await storage.put(chunks('bye'));
      await storage.delete(put.key);
      expect(await storage.exists(put.key)).toBe(false);
      await storage.delete(put.key);
      await expect(storage.get(put.key)).rejects.toBeInstanceOf(StorageNotFoundError);
    });

    it('refuses keys it did not make (no path traversal, no user names)', async () => {
      for (const key of [
        '../etc/passwd',
        'attachments/../../secret',
        '/etc/passwd',
        'attachments/ab/cd/合同.pdf',
        'attachments/ab/cd/0123456789abcdef0123456789abcdef/..',
        'ATTACHMENTS/ab/cd/0123456789abcdef0123456789abcdef',
        '',
      ]) {
        await expect(storage.get(key), key).rejects.toBeInstanceOf(InvalidStorageKeyError);
        await expect(storage.delete(key), key).rejects.toBeInstanceOf(InvalidStorageKeyError);
      }
      await expect(storage.put(chunks('x'), { namespace: '../up' })).rejects.toThrow();
    });
  });
}

/** How many files the storage holds, for "nothing kept" checks (each implementation can list its own). */
async function storedCount(storage: Storage): Promise<number> {
  const count = (storage as unknown as { count?: () => Promise<number> }).count;
  if (count) return count.call(storage);
  if (storage instanceof LocalStorage) return countFiles(storage.root);
  throw new Error(`no way to count files in ${storage.kind} storage`);
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) n++;
  return n;
}

storageContract('local', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-storage-'));
  return {
    storage: new LocalStorage(path.join(dir, 'files')),
    done: async () => fs.rmSync(dir, { recursive: true }),
  };
});

describe('local storage on disk', () => {
  it('writes files under sharded directories inside its root and leaves no temp files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-storage-'));
    try {
      const storage = new LocalStorage(path.join(dir, 'files'));
      const put = await storage.put(Readable.from([Buffer.from('%PDF-1.4')]), { namespace: 'imports' });
      const [, a, b, name] = put.key.split('/');
      expect(fs.readFileSync(path.join(dir, 'files', 'imports', a!, b!, name!)).toString()).toBe('%PDF-1.4');
      expect(fs.readdirSync(path.join(dir, 'files', '.tmp'))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});
