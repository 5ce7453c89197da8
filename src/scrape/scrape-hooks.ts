import type { ExpositionFormat } from '../exposition/text-format.ts';
import type { RenderableFamily } from '../families/brand.ts';
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

/**
 * Text a registry's generated families can reuse between renderings: a cluster primary's,
 * whose numbers change only when its workers' or its own do (`src/multicore/`).
 */
export interface RenderCache {
  /** A rendering starts: until `end`, the registry's numbers cannot change (it is synchronous). */
  begin(): void;
  end(): void;
  /** The family's text in `format` when nothing it shows changed since `set`; else undefined. */
  get(family: RenderableFamily, format: ExpositionFormat): string | undefined;
  /** Remembers the family's text, when it may be reused; returns it. */
  set(family: RenderableFamily, format: ExpositionFormat, text: string): string;
}

const caches = new WeakMap<MetricsRegistry, RenderCache>();

export function setRenderCache(registry: MetricsRegistry, cache: RenderCache | undefined): void {
  if (cache === undefined) caches.delete(registry);
  else caches.set(registry, cache);
}

export function renderCacheOf(registry: MetricsRegistry): RenderCache | undefined {
  return caches.get(registry);
}
