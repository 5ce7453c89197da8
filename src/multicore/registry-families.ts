import type { Metric } from 'prom-client';
import { isRenderableFamily } from '../families/brand.ts';
import type { MetricFamily } from '../families/family.ts';
import { SeriesCountFamily } from '../families/series-count-family.ts';
import type { MetricsRegistry } from '../registry.ts';

/**
 * The generated families in a registry, in registration order; other metrics are left alone.
 * By brand, as the renderer does, plus the storage hook this module needs.
 */
export function familiesOf(registry: MetricsRegistry): MetricFamily[] {
  return (registry.getMetricsAsArray() as unknown as readonly (Metric | MetricFamily)[]).filter(
    (metric): metric is MetricFamily =>
      isRenderableFamily(metric) && typeof (metric as MetricFamily).useStorage === 'function',
  );
}

/** The spec's namespace, read from the metric set's self-metric `<namespace>_metrics_rejected_total`. */
export function namespaceOf(families: readonly MetricFamily[]): string {
  for (const family of families) {
    const match = /^(.+)_metrics_rejected_total$/.exec(family.exposedName);
    if (match?.[1] !== undefined) return match[1];
  }
  return 'metrics_kit';
}

/**
 * The families whose numbers cluster workers send: all but `<namespace>_metrics_series`. The
 * primary admits every worker's series into its own families, so its own count is the number
 * of series it renders; adding the workers' counts would count each series twice or more.
 */
export function clusterFamiliesOf(registry: MetricsRegistry): MetricFamily[] {
  return familiesOf(registry).filter((family) => !(family instanceof SeriesCountFamily));
}
