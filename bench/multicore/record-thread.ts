// A worker thread of bench/multicore/threads.ts: records counters into its shard when asked.
import { parentPort, workerData } from 'node:worker_threads';
import { Registry } from 'prom-client';
import { createProcessorMetrics } from '../../generated/metrics.ts';
import { shareThreadMetrics } from '../../src/index.ts';

const registry = new Registry();
const metrics = createProcessorMetrics({ registry });
shareThreadMetrics(registry, workerData.metrics);

/** Records `count` times; answers with when the loop started and ended (ms since the epoch). */
parentPort?.on('message', (count: number) => {
  const started = performance.timeOrigin + performance.now();
  for (let i = 0; i < count; i++) metrics.recordEventReceived();
  parentPort?.postMessage({ started, ended: performance.timeOrigin + performance.now() });
});
parentPort?.postMessage('ready');
