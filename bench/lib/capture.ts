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
 */
export class QueryCapture implements KyselyPlugin {
  recording = false;
  readonly queries: CapturedQuery[] = [];
  private db: Kysely<unknown> | null = null;

  attach<T>(db: Kysely<T>): Kysely<T> {
    this.db = db as Kysely<unknown>;
    return db.withPlugin(this);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.recording && this.db) {
      const compiled = this.db.getExecutor().compileQuery(args.node, args.queryId);
      this.queries.push({ sql: compiled.sql, parameters: compiled.parameters });
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
