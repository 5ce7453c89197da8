import { type DefaultLabels, formatForeignMetric } from '../exposition/foreign.ts';
import type { CollectableMetric } from '../exposition/metric-data.ts';
import type { ExpositionFormat } from '../exposition/text-format.ts';
import { isRenderableFamily, type RenderableFamily } from '../families/brand.ts';
import { flat } from '../families/family.ts';
import type { MetricsRegistry } from '../registry.ts';
import { beforeScrape, renderCacheOf } from './scrape-hooks.ts';

/**
 * The whole registry in one exposition format, in registration order. Families generated from
 * the spec render from their prebuilt strings; everything else is read through its `get()`, so
 * prom-client's default metrics and other libraries' metrics appear in the same output. Unlike
 * `registry.metrics()`, the format is chosen per call, not fixed on the registry.
 *
 * @example
 * const body = await renderMetrics(registry, 'openmetrics');
 * return new Response(body, { headers: { 'Content-Type': CONTENT_TYPES.openmetrics } });
 */
export async function renderMetrics(
  registry: MetricsRegistry,
  format: ExpositionFormat,
): Promise<string> {
  // A cluster primary first collects its workers' snapshots (src/multicore/); nothing otherwise.
  const pending = beforeScrape(registry);
  if (pending !== undefined) await pending;
  const defaultLabels = defaultLabelsOf(registry);
  const metrics = registry.getMetricsAsArray() as unknown as CollectableMetric[];
  // By brand, not `instanceof`: families from another copy of the runtime are fast too.
  const fast = (metric: CollectableMetric): metric is CollectableMetric & RenderableFamily =>
    defaultLabels === undefined && isRenderableFamily(metric);
  // Other metrics are collected concurrently, as prom-client does; collect callbacks may be async.
  const collected = await Promise.all(
    metrics.map((metric) => (fast(metric) ? undefined : metric.get())),
  );
  let text = '';
  const cache = renderCacheOf(registry);
  cache?.begin();
  try {
    for (const [i, metric] of metrics.entries()) {
      const data = collected[i];
      const family = metric as unknown as RenderableFamily;
      if (data !== undefined) text += formatForeignMetric(data, format, defaultLabels);
      else if (cache === undefined) text = family.appendTo(text, format);
      else
        text += cache.get(family, format) ?? cache.set(family, format, family.appendTo('', format));
    }
  } finally {
    cache?.end();
  }
  // Flattened here, so the time it takes is the renderer's, as it is for prom-client's join().
  return flat(format === 'openmetrics' ? `${text}# EOF\n` : text);
}

/**
 * prom-client keeps default labels private and has no getter; they are read here so that the
 * output matches `registry.metrics()`. When set, generated families take the slower `get()` path.
 */
function defaultLabelsOf(registry: MetricsRegistry): DefaultLabels | undefined {
  const labels = (registry as unknown as { _defaultLabels?: DefaultLabels })._defaultLabels;
  return labels !== undefined && Object.keys(labels).length > 0 ? labels : undefined;
}
