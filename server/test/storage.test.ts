import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
// @ts-expect-error s3rver ships no type declarations
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import {
  InvalidStorageKeyError,
  LocalStorage,
  S3Storage,
  type Storage,
  StorageLimitError,
  StorageNotFoundError,
  storageFromConfig,
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
type Made = {
  storage: Storage;
  /** How many files (kept objects and leftover temp files) the storage holds, for "nothing kept" checks. */
  count(): number;
  done(): Promise<void>;
};

function storageContract(name: string, make: () => Promise<Made>) {
  describe(`${name} storage`, () => {
    let storage: Storage;
    let made: Made;
    const storedCount = async (_s: Storage) => made.count();
    beforeAll(async () => {
      made = await make();
      storage = made.storage;
    });
    afterAll(async () => made?.done());

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

function countFiles(dir: string, suffix = ''): number {
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile() && entry.name.endsWith(suffix)) n++;
  return n;
}

storageContract('local', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-storage-'));
  return {
    storage: new LocalStorage(path.join(dir, 'files')),
    count: () => countFiles(dir),
    done: async () => fs.rmSync(dir, { recursive: true }),
  };
});

// The same contract against an S3 server (s3rver) on a random local port, path-style as MinIO is used.
storageContract('S3', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-s3rver-'));
  const spool = path.join(dir, 'spool');
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(dir, 'bucket-data'),
    configureBuckets: [{ name: 'cadence-files' }],
  });
  const { port } = (await server.run()) as { port: number };
  const config = loadConfig({
    NODE_ENV: 'test',
    CADENCE_STORAGE: 's3',
    CADENCE_S3_ENDPOINT: `http://127.0.0.1:${port}`,
    CADENCE_S3_BUCKET: 'cadence-files',
    CADENCE_S3_REGION: 'cn-north-1',
    CADENCE_S3_ACCESS_KEY_ID: 'S3RVER',
    CADENCE_S3_SECRET_ACCESS_KEY: 'S3RVER',
    CADENCE_S3_FORCE_PATH_STYLE: 'true',
  });
  if (config.storage.kind !== 's3') throw new Error('expected s3 storage config');
  return {
    storage: new S3Storage(config.storage, spool),
    count: () => countFiles(path.join(dir, 'bucket-data'), '._S3rver_object') + countFiles(spool),
    done: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('storage configuration', () => {
  it('uses the local disk under the data dir by default', () => {
    const config = loadConfig({ NODE_ENV: 'test', CADENCE_DATA_DIR: '/srv/cadence' });
    const storage = storageFromConfig(config);
    expect(storage).toBeInstanceOf(LocalStorage);
    expect((storage as LocalStorage).root).toBe(path.resolve('/srv/cadence/files'));
  });

  it('stops the start when S3 lacks its bucket or keys, naming what is missing', () => {
    expect(() => loadConfig({ CADENCE_STORAGE: 's3', CADENCE_S3_BUCKET: 'crm' })).toThrow(
      'CADENCE_STORAGE=s3 needs CADENCE_S3_ACCESS_KEY_ID, CADENCE_S3_SECRET_ACCESS_KEY',
    );
    expect(() =>
      loadConfig({ CADENCE_STORAGE: 's3', CADENCE_S3_ACCESS_KEY_ID: 'k', CADENCE_S3_SECRET_ACCESS_KEY: 's' }),
    ).toThrow('CADENCE_STORAGE=s3 needs CADENCE_S3_BUCKET');
    expect(() =>
      loadConfig({
        CADENCE_STORAGE: 's3',
        CADENCE_S3_BUCKET: 'Bad_Bucket',
        CADENCE_S3_ACCESS_KEY_ID: 'k',
        CADENCE_S3_SECRET_ACCESS_KEY: 's',
      }),
    ).toThrow('not a valid bucket name');
    expect(() => loadConfig({ CADENCE_STORAGE: 'ftp' })).toThrow();
  });

  it("builds S3 storage from the environment, defaulting to the region's AWS endpoint", () => {
    const config = loadConfig({
      CADENCE_STORAGE: 's3',
      CADENCE_S3_BUCKET: 'crm-files',
      CADENCE_S3_REGION: 'ap-shanghai',
      CADENCE_S3_ACCESS_KEY_ID: 'AKID',
      CADENCE_S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(config.storage).toMatchObject({
      kind: 's3',
      endpoint: 'https://s3.ap-shanghai.amazonaws.com',
      bucket: 'crm-files',
      forcePathStyle: false,
    });
    expect(storageFromConfig(config)).toBeInstanceOf(S3Storage);
  });
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
