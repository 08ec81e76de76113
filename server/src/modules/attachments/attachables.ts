import { objectDef } from '../../platform/access/index.js';

/**
 * Which objects take attachments. An object registers itself once (beside its access-layer
 * registration); its table comes from the access registry and its own access decides who may list,
 * download (read) and upload or delete (update) its files.
 */
export type Attachable = {
  object: string;
  /** The soft-delete column: a deleted record takes no new files and shows none. */
  deletedColumn?: string;
};

const registry = new Map<string, Attachable>();

export function registerAttachable(def: Attachable): void {
  registry.set(def.object, def);
}

/** The attachable object with its table, or undefined for objects that take no attachments. */
export function attachableOf(object: string): (Attachable & { table: string }) | undefined {
  const def = registry.get(object);
  const access = def && objectDef(object);
  return def && access ? { ...def, table: access.table } : undefined;
}

export const attachableObjects = (): string[] => [...registry.keys()];

// 客户: contracts, requirement sheets, business licences … (later objects register in their own module).
registerAttachable({ object: 'customer', deletedColumn: 'deleted_at' });
