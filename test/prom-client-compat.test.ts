import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';

type Patched = { getMetricsAsString?: unknown };

/** A registry with the generated families, recorded, beside metrics registered by other code. */
function populated(openMetrics = false): Registry {
  const registry = new Registry();
  if (openMetrics) registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE as never);
  new Counter({
    name: 'jobs',
    help: 'Jobs "done".',
    labelNames: ['queue'],
    registers: [registry],
  }).inc({ queue: 'a\\b\n"c"' }, 3);
  new Histogram({
    name: 'other_seconds',
    help: 'H.',
    buckets: [0.1, 1],
    registers: [registry],
  }).observe(0.5);
  new Gauge({
    name: 'collected',
    help: 'Set when collected.',
    registers: [registry],
    collect() {
      this.set(7);
    },
  });
  const metrics = createProcessorMetrics({ registry });
  metrics.recordEventProcessed('success', 4);
  metrics.recordEventProcessingDuration('error', 0.2);
  metrics.setKafkaConsumerLag('orders', 3, 12);
  metrics.recordKafkaMessageConsumed('quote"topic\n', 1, 2);
  metrics.recordKafkaMessageConsumed('orders', 4);
  metrics.removeKafkaMessageConsumed('orders', 4);
  metrics.recordOperatorDuration('parse', 0.003);
  return registry;
}

/** What prom-client prints without the fast path: its own method from the prototype. */
async function withoutFastPath(registry: Registry): Promise<string> {
  const patched = (registry as Patched).getMetricsAsString;
  delete (registry as Patched).getMetricsAsString;
  try {
    return await registry.metrics();
  } finally {
    (registry as Patched).getMetricsAsString = patched;
  }
}

describe("prom-client's registry.metrics() on generated families", () => {
  it.each([
    ['text 0.0.4', false],
    ['OpenMetrics', true],
  ] as const)(
    'prints exactly what prom-client prints from get(), in %s',
    async (_, openMetrics) => {
      const registry = populated(openMetrics);
      expect(Object.hasOwn(registry, 'getMetricsAsString')).toBe(true);
      const fast = await registry.metrics();
      expect(fast).toBe(await withoutFastPath(registry));
      expect(fast).toContain('processor_events_processed_total{result="success"} 4\n');
      expect(fast).toContain('jobs');
      // Twice: prom-client renames counters in OpenMetrics the first time.
      expect(await registry.metrics()).toBe(fast);
    },
  );

  it('keeps default labels, through prom-client’s own path', async () => {
    const registry = populated();
    registry.setDefaultLabels({ region: 'eu' });
    const text = await registry.metrics();
    expect(text).toBe(await withoutFastPath(registry));
    expect(text).toContain('processor_events_processed_total{result="success",region="eu"} 4\n');
    expect(text).toContain(
      'processor_kafka_consumer_lag{topic="orders",partition="3",region="eu"} 12\n',
    );
  });

  it('gives getMetricsAsJSON() every live series, with default labels on copies', async () => {
    const registry = populated();
    registry.setDefaultLabels({ region: 'eu' });
    const json = await registry.getMetricsAsJSON();
    const consumed = json.find((m) => m.name === 'processor_kafka_messages_consumed_total');
    expect(consumed?.values).toEqual([
      { value: 2, labels: { topic: 'quote"topic\n', partition: '1', region: 'eu' } },
    ]);
    registry.setDefaultLabels({});
    const again = await registry.getMetricsAsJSON();
    const lag = again.find((m) => m.name === 'processor_kafka_consumer_lag');
    expect(lag?.values).toEqual([{ value: 12, labels: { topic: 'orders', partition: '3' } }]);
  });
});
