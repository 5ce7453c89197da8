import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  REJECTION_REASONS as CODEGEN_REASONS,
  SELF_METRICS,
} from '../codegen/promql/runtime-series.ts';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { REJECTION_REASONS } from '../src/families/rejections.ts';
import { renderMetrics } from '../src/index.ts';

/**
 * The codegen describes the runtime's self-metrics for the PromQL checker, METRICS.md, the
 * dashboard and the alerts: the runtime must expose them under those names, types and labels.
 */
describe('self-metrics as the codegen describes them', () => {
  it('names the rejection reasons the runtime counts', () => {
    expect([...CODEGEN_REASONS]).toEqual([...REJECTION_REASONS]);
  });

  it('finds each counter in the exposition with its type and labels', async () => {
    const registry = new Registry();
    const metrics = createProcessorMetrics({ registry });
    metrics.setKafkaConsumerLag('orders', 1, Number.NaN);
    const text = await renderMetrics(registry, 'prometheus');
    for (const series of SELF_METRICS.filter((s) => s.type === 'counter')) {
      const name = `processor_${series.name}`;
      expect(text).toContain(`# TYPE ${name} counter`);
      const sample = text.split('\n').find((line) => line.startsWith(`${name}{`)) ?? '';
      for (const label of Object.keys(series.labels)) expect(sample).toContain(`${label}="`);
    }
    expect(text).toContain(
      'processor_metrics_rejected_total{metric="processor_kafka_consumer_lag",reason="invalid_value"} 1',
    );
  });
});
