import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { bootstrap } from './modules/org/bootstrap.js';
import { systemClock } from './platform/clock.js';
import type { AppContext } from './platform/context.js';
import { storageFromConfig } from './platform/storage/index.js';
import { seedDemo } from './seed/demo.js';
import { demoPassword } from './seed/demo-org.js';
import { buildJobRunner } from './worker.js';

const usage = `Usage: cadence <command>
  start              migrate, create the first org/admin if needed, serve the app and run jobs
  migrate            apply database migrations
  seed-demo          add the demo org data to the first org (a new database only)
  backup <file>      SQLite: online backup to <file>; PostgreSQL: prints pg_dump guidance
  restore <file>     SQLite: replace the database with <file> (stop the app first)`;

async function main(argv: string[]): Promise<number> {
  const [command, arg] = argv;
  const config = loadConfig();
  if (!command || command === 'help' || command === '--help') {
    console.log(usage);
    return command ? 0 : 1;
  }
  if (command === 'restore') return restore(config.databaseUrl, arg);

  const database = openDatabase(config.databaseUrl);
  const ctx: AppContext = {
    db: database.db,
    database,
    clock: systemClock,
    config,
    storage: storageFromConfig(config),
  };
  try {
    switch (command) {
      case 'migrate': {
        const applied = await migrateToLatest(database.db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
        return 0;
      }
      case 'seed-demo': {
        await migrateToLatest(database.db);
        const first = await bootstrap(ctx);
        const seeded = await seedDemo(ctx);
        console.log(
          seeded ? `Demo data added. Demo users sign in with ${demoPassword}` : 'Demo data already present.',
        );
        if (first?.generatedPassword) console.log(`Admin: ${first.adminEmail} / ${first.generatedPassword}`);
        return 0;
      }
      case 'backup': {
        if (!arg) throw new Error('backup needs a target file');
        if (!database.sqlite) {
          console.log(
            'PostgreSQL: back up with   pg_dump --format=custom --file=cadence.dump "$DATABASE_URL"',
          );
          console.log(
            'and restore with          pg_restore --clean --if-exists --dbname="$DATABASE_URL" cadence.dump',
          );
          return 0;
        }
        await database.sqlite.backup(path.resolve(arg));
        console.log(`Backed up ${database.sqliteFile} to ${path.resolve(arg)}`);
        return 0;
      }
      case 'start':
        return await start(ctx);
      default:
        console.error(`Unknown command: ${command}\n${usage}`);
        return 1;
    }
  } finally {
    if (command !== 'start') await database.close();
  }
}

async function start(ctx: AppContext): Promise<number> {
  const { config, database } = ctx;
  await migrateToLatest(database.db);
  const first = await bootstrap(ctx);
  if (first && config.demo) await seedDemo(ctx);
  const app = await buildApp(ctx, { logger: true });
  const jobs = buildJobRunner(ctx);
  if (config.worker) jobs.start();
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  console.log(`\n  Cadence CRM is running at ${url}  (database: ${database.dialect})`);
  if (first) {
    console.log(
      `  Admin login: ${first.adminEmail}  password: ${first.generatedPassword ?? '(CADENCE_ADMIN_PASSWORD)'}`,
    );
    if (first.generatedPassword) console.log('  This password is shown once. Change it after signing in.');
    if (config.demo) console.log(`  Demo users (e.g. li.ming@demo.cadence) sign in with ${demoPassword}`);
  }
  console.log('');
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await jobs.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return -1;
}

function restore(databaseUrl: string, file: string | undefined): number {
  if (!file || !fs.existsSync(file)) {
    console.error('restore needs an existing backup file');
    return 1;
  }
  if (/^postgres/.test(databaseUrl)) {
    console.log('PostgreSQL: restore with pg_restore --clean --if-exists --dbname="$DATABASE_URL" <file>');
    return 0;
  }
  const target = path.resolve(databaseUrl.replace(/^file:/, ''));
  for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(file, target);
  console.log(`Restored ${target} from ${file}. Start the app to use it.`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
