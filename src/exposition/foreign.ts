import type { MetricData, SampleData } from './metric-data.ts';
import {
  braced,
  type ExpositionFormat,
  escapeLabelValue,
  familyHeader,
  formatSampleValue,
} from './text-format.ts';

export type DefaultLabels = Readonly<Record<string, string | number>>;

/**
 * Formats a metric that other code registered (prom-client's own classes, default process
 * metrics, custom collectors) from its `get()` data, in either format from the same registry.
 * It matches prom-client's own 0.0.4 output, except that counter samples always carry `_total`
 * (as OpenMetrics requires), so a series keeps its name whichever format Prometheus negotiates.
 */
export function formatForeignMetric(
  metric: MetricData,
  format: ExpositionFormat,
  defaultLabels: DefaultLabels | undefined,
): string {
  const isCounter = metric.type === 'counter';
  const familyName = isCounter ? metric.name.replace(/_total$/, '') : metric.name;
  const defaultName = isCounter ? `${familyName}_total` : metric.name;
  const headerName = format === 'openmetrics' ? familyName : defaultName;
  let text = familyHeader(headerName, metric.type, metric.help, undefined, format);
  for (const sample of metric.values ?? []) {
    const name = sample.metricName ?? defaultName;
    const labels = sampleLabelText(sample, defaultLabels);
    text += `${name}${braced(labels)} ${formatSampleValue(sample.value)}\n`;
  }
  return text;
}

/** prom-client's label order: own labels, then default labels it lacks, then shared labels. */
function sampleLabelText(sample: SampleData, defaultLabels: DefaultLabels | undefined): string {
  const shared = sample.sharedLabels ?? {};
  const merged: Record<string, string | number | undefined> = { ...sample.labels };
  for (const [name, value] of Object.entries(defaultLabels ?? {})) {
    if (merged[name] === undefined) merged[name] = value;
  }
  const parts: string[] = [];
  for (const [name, value] of Object.entries(merged)) {
    if (!Object.hasOwn(shared, name) && value !== undefined) parts.push(labelPair(name, value));
  }
  for (const [name, value] of Object.entries(shared)) {
    if (value !== undefined) parts.push(labelPair(name, value));
  }
  return parts.join(',');
}

function labelPair(name: string, value: string | number): string {
  return `${name}="${escapeLabelValue(typeof value === 'number' ? formatSampleValue(value) : value)}"`;
}
