import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  REJECTION_REASONS as CODEGEN_REASONS,
  SELF_METRICS,
  selfMetricName,
} from '../codegen/promql/runtime-series.ts';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { REJECTION_REASONS } from '../src/families/rejections.ts';
import { renderMetrics } from '../src/index.ts';

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
    const exposed = lines
      .filter((line) => line.startsWith('# TYPE processor_metrics_'))
      .map((line) => line.slice('# TYPE '.length));
    expect(exposed.sort()).toEqual(
      SELF_METRICS.map((series) => `${selfMetricName('processor', series)} ${series.type}`).sort(),
    );
    for (const series of SELF_METRICS) {
      const name = selfMetricName('processor', series);
      const sample = lines.find((line) => line.startsWith(`${name}{`));
      const labels = [...(sample ?? '').matchAll(/([a-z_]+)="/g)].map((match) => match[1]);
      expect({ name, labels }).toEqual({ name, labels: Object.keys(series.labels) });
    }
    expect(text).toContain(
      'processor_metrics_rejected_total{metric="processor_kafka_consumer_lag",reason="invalid_value"} 1',
    );
  });
});
