import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { type ClusterMetricsHub, combineClusterMetrics, renderMetrics } from '../src/index.ts';
import { forkWorker, type TestClusterWorker } from './support/cluster-workers.ts';
import { promtoolCheck } from './support/exposition.ts';
import { sampleValue } from './support/multicore.ts';

const CONSUMED = 'processor_kafka_messages_consumed_total';
const consumed = (topic: string, partition: number) =>
  `${CONSUMED}{topic="${topic}",partition="${partition}"}`;
let hub: ClusterMetricsHub | undefined;
const workers: TestClusterWorker[] = [];

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.kill()));
  hub?.close();
  hub = undefined;
});

describe('cluster with lazy and removed series', () => {
  it('follows a worker that removes a series and reuses its index for other labels', async () => {
    const registry = new Registry();
    createProcessorMetrics({ registry });
    hub = combineClusterMetrics(registry, { timeoutMs: 2000, maxAgeMs: 0 });
    const scrape = () => renderMetrics(registry, 'prometheus');
    const [a, b] = await Promise.all([forkWorker(), forkWorker()]);
    workers.push(a, b);
    await a.run({ op: 'consume', topic: 'orders', partition: 0, count: 4 });
    await b.run({ op: 'consume', topic: 'orders', partition: 0, count: 6 });
    expect(sampleValue(await scrape(), consumed('orders', 0))).toBe(10);
    // The worker's removed index now holds `refunds`: the primary maps it anew.
    await a.run({ op: 'removeConsumed', topic: 'orders', partition: 0 });
    await a.run({ op: 'consume', topic: 'refunds', partition: 2, count: 3 });
    const text = await scrape();
    expect(sampleValue(text, consumed('orders', 0))).toBe(6);
    expect(sampleValue(text, consumed('refunds', 2))).toBe(3);
    await a.run({ op: 'consume', topic: 'orders', partition: 0, count: 1 });
    const again = await scrape();
    expect(sampleValue(again, consumed('orders', 0))).toBe(7);
    expect(sampleValue(again, consumed('refunds', 2))).toBe(3);
    expect(promtoolCheck(again).status).toBe(0);
  });
});
