import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../server/src/db/dialect.js';
import type { DB } from '../../server/src/db/schema.js';

/** What every generator receives. Later modules add their generators to ./index.ts. */
export type GenContext = {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The better-sqlite3 handle when the database is SQLite (BatchWriter's fast path). */
  sqlite?: SQLite.Database;
  orgId: string;
  rootDepartmentId: string;
  now: number;
  /** Deterministic random numbers in [0, 1) (seeded by --seed). */
  random: () => number;
  /** Rows per insert statement and per transaction. */
  batchSize: number;
  /** Filled by the org generator; later generators pick owners and departments from them. */
  departmentIds: string[];
  userIds: string[];
  log: (line: string) => void;
  /** What generators report about their run (rows, seconds, peak memory), by generator. */
  stats: Record<string, { rows: number; seconds: number; peakRssMiB?: number }>;
};

export type Generator = {
  name: string;
  /** Command-line counts this generator reads (`--users 2000`), with their defaults. */
  options: Record<string, { default: number; help: string }>;
  run(ctx: GenContext, counts: Record<string, number>): Promise<void>;
};

type TableName = keyof DB & string;

/**
 * Buffers rows per table and writes them in multi-row INSERTs, one transaction per `batchSize` rows,
 * in the order the tables were first added (so parents go before children). Memory stays constant
 * however many rows pass through.
 */
export class BatchWriter {
  private buffers = new Map<TableName, Record<string, unknown>[]>();
  private buffered = 0;
  written = 0;
  private readonly started = Date.now();
  private lastReport = Date.now();

  constructor(
    private ctx: GenContext,
    private label: string,
    private total?: number,
    /** Rows per transaction when not `ctx.batchSize`. */
    private batchSize = ctx.batchSize,
  ) {}

  async add<T extends TableName>(table: T, row: Record<string, unknown>): Promise<void> {
    let buf = this.buffers.get(table);
    if (!buf) {
      buf = [];
      this.buffers.set(table, buf);
    }
    buf.push(row);
    this.buffered++;
    if (this.buffered >= this.batchSize) await this.flush();
  }

  /** Counts one logical item (e.g. a user with its roles) for the progress line. */
  tick(n = 1): void {
    this.written += n;
    if (Date.now() - this.lastReport > 2000) {
      this.lastReport = Date.now();
      const of = this.total ? `/${this.total}` : '';
      this.ctx.log(`  ${this.label}: ${this.written}${of} (${this.rate()}/s)`);
    }
  }

  async flush(): Promise<void> {
    if (!this.buffered) return;
    // Tables keep the order they were first added in across flushes (parents before children).
    const batches = [...this.buffers.entries()].filter(([, rows]) => rows.length);
    for (const table of this.buffers.keys()) this.buffers.set(table, []);
    this.buffered = 0;
    const sqlite = this.ctx.sqlite;
    if (sqlite) {
      // better-sqlite3 is synchronous: one prepared statement per table, run per row, in one
      // transaction is about twice as fast as multi-row INSERTs built by Kysely.
      const statements = batches.map(([table, rows]) => ({
        rows,
        ...this.prepared(sqlite, table, rows[0]!),
      }));
      sqlite.transaction(() => {
        for (const { rows, stmt, columns } of statements)
          for (const row of rows) stmt.run(columns.map((c) => toSqlite(row[c])));
      })();
      return;
    }
    // PostgreSQL allows 65,535 bound parameters per statement: split wide batches.
    await this.ctx.db.transaction().execute(async (tx) => {
      for (const [table, rows] of batches) {
        const perRow = Object.keys(rows[0]!).length;
        const chunk = Math.max(1, Math.floor(60_000 / perRow));
        for (let i = 0; i < rows.length; i += chunk) {
          await tx
            .insertInto(table)
            .values(rows.slice(i, i + chunk) as never)
            .execute();
        }
      }
    });
  }

  private statements = new Map<string, { stmt: SQLite.Statement; columns: string[] }>();

  /** The single-row INSERT of a table, compiled by Kysely (so column names are mapped) and prepared once. */
  private prepared(sqlite: SQLite.Database, table: TableName, sample: Record<string, unknown>) {
    const columns = Object.keys(sample);
    const key = `${table}(${columns.join(',')})`;
    let p = this.statements.get(key);
    if (!p) {
      const compiled = this.ctx.db
        .insertInto(table)
        .values(sample as never)
        .compile();
      p = { stmt: sqlite.prepare(compiled.sql), columns };
      this.statements.set(key, p);
    }
    return p;
  }

  /** Seconds since the writer was created. */
  seconds(): number {
    return (Date.now() - this.started) / 1000;
  }

  rate(): number {
    return Math.round((this.written * 1000) / Math.max(1, Date.now() - this.started));
  }

  async done(): Promise<void> {
    await this.flush();
    this.ctx.log(
      `  ${this.label}: ${this.written} in ${((Date.now() - this.started) / 1000).toFixed(1)} s (${this.rate()}/s)`,
    );
  }
}

/** better-sqlite3 binds no booleans or undefined; the app stores booleans as 0/1. */
function toSqlite(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/** mulberry32: a small, fast, seeded PRNG, so the same --seed gives the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
