import type { LogEvent } from 'kysely';
import { type Database, openDatabase } from '../../server/src/db/index.js';

const control = /^\s*(begin|commit|rollback|start transaction|savepoint|release)\b/i;

export type CapturedQuery = { sql: string; parameters: readonly unknown[] };

/**
 * Records the SQL a request sends, exactly as the driver receives it (after the CamelCasePlugin), to
 * replay it on the bare driver. It listens to Kysely's query log on its own connection to the
 * database (`open`), so every statement the driver executes is recorded once — including queries
 * built from one another, which share an id a plugin would confuse, and none of the subqueries a
 * plugin is also handed but that never run on their own. Transaction control (begin, commit,
 * savepoints) is left out: a replay brackets the statements itself.
 */
export class QueryCapture {
  recording = false;
  readonly queries: CapturedQuery[] = [];

  /** Forgets what was recorded (before the next request). */
  reset(): void {
    this.queries.length = 0;
  }

  /** A second connection to the database at `url` whose queries are recorded while `recording`. */
  open(url: string): Database {
    return openDatabase(url, {
      poolSize: 2,
      log: (e: LogEvent) => {
        if (this.recording && e.level === 'query' && !control.test(e.query.sql))
          this.queries.push({ sql: e.query.sql, parameters: e.query.parameters });
      },
    });
  }
}
