import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/** A component (usually a page) loaded on first render, so it lands in its own chunk. */
export function lazyPage<K extends string, P extends object>(
  load: () => Promise<{ [X in K]: ComponentType<P> }>,
  name: K,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: (await load())[name] }));
}
