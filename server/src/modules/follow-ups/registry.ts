import type { Kysely, RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ChangeContext } from '../customers/customers.service.js';

// The objects that are followed up (leads now; customers and deals with D4), and what a follow-up
// does to its record (last and next follow-up time, a lead's SLA and status). One follow-up log for all.

export type FollowUp = { id: string; method: string; content: string; nextAt: number | null };

export type FollowUpTarget = {
  /** Called in the transaction that stores the follow-up. Throws an AppError to refuse it. */
  onFollowUp(tx: Kysely<DB>, recordId: string, followUp: FollowUp, meta: ChangeContext): Promise<void>;
  /**
   * Records of this object whose follow-ups also belong on another record's timeline, as a subquery
   * of ids (a converted lead's follow-ups on its customer), or null.
   */
  recordsUnder?(orgId: string, parentObject: string, parentId: string): RawBuilder<unknown> | null;
  /** The customer whose contacts may take part (null: none may, as for a lead). */
  customerOf?(tx: Kysely<DB>, orgId: string, recordId: string): Promise<string | null>;
};

const targets = new Map<string, FollowUpTarget>();

export function registerFollowUpTarget(object: string, target: FollowUpTarget): void {
  targets.set(object, target);
}

export const followUpTarget = (object: string) => targets.get(object);

export const followUpTargets = () => [...targets.entries()];
