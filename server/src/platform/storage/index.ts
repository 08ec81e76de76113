import path from 'node:path';
import type { Config } from '../../config.js';
import { LocalStorage } from './local.js';
import type { Storage } from './storage.js';

export { LocalStorage } from './local.js';
export * from './storage.js';

/** The configured file storage: the local disk under the data dir (`<dataDir>/files`) by default. */
export function storageFromConfig(config: Config): Storage {
  return new LocalStorage(path.join(config.dataDir, 'files'));
}
