import type { MetricsRegistry } from '../registry.ts';

/**
 * Work a registry needs done before each rendering: a cluster primary collects its workers'
 * snapshots (`src/multicore/`). Kept beside the registry rather than on it, since prom-client's
 * `Registry` has no such notion.
 */
const hooks = new WeakMap<MetricsRegistry, () => Promise<void> | undefined>();

export function setBeforeScrape(
  registry: MetricsRegistry,
  hook: (() => Promise<void> | undefined) | undefined,
): void {
  if (hook === undefined) hooks.delete(registry);
  else hooks.set(registry, hook);
}

/** The registry's pending work, or undefined (the common case) when it has none. */
export function beforeScrape(registry: MetricsRegistry): Promise<void> | undefined {
  return hooks.get(registry)?.();
}
