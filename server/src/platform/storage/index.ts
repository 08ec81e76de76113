import path from 'node:path';
import type { Config } from '../../config.js';
import { LocalStorage } from './local.js';
import { S3Storage } from './s3.js';
import type { Storage } from './storage.js';

export { LocalStorage } from './local.js';
export { S3Storage } from './s3.js';
export * from './storage.js';

/**
 * The configured file storage: the local disk under the data dir (`<dataDir>/files`) by default, an
 * S3-compatible bucket with `CADENCE_STORAGE=s3` (uploads are spooled under `<dataDir>/files/.tmp` first).
 */
export function storageFromConfig(config: Config): Storage {
  const root = path.join(config.dataDir, 'files');
  if (config.storage.kind === 's3') return new S3Storage(config.storage, path.join(root, '.tmp'));
  return new LocalStorage(root);
}
