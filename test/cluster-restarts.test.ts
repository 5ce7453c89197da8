import cluster from 'node:cluster';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Registry } from 'prom-client';
import { afterEach, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { type ClusterMetricsHub, combineClusterMetrics, renderMetrics } from '../src/index.ts';
import { forkWorker, type TestClusterWorker } from './support/cluster-workers.ts';
import { settledRssMiB } from './support/memory.ts';
import { sampleValue } from './support/multicore.ts';

const RECEIVED = 'processor_events_received_total';
let hub: ClusterMetricsHub | undefined;
const live: TestClusterWorker[] = [];

afterEach(async () => {
  await Promise.all(live.splice(0).map((worker) => worker.kill()));
  hub?.close();
  hub = undefined;
});

/** Descriptors this process holds open: a snapshot file the primary never closed stays here. */
function openDescriptors(): number | undefined {
  return existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : undefined;
}

/** Snapshot files of these worker processes still on disk, wherever the hub may put them. */
function leftFiles(pids: readonly number[]): string[] {
  const dirs = ['/dev/shm', tmpdir()].filter((dir) => existsSync(dir));
  return dirs.flatMap((dir) =>
    readdirSync(dir).filter((name) => pids.some((pid) => name.startsWith(`metrics-kit-${pid}-`))),
  );
}

it('keeps every count and leaks no snapshot file, descriptor or memory across 100 worker restarts', async () => {
  const registry = new Registry();
  createProcessorMetrics({ registry });
  cluster.setupPrimary({ serialization: 'json' });
  hub = combineClusterMetrics(registry, { timeoutMs: 3_000, maxAgeMs: 0 });
  const pids: number[] = [];
  let expected = 0;
  let last = 0;
  let rssAfterWarmUp = 0;
  let descriptorsAfterWarmUp: number | undefined;
  for (let round = 0; round < 50; round++) {
    // Two at a time, each with a large image (16,384 topic/partition series in each of two Kafka
    // families), killed with SIGKILL so that no worker cleans up after itself.
    const pair = await Promise.all([forkWorker(), forkWorker()]);
    live.push(...pair);
    await Promise.all(
      pair.map(async (worker) => {
        await worker.run({ op: 'events', count: 100 });
        await worker.run({ op: 'partitions', count: 16_384 });
      }),
    );
    expected += 200;
    const value = sampleValue(await renderMetrics(registry, 'prometheus'), RECEIVED) ?? 0;
    expect(value).toBeGreaterThanOrEqual(last);
    last = value;
    for (const worker of pair) {
      if (worker.worker.process.pid !== undefined) pids.push(worker.worker.process.pid);
    }
    await Promise.all(pair.map((worker) => worker.kill()));
    live.splice(0);
    if (round === 19) {
      rssAfterWarmUp = await settledRssMiB();
      descriptorsAfterWarmUp = openDescriptors();
    }
  }
  expect(sampleValue(await renderMetrics(registry, 'prometheus'), RECEIVED)).toBe(expected);
  expect(hub.liveWorkers).toBe(0);
  expect(leftFiles(pids)).toEqual([]);
  if (descriptorsAfterWarmUp !== undefined) {
    // A few descriptors come and go (a killed worker's IPC pipe closes a little after its exit
    // event); snapshot files kept open would be one per worker, 60 more.
    expect(openDescriptors()).toBeLessThanOrEqual(descriptorsAfterWarmUp + 10);
  }
  const growth = (await settledRssMiB()) - rssAfterWarmUp;
  console.log(`primary RSS growth over restarts 41 to 100: ${growth.toFixed(1)} MiB`);
  // 60 retained worker images would hold 60 x 2 x 16,384 numbers of 8 bytes in the two Kafka
  // families alone (15 MiB), plus each image's native buckets; RSS is measured after full
  // collections.
  expect(growth).toBeLessThan(8);
}, 420_000);
