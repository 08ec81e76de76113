import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/src/config.js';
import { type Database, openDatabase } from '../../server/src/db/index.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { systemClock } from '../../server/src/platform/clock.js';
import type { AppContext } from '../../server/src/platform/context.js';
import { storageFromConfig } from '../../server/src/platform/storage/index.js';

/**
 * What the server runs on, for a bench section: the database at `url` migrated to the latest schema,
 * a production config (no demo org; `env` adds to it) with uploads in a temporary folder, the real
 * clock. `close` closes the database and removes the folder.
 */
export async function benchContext(
  url: string,
  env: Record<string, string> = {},
): Promise<{ database: Database; ctx: AppContext; close: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-bench-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: url,
    CADENCE_DATA_DIR: dataDir,
    CADENCE_DEMO: 'off',
    ...env,
  });
  const database = openDatabase(url);
  await migrateToLatest(database.db);
  const ctx: AppContext = {
    db: database.db,
    database,
    clock: systemClock,
    config,
    storage: storageFromConfig(config),
  };
  return {
    database,
    ctx,
    close: async () => {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
