import { BroadcastChannel, isMainThread, threadId } from 'node:worker_threads';
import type { MetricsRegistry } from '../registry.ts';
import { familiesOf } from './registry-families.ts';
import { SeriesDirectory } from './series-directory.ts';
import { SharedSeries, SYNC_INTERVAL_MS } from './shared-series.ts';
import { maxNumbersOf, SharedValues, unsetValueOf } from './shared-values.ts';
import { ownerMark, type ShardAnnouncement, type ThreadMetricsData } from './thread-protocol.ts';

/**
 * In a worker thread: moves the generated families in `registry` into shared memory, this
 * thread's shard, which the main thread's `/metrics` sums with every other thread's. Recorders
 * keep writing plain numbers (one writer per shard, no atomics); a free-form value new to every
 * thread is agreed through the family's shared series directory. Call it once, after creating
 * the metric set, with what the main thread's {@link ThreadMetricsHub} put in `workerData`.
 *
 * @example
 * const registry = new Registry();
 * const metrics = createProcessorMetrics({ registry });
 * shareThreadMetrics(registry, workerData.metrics);
 */
export function shareThreadMetrics(registry: MetricsRegistry, data: ThreadMetricsData): void {
  if (isMainThread) {
    throw new Error(
      'shareThreadMetrics runs in a worker thread; the main thread uses combineThreadMetrics',
    );
  }
  if (data === undefined || typeof data.channel !== 'string') {
    throw new Error(
      'shareThreadMetrics needs the workerData of combineThreadMetrics(...).workerData',
    );
  }
  const shards: Record<string, SharedArrayBuffer> = {};
  const shared: SharedSeries[] = [];
  for (const family of familiesOf(registry)) {
    const name = family.exposedName;
    if (!data.families.includes(name)) {
      throw new Error(
        `metric ${name} is not registered on the main thread; create the same metric set there before combineThreadMetrics`,
      );
    }
    const storage = new SharedValues(maxNumbersOf(family), unsetValueOf(family));
    family.useStorage(storage);
    if (family.free !== undefined) {
      const buffers = data.directories[name];
      if (buffers === undefined) throw new Error(`metric ${name} has no shared series directory`);
      const series = new SharedSeries(family, new SeriesDirectory(buffers), ownerMark(threadId));
      series.connect();
      shared.push(series);
    }
    shards[name] = storage.buffer as SharedArrayBuffer;
  }
  // Removals logged by other threads are applied (this shard's numbers zeroed) even while this
  // thread records nothing new; the timer does not keep the thread alive.
  setInterval(() => {
    for (const series of shared) series.sync();
  }, SYNC_INTERVAL_MS).unref();
  announce(data.channel, { kind: 'metrics-kit:shard', threadId, shards });
}

/**
 * Posted once. A posted message is queued at the receiver at once, so a worker that dies right
 * after still has its shard delivered, and the main thread keeps its counts.
 */
function announce(channelName: string, announcement: ShardAnnouncement): void {
  const channel = new BroadcastChannel(channelName);
  channel.postMessage(announcement);
  channel.close();
}
