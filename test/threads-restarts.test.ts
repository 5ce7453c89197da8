import { Registry } from 'prom-client';
import { afterEach, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { combineThreadMetrics, renderMetrics, type ThreadMetricsHub } from '../src/index.ts';
import { settledRssMiB } from './support/memory.ts';
import { sampleValue, startThread } from './support/multicore.ts';

const RECEIVED = 'processor_events_received_total';
let hub: ThreadMetricsHub | undefined;

afterEach(() => hub?.close());

it('keeps every count and leaks no shared memory across 100 worker restarts', async () => {
  const registry = new Registry();
  createProcessorMetrics({ registry });
  hub = combineThreadMetrics(registry);
  const data = hub.workerData;
  let expected = 0;
  let last = 0;
  let rssAfterWarmUp = 0;
  for (let round = 0; round < 50; round++) {
    // Two at a time; each fills a large shard (all 16,384 topic/partition series of two Kafka
    // families: 256 KiB) so that a leaked shard would show in RSS.
    const pair = await Promise.all([startThread(data), startThread(data)]);
    await Promise.all(
      pair.map(async (thread) => {
        await thread.run({ op: 'events', count: 1000 });
        await thread.run({ op: 'partitions', count: 16_384 });
      }),
    );
    expected += 2000;
    await Promise.all(pair.map((thread) => thread.worker.terminate()));
    const value = sampleValue(await renderMetrics(registry, 'prometheus'), RECEIVED) ?? 0;
    expect(value).toBeGreaterThanOrEqual(last);
    last = value;
    // Buffers and allocator arenas grow over the first rounds, then stay flat.
    if (round === 19) rssAfterWarmUp = await settledRssMiB();
  }
  // A shard reaches the main thread one message after its worker starts; all have by now.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(sampleValue(await renderMetrics(registry, 'prometheus'), RECEIVED)).toBe(expected);
  expect(hub.liveThreads).toBe(0);
  const growth = (await settledRssMiB()) - rssAfterWarmUp;
  console.log(`RSS growth over restarts 41 to 100: ${growth.toFixed(1)} MiB`);
  // 60 leaked shards would hold 60 x 16,384 x 8 bytes x 2 families (15 MiB), and 60 leaked
  // isolates far more; measured without a leak, RSS stays within 2 MiB from round 20 on.
  expect(growth).toBeLessThan(8);
}, 420_000);
