import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/index.js';
import { systemClock } from '../platform/clock.js';
import { storageFromConfig } from '../platform/storage/index.js';

/** The OpenAPI document as the running server would serve it (built on a throw-away database). */
export async function openApiDocument(): Promise<unknown> {
  const database = openDatabase(':memory:');
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: ':memory:' });
  const app = await buildApp({
    db: database.db,
    database,
    clock: systemClock,
    config,
    storage: storageFromConfig(config),
  });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  await database.close();
  return doc;
}
