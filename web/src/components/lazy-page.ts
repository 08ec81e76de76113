import { type ComponentType, lazy } from 'react';

/** A page component loaded on first use, so every route is its own chunk. */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}
