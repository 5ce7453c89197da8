import { MetricFamily } from '../families/family.ts';
import type { MetricsRegistry } from '../metric-set.ts';
import { type DefaultLabels, formatForeignMetric } from './foreign.ts';
import type { CollectableMetric } from './metric-data.ts';
import type { ExpositionFormat } from './text-format.ts';

/**
 * The whole registry in one exposition format, in registration order. Families generated from
 * the spec render from their prebuilt strings; everything else is read through its `get()`, so
 * prom-client's default metrics and other libraries' metrics appear in the same output. Unlike
 * `registry.metrics()`, the format is chosen per call, not fixed on the registry.
 */
export async function renderMetrics(
  registry: MetricsRegistry,
  format: ExpositionFormat,
): Promise<string> {
  const defaultLabels = defaultLabelsOf(registry);
  const metrics = registry.getMetricsAsArray() as unknown as CollectableMetric[];
  const parts = await Promise.all(
    metrics.map(async (metric) =>
      metric instanceof MetricFamily && defaultLabels === undefined
        ? metric.render(format)
        : formatForeignMetric(await metric.get(), format, defaultLabels),
    ),
  );
  const body = parts.join('');
  return format === 'openmetrics' ? `${body}# EOF\n` : body;
}

/**
 * prom-client keeps default labels private and has no getter; they are read here so that the
 * output matches `registry.metrics()`. When set, generated families take the slower `get()` path.
 */
function defaultLabelsOf(registry: MetricsRegistry): DefaultLabels | undefined {
  const labels = (registry as unknown as { _defaultLabels?: DefaultLabels })._defaultLabels;
  return labels !== undefined && Object.keys(labels).length > 0 ? labels : undefined;
}
