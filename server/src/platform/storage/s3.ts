import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import type { S3Config } from '../../config.js';
import { writeCounted } from './local.js';
import {
  assertStorageKey,
  newStorageKey,
  type PutOptions,
  type Storage,
  StorageNotFoundError,
  type StoredObject,
} from './storage.js';

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, 阿里云 OSS, 腾讯云 COS …), signed with SigV4 by aws4fetch.
 * An upload is spooled to a local temp file first — that is where its size limit and SHA-256 are
 * established — and only a complete, accepted file is sent, with its length and signed hash, so the
 * bucket never holds a partial or oversized object.
 */
export class S3Storage implements Storage {
  readonly kind = 's3' as const;
  private readonly client: AwsClient;
  private readonly base: URL;

  constructor(
    config: S3Config,
    private readonly tmpDir = os.tmpdir(),
  ) {
    this.client = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      region: config.region,
      service: 's3',
      retries: 2,
    });
    const endpoint = new URL(config.endpoint);
    this.base = config.forcePathStyle
      ? new URL(`${endpoint.origin}${endpoint.pathname.replace(/\/+$/, '')}/${config.bucket}/`)
      : new URL(
          `${endpoint.protocol}//${config.bucket}.${endpoint.host}${endpoint.pathname.replace(/\/+$/, '')}/`,
        );
  }

  async put(body: AsyncIterable<Uint8Array> | Readable, options: PutOptions = {}): Promise<StoredObject> {
    const key = newStorageKey(options.namespace);
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const spool = await fsp.mkdtemp(path.join(this.tmpDir, 'cadence-s3-'));
    const file = path.join(spool, 'upload');
    try {
      const { size, sha256 } = await writeCounted(body, file, options.maxBytes);
      const res = await this.client.fetch(this.urlOf(key), {
        method: 'PUT',
        headers: {
          'content-length': String(size),
          'content-type': 'application/octet-stream',
          'x-amz-content-sha256': sha256,
        },
        body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      if (!res.ok) throw await s3Error('PUT', key, res);
      await res.body?.cancel();
      return { key, size, sha256 };
    } finally {
      await fsp.rm(spool, { recursive: true, force: true });
    }
  }

  async get(key: string): Promise<Readable> {
    const res = await this.client.fetch(this.urlOf(key), { method: 'GET' });
    if (res.status === 404) {
      await res.body?.cancel();
      throw new StorageNotFoundError(key);
    }
    if (!res.ok || !res.body) throw await s3Error('GET', key, res);
    return Readable.fromWeb(res.body as WebReadableStream);
  }

  async delete(key: string): Promise<void> {
    const res = await this.client.fetch(this.urlOf(key), { method: 'DELETE' });
    await res.body?.cancel();
    if (!res.ok && res.status !== 404) throw await s3Error('DELETE', key, res);
  }

  async exists(key: string): Promise<boolean> {
    const res = await this.client.fetch(this.urlOf(key), { method: 'HEAD' });
    await res.body?.cancel();
    if (res.status === 404) return false;
    if (!res.ok) throw await s3Error('HEAD', key, res);
    return true;
  }

  private urlOf(key: string): string {
    assertStorageKey(key);
    return new URL(key, this.base).toString();
  }
}

async function s3Error(method: string, key: string, res: Response): Promise<Error> {
  const text = await res.text().catch(() => '');
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  return new Error(`S3 ${method} ${key} failed: ${res.status}${code ? ` ${code}` : ''}`);
}
