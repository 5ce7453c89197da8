import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  CLUSTER_SELF_METRICS,
  REJECTION_REASONS as CODEGEN_REASONS,
  type RuntimeSeries,
  SELF_METRICS,
  selfMetricName,
} from '../codegen/promql/runtime-series.ts';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { REJECTION_REASONS } from '../src/families/rejections.ts';
import { renderMetrics } from '../src/index.ts';
import { clusterPrimaryExposition } from './support/exposition.ts';

/** `name type` of each `processor_metrics_*` family the text exposition declares. */
function selfFamilies(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('# TYPE processor_metrics_'))
    .map((line) => line.slice('# TYPE '.length))
    .sort();
}

function described(series: readonly RuntimeSeries[]): string[] {
  return series.map((one) => `${selfMetricName('processor', one)} ${one.type}`).sort();
}

/**
 * The codegen describes the runtime's self-metrics for the validator's reserved names, the
 * PromQL checker, METRICS.md, the dashboard, the alerts and `verify`: the runtime must expose
 * exactly those, under those names, types and labels.
 */
describe('self-metrics as the codegen describes them', () => {
  it('names the rejection reasons the runtime counts', () => {
    expect([...CODEGEN_REASONS]).toEqual([...REJECTION_REASONS]);
  });

  it('finds every self-metric in the exposition, and no other, with its type and labels', async () => {
    const registry = new Registry();
    const metrics = createProcessorMetrics({ registry });
    metrics.setKafkaConsumerLag('orders', 1, Number.NaN);
    const text = await renderMetrics(registry, 'prometheus');
    const lines = text.split('\n');
    expect(selfFamilies(text)).toEqual(described(SELF_METRICS));
    for (const series of SELF_METRICS) {
      const name = selfMetricName('processor', series);
      const sample = lines.find((line) => line.startsWith(`${name}{`));
      const labels = [...(sample ?? '').matchAll(/([a-z_]+)="/g)].map((match) => match[1]);
      expect({ name, labels }).toEqual({ name, labels: Object.keys(series.labels) });
      // METRICS.md and the dashboard quote the codegen's HELP: the scrape must say the same.
      expect(lines).toContain(`# HELP ${name} ${series.help}`);
    }
    expect(text).toContain(
      'processor_metrics_rejected_total{metric="processor_kafka_consumer_lag",reason="invalid_value"} 1',
    );
  });

  it('finds the cluster primary’s own families beside them', async () => {
    const text = await clusterPrimaryExposition('prometheus');
    expect(selfFamilies(text)).toEqual(described([...SELF_METRICS, ...CLUSTER_SELF_METRICS]));
  });
});
