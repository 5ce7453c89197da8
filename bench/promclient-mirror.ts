import { MetricFamily, type MetricsRegistry } from 'metrics-kit';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricData, SampleData } from '../src/exposition/metric-data.ts';

type Labels = Record<string, string | number>;

/**
 * A prom-client-only registry holding the same series as `source`'s generated families, built
 * from their `get()` data, so that scraping both compares like with like.
 */
export async function promClientMirror(source: MetricsRegistry): Promise<Registry> {
  const mirror = new Registry();
  for (const metric of source.getMetricsAsArray() as unknown[]) {
    if (!(metric instanceof MetricFamily)) continue;
    const data = await metric.get();
    const labelNames = metric.labels.map((label) => label.name);
    const common = { name: data.name, help: data.help, labelNames, registers: [mirror] };
    if (data.type === 'counter') {
      const counter = new Counter(common);
      for (const sample of data.values ?? []) counter.inc(labelsOf(sample.labels), sample.value);
    } else if (data.type === 'gauge') {
      const gauge = new Gauge(common);
      for (const sample of data.values ?? []) gauge.set(labelsOf(sample.labels), sample.value);
    } else {
      mirrorHistogram(data, common);
    }
  }
  return mirror;
}

function mirrorHistogram(
  data: MetricData,
  common: { name: string; help: string; labelNames: string[]; registers: Registry[] },
): void {
  const samples = data.values ?? [];
  const buckets = samples
    .filter((sample) => sample.metricName?.endsWith('_bucket'))
    .map((sample) => sample.labels?.le)
    .filter((le): le is number => typeof le === 'number');
  const histogram = new Histogram({ ...common, buckets: [...new Set(buckets)] });
  for (const sample of samples) {
    if (!sample.metricName?.endsWith('_sum')) continue;
    const labels = labelsOf(sample.labels);
    histogram.zero(labels);
    if (sample.value > 0) histogram.observe(labels, sample.value);
  }
}

function labelsOf(labels: SampleData['labels']): Labels {
  const result: Labels = {};
  for (const [name, value] of Object.entries(labels ?? {})) {
    if (value !== undefined && name !== 'le') result[name] = value;
  }
  return result;
}
