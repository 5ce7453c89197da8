import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import {
  combineThreadMetrics,
  type MetricFamily,
  renderMetrics,
  type ThreadMetricsHub,
} from '../src/index.ts';
import { SYNC_INTERVAL_MS } from '../src/multicore/shared-series.ts';
import { promtoolCheck } from './support/exposition.ts';
import { samplesOf, sampleValue, startThread, type TestThread } from './support/multicore.ts';

const CONSUMED = 'processor_kafka_messages_consumed_total';
const consumed = (topic: string, partition: number) =>
  `${CONSUMED}{topic="${topic}",partition="${partition}"}`;
const LIVE = `processor_metrics_series{metric="${CONSUMED}"}`;

let hub: ThreadMetricsHub | undefined;
const threads: TestThread[] = [];

afterEach(async () => {
  await Promise.all(threads.splice(0).map((thread) => thread.worker.terminate()));
  hub?.close();
  hub = undefined;
});

async function setUp() {
  const registry = new Registry();
  const metrics = createProcessorMetrics({ registry });
  hub = combineThreadMetrics(registry);
  const data = hub.workerData;
  const [a, b] = await Promise.all([startThread(data), startThread(data)]);
  threads.push(a, b);
  const scrape = () => renderMetrics(registry, 'prometheus');
  return { registry, metrics, scrape, a, b };
}

/** Scrapes until `ready` holds: a worker's shard reaches the main thread one message after it starts. */
async function scrapeUntil(scrape: () => Promise<string>, ready: (text: string) => boolean) {
  let text = '';
  for (let i = 0; i < 300; i++) {
    text = await scrape();
    if (ready(text)) return text;
    await sleep(10);
  }
  throw new Error(`the expected values never appeared:\n${samplesOf(text, CONSUMED).join('\n')}`);
}

/** Long enough for every worker's timer to have applied the log (removals included). */
const everyThreadSynced = () => sleep(SYNC_INTERVAL_MS * 4);

describe('worker_threads with lazy and removed series', () => {
  it('removes on the main thread a series workers created, and recreates it at zero', async () => {
    const { metrics, scrape, a, b } = await setUp();
    await Promise.all([
      a.run({ op: 'consume', topic: 'orders', partition: 1, count: 10 }),
      b.run({ op: 'consume', topic: 'orders', partition: 1, count: 5 }),
    ]);
    await scrapeUntil(scrape, (t) => sampleValue(t, consumed('orders', 1)) === 15);
    metrics.removeKafkaMessageConsumed('orders', 1);
    expect(sampleValue(await scrape(), consumed('orders', 1))).toBeUndefined();
    await everyThreadSynced();
    // Recreated by either thread: from zero, not from the 15 recorded before the removal.
    await a.run({ op: 'consume', topic: 'orders', partition: 1, count: 3 });
    await b.run({ op: 'consume', topic: 'orders', partition: 1, count: 4 });
    const text = await scrapeUntil(scrape, (t) => sampleValue(t, consumed('orders', 1)) === 7);
    expect(samplesOf(text, consumed('orders', 1))).toHaveLength(1);
    expect(promtoolCheck(text).status).toBe(0);
  });

  it('removes from a worker a series another worker created', async () => {
    const { scrape, a, b } = await setUp();
    await a.run({ op: 'consume', topic: 'audit', partition: 0, count: 2 });
    await a.run({ op: 'consume', topic: 'keep', partition: 0, count: 1 });
    await scrapeUntil(scrape, (t) => sampleValue(t, consumed('audit', 0)) === 2);
    await b.run({ op: 'removeConsumed', topic: 'audit', partition: 0 });
    const text = await scrapeUntil(
      scrape,
      (t) => sampleValue(t, consumed('audit', 0)) === undefined,
    );
    expect(sampleValue(text, consumed('keep', 0))).toBe(1);
    expect(sampleValue(text, LIVE)).toBe(1);
  });

  it('reuses removed indexes once every thread has seen the removal, without mixing counts', async () => {
    const { registry, metrics, scrape, a, b } = await setUp();
    for (let round = 0; round < 5; round++) {
      const topic = `round-${round}`;
      for (let partition = 0; partition < 8; partition++) {
        await a.run({ op: 'consume', topic, partition, count: partition + 1 });
        await b.run({ op: 'consume', topic, partition, count: 1 });
      }
      const text = await scrapeUntil(scrape, (t) => sampleValue(t, consumed(topic, 7)) === 9);
      for (let partition = 0; partition < 8; partition++) {
        expect(sampleValue(text, consumed(topic, partition))).toBe(partition + 2);
      }
      expect(sampleValue(text, LIVE)).toBe(8);
      metrics.removeSeries({ topic });
      await everyThreadSynced();
    }
    const text = await scrape();
    expect(samplesOf(text, CONSUMED)).toHaveLength(0);
    expect(sampleValue(text, LIVE)).toBe(0);
    // Every round took the indexes the previous one freed: the shards did not grow.
    const family = registry.getSingleMetric(CONSUMED) as unknown as MetricFamily;
    expect(family.seriesCount).toBe(8);
  });
});
