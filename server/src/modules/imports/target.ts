import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import type { AppContext } from '../../platform/context.js';
import type { Locale, MessageKey } from '../../platform/i18n.js';
import type { CellValue } from './readers.js';

// An import target: what one object (customers now; users, leads, opportunities later) brings to the
// one import engine — its field catalogue with the header words that find each field, and how a row
// becomes a record, is checked against the database and is written.

export type ImportField = {
  /** `name`, `contact.mobile`, `custom.<key>` … */
  key: string;
  label: Record<Locale, string>;
  group: 'record' | 'contact' | 'custom';
  required?: boolean;
  /** Header words (Chinese and English) that map a column to this field automatically. */
  synonyms: string[];
  /**
   * A file may map only standalone fields, and then needs no required one (a file with just 部门
   * builds the department tree).
   */
  standalone?: boolean;
};

/** What a job's lookups may depend on: its clock and the options chosen with the mapping. */
export type PrepareContext = { now: number; options: Record<string, unknown> };

/** A field of the record itself, found by its header words (the last flag: it must be mapped). */
export const recordField = (
  key: string,
  zh: string,
  en: string,
  synonyms: string[],
  required = false,
): ImportField => ({ key, label: { 'zh-CN': zh, en }, group: 'record', required, synonyms });

/** Something wrong with (or to know about) one row, localized when shown. */
export type RowIssue = { field?: string; code: MessageKey; params?: Record<string, unknown> };

export type DuplicatePolicy = 'skip' | 'merge' | 'create';

export type Existing = {
  exact: boolean;
  similar: boolean;
  params: Record<string, unknown>;
  /** How an exact match reads (default: the customer wording). */
  code?: MessageKey;
};

/** Counted beside the rows in the run's result: departments created, users who need an invitation. */
export type Tally = { departments?: number; invitations?: number };

export type WriteOutcome =
  | { outcome: 'created' | 'merged'; tally?: Tally }
  | { outcome: 'skipped'; issue: RowIssue; tally?: Tally };

export type WriteMeta = {
  orgId: string;
  actorId: string;
  at: number;
  importId: string;
  policy: DuplicatePolicy;
  importSimilar: boolean;
  /** What the importer chose to stamp on every record (source, campaign). */
  stamp: { source?: string; campaign?: string };
};

export interface ImportTarget<R = unknown, P = unknown> {
  /** The access object: importing needs its `import` action. */
  object: string;
  /** The tables a run grows (their planner statistics are refreshed as they grow). */
  tables: string[];
  label: Record<Locale, string>;
  fields(ctx: AppContext, actor: Actor): Promise<ImportField[]>;
  /** Adjusts the automatic mapping where a header means different fields in different files. */
  refineMapping?(mapping: Record<number, string>, headers: string[], fields: ImportField[]): void;
  /**
   * The target's own choices, made with the column mapping because the dry run depends on them (deals:
   * the customer that takes rows without one). Validated here; stored on the import.
   */
  options?: z.ZodType<Record<string, unknown>>;
  /** What the options name must exist for the actor (a pipeline of the org); a refusal is thrown. */
  assertOptions?(db: Kysely<DB>, actor: Actor, options: Record<string, unknown>): Promise<void>;
  /** Lookups a job needs for every row (e.g. users by name), loaded once per job. */
  prepare(db: Kysely<DB>, actor: Actor, fields: ImportField[], job: PrepareContext): Promise<P>;
  /** A row's mapped values → the record, or the row's problems. */
  parse(values: Map<string, CellValue>, prepared: P): { record: R | null; issues: RowIssue[] };
  /** The dry run's check of what a row names in the database (a deal's customer), beyond its cells. */
  resolve?(db: Kysely<DB>, actor: Actor, record: R, prepared: P): Promise<RowIssue[]>;
  /** Keys that make two rows of one file the same record (normalized by the one normalizer). */
  keys(record: R): { kind: string; key: string }[];
  /** What the database already holds for this record, as the actor may see it. */
  existing(db: Kysely<DB>, actor: Actor, record: R): Promise<Existing | null>;
  /** Writes one record in the caller's transaction; a refusal is thrown as an AppError. */
  write(tx: Kysely<DB>, actor: Actor, record: R, meta: WriteMeta): Promise<WriteOutcome>;
}

const targets = new Map<string, ImportTarget>();

export function registerImportTarget<R, P>(target: ImportTarget<R, P>): void {
  targets.set(target.object, target as unknown as ImportTarget);
}

export const importTarget = (object: string) => targets.get(object);
export const importObjects = () => [...targets.keys()];
