import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/index.js';
import type { DB } from '../db/schema.js';
import type { Clock } from './clock.js';
import type { Storage } from './storage/storage.js';

/** What every module receives: the database, the clock, the configuration and the file storage. */
export type AppContext = {
  db: Kysely<DB>;
  database: Database;
  clock: Clock;
  config: Config;
  /** Uploaded files (attachments, import files): local disk or an S3-compatible bucket. */
  storage: Storage;
};
