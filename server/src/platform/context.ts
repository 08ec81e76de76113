import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/index.js';
import type { DB } from '../db/schema.js';
import type { Clock } from './clock.js';

/** What every module receives: the database, the clock and the configuration. */
export type AppContext = {
  db: Kysely<DB>;
  database: Database;
  clock: Clock;
  config: Config;
};
