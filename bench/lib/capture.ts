import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

export type CapturedQuery = { sql: string; parameters: readonly unknown[] };

/**
 * Records the SQL that goes through a Kysely instance while `recording` is on, compiled exactly as the
 * driver receives it (after the CamelCasePlugin). Used to replay a request's queries on the bare driver.
 * A query is recorded when its result arrives: Kysely also hands a plugin every subquery built from the
 * same instance (e.g. the rows the capped count counts), which on its own never runs.
 */
export class QueryCapture implements KyselyPlugin {
  recording = false;
  readonly queries: CapturedQuery[] = [];
  private db: Kysely<unknown> | null = null;
  private readonly pending = new Map<string, CapturedQuery>();

  /** Forgets what was recorded (before the next request). */
  reset(): void {
    this.queries.length = 0;
    this.pending.clear();
  }

  attach<T>(db: Kysely<T>): Kysely<T> {
    this.db = db as Kysely<unknown>;
    return db.withPlugin(this);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.recording && this.db) {
      const compiled = this.db.getExecutor().compileQuery(args.node, args.queryId);
      this.pending.set(args.queryId.queryId, { sql: compiled.sql, parameters: compiled.parameters });
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const executed = this.pending.get(args.queryId.queryId);
    if (executed) this.queries.push(executed);
    this.pending.delete(args.queryId.queryId);
    return args.result;
  }
}
