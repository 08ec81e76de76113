import { v7 } from 'uuid';

/** Time-ordered ids (UUIDv7), so primary-key order is creation order. */
export const newId = (): string => v7();
