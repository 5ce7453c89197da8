import { isRenderableFamily } from '../families/brand.ts';
import type { MetricsRegistry } from '../registry.ts';

/** Marks a registry whose `getMetricsAsString` already has the fast path. */
const PATCHED: unique symbol = Symbol.for('metrics-kit.registry-fast-path');

interface PatchableRegistry {
  [PATCHED]?: true;
  _defaultLabels?: Readonly<Record<string, unknown>>;
  getMetricsAsString(metric: unknown): Promise<string>;
}

/**
 * Makes prom-client's own `registry.metrics()` (what @hono/prometheus, express-prom-bundle and
 * hand-written routes call) fast for generated families. prom-client formats every metric in
 * `getMetricsAsString(metric)` from its `get()` data, about a microsecond a sample; this wraps
 * that method on this registry instance so a generated family prints its text directly, exactly
 * as prom-client would have printed it. Every other metric, and every metric while the registry
 * has default labels, goes through prom-client's own method unchanged, so their output, the
 * registry's content type and default labels are exactly as before.
 */
export function addFastStringPath(registry: MetricsRegistry): void {
  const target = registry as unknown as PatchableRegistry;
  if (target[PATCHED]) return;
  const original = target.getMetricsAsString;
  Object.defineProperty(target, PATCHED, { value: true });
  target.getMetricsAsString = function getMetricsAsString(
    this: PatchableRegistry,
    metric: unknown,
  ): Promise<string> {
    const defaultLabels = this._defaultLabels;
    if (
      isRenderableFamily(metric) &&
      typeof metric.promClientText === 'function' &&
      (defaultLabels === undefined || Object.keys(defaultLabels).length === 0)
    ) {
      return Promise.resolve(metric.promClientText());
    }
    return original.call(this, metric);
  };
}
