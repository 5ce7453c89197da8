import { combineSlots, MetricSet, renderMetrics } from 'metrics-kit';
import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { sampleValue } from './support/exposition.ts';

describe('MetricSet', () => {
  it('refuses a second registration of the same spec, before registering anything', async () => {
    const registry = new Registry();
    createProcessorMetrics({ registry });
    const before = registry.getMetricsAsArray().length;
    expect(() => createProcessorMetrics({ registry })).toThrow(
      /^metrics already registered in this registry: processor_events_received_total, .*processor_metrics_label_overflow_total, processor_metrics_series\. Create each metric set once per registry, or pass a fresh Registry\.$/,
    );
    expect(registry.getMetricsAsArray()).toHaveLength(before);
  });

  it('refuses a name that other code registered, and registers none of its own', () => {
    const registry = new Registry();
    new Counter({ name: 'processor_late_events_total', help: 'Taken.', registers: [registry] });
    expect(() => createProcessorMetrics({ registry })).toThrow(
      'metrics already registered in this registry: processor_late_events_total.',
    );
    expect(registry.getMetricsAsArray()).toHaveLength(1);
  });

  it('places series of mixed enum and free-form labels, labels in declaration order', async () => {
    const registry = new Registry();
    const set = new MetricSet({ registry, namespace: 'app' });
    const jobs = set.counter({
      name: 'app_jobs_total',
      help: 'Jobs.',
      labels: [
        { name: 'tenant', maxValues: 10, kind: 'string' },
        { name: 'queue', values: ['fast', 'slow'] },
        { name: 'shard', maxValues: 10, kind: 'integer' },
        { name: 'result', values: ['ok', 'failed', 'retried'] },
        { name: 'region', maxValues: 10, kind: 'string' },
      ],
    });
    set.register();
    const slot = combineSlots(1, 2, 3); // queue="slow", result="retried"
    jobs.inc(jobs.seriesOfAll(['acme', 7, 'eu'], slot), 5);
    jobs.inc(jobs.seriesOfAll(['acme', 7, 'eu'], slot), 1);
    jobs.inc(jobs.seriesOfAll(['acme', 7, 'eu'], combineSlots(-1, 2, 3)), 1);
    const text = await renderMetrics(registry, 'prometheus');
    const series =
      'app_jobs_total{tenant="acme",queue="slow",shard="7",result="retried",region="eu"}';
    expect(sampleValue(text, series)).toBe(6);
    // Free-form families create a series when it is first recorded, not its six enum siblings.
    expect(text.split('\n').filter((line) => line.startsWith('app_jobs_total{'))).toHaveLength(1);
    expect(text).toContain(
      'app_metrics_rejected_total{metric="app_jobs_total",reason="invalid_label_value"} 1\n',
    );
  });

  it("zeroes every family on prom-client's resetMetrics()", async () => {
    const registry = new Registry();
    const metrics = createProcessorMetrics({ registry });
    metrics.recordEventProcessed('success', 3);
    registry.resetMetrics();
    const text = await renderMetrics(registry, 'prometheus');
    expect(sampleValue(text, 'processor_events_processed_total{result="success"}')).toBe(0);
  });
});
