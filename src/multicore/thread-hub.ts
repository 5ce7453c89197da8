import { randomUUID } from 'node:crypto';
import process from 'node:process';
import { BroadcastChannel, isMainThread, type Worker } from 'node:worker_threads';
import type { Metric } from 'prom-client';
import type { MetricFamily } from '../families/family.ts';
import { GaugeFamily } from '../families/gauge-family.ts';
import type { MetricsRegistry } from '../registry.ts';
import { combineShards, retire } from './combine.ts';
import { familiesOf, namespaceOf } from './registry-families.ts';
import { SeriesDirectory } from './series-directory.ts';
import { SharedSeries, SYNC_INTERVAL_MS } from './shared-series.ts';
import { plainValues, unsetValueOf } from './shared-values.ts';
import { ownerMark, type ShardAnnouncement, type ThreadMetricsData } from './thread-protocol.ts';

/** One worker thread's shard: a growable shared buffer per family, and views sized to them. */
interface Shard {
  readonly buffers: Readonly<Record<string, SharedArrayBuffer>>;
  readonly views: Map<string, Float64Array>;
}

/**
 * On the main thread: makes the registry's generated families render the sum of every
 * thread's shard (the main thread's own numbers, live workers' shared memory, and what exited
 * workers left), with no message per record or per scrape. Workers receive `workerData` and
 * call {@link shareThreadMetrics}. A worker that exits or crashes is folded into retired
 * totals, and its shard released, so counters never decrease and restarts leak no memory.
 *
 * @example
 * const registry = new Registry();
 * const metrics = createProcessorMetrics({ registry });
 * const threads = combineThreadMetrics(registry);
 * const pool = new Piscina({ filename, workerData: { metrics: threads.workerData } });
 */
export class ThreadMetricsHub {
  readonly workerData: ThreadMetricsData;
  private readonly families: readonly MetricFamily[];
  private readonly series = new Map<string, SharedSeries>();
  private readonly shards = new Map<number, Shard>();
  private readonly retired = new Map<string, Float64Array>();
  private readonly scratch = new Map<string, Float64Array>();
  /** Workers that exited before their announcement was read; folded as soon as it is. */
  private readonly exitedEarly = new Set<number>();
  private readonly channel: BroadcastChannel;
  private readonly timer: ReturnType<typeof setInterval>;
  /** `<namespace>_metrics_threads`: the worker threads whose shards are summed now. */
  private readonly threadsGauge: GaugeFamily;
  private readonly onWorker = (worker: Worker): void => {
    const id = worker.threadId;
    worker.once('exit', () => this.retireThread(id));
  };

  constructor(registry: MetricsRegistry) {
    if (!isMainThread) throw new Error('combineThreadMetrics runs on the main thread');
    this.families = familiesOf(registry);
    const directories: Record<string, SeriesDirectory['buffers']> = {};
    for (const family of this.families) {
      const unset = unsetValueOf(family);
      if (unset !== 0) family.useStorage(plainValues(unset));
      if (family.free !== undefined) {
        // A series index reused after a removal starts again from zero in the retired totals.
        const shared = new SharedSeries(family, SeriesDirectory.create(), ownerMark(0), (series) =>
          this.retired
            .get(family.exposedName)
            ?.fill(0, series * family.stride, (series + 1) * family.stride),
        );
        shared.connect();
        this.series.set(family.exposedName, shared);
        directories[family.exposedName] = shared.directory.buffers;
      }
      family.combine = (f) => this.combine(f);
    }
    this.threadsGauge = new GaugeFamily({
      name: `${namespaceOf(this.families)}_metrics_threads`,
      help: 'Worker threads whose shared-memory shards the main thread sums.',
    });
    registry.registerMetric(this.threadsGauge as unknown as Metric);
    this.workerData = {
      channel: `metrics-kit:${randomUUID()}`,
      families: this.families.map((family) => family.exposedName),
      directories,
    };
    this.channel = new BroadcastChannel(this.workerData.channel);
    this.channel.onmessage = (event) =>
      this.adopt((event as MessageEvent).data as ShardAnnouncement);
    // Neither the channel nor the listener keeps the process alive.
    (this.channel as unknown as { unref(): void }).unref();
    process.on('worker', this.onWorker);
    // Applies removals logged by workers even between scrapes, so that their indexes are freed.
    this.timer = setInterval(() => {
      for (const shared of this.series.values()) shared.sync();
    }, SYNC_INTERVAL_MS);
    this.timer.unref();
  }

  /** Worker threads whose shards are summed now. */
  get liveThreads(): number {
    return this.shards.size;
  }

  /** Stops following workers; the families keep rendering what was combined last. */
  close(): void {
    process.off('worker', this.onWorker);
    clearInterval(this.timer);
    this.channel.close();
    for (const family of this.families) family.combine = undefined;
  }

  private adopt(announcement: ShardAnnouncement): void {
    if (announcement?.kind !== 'metrics-kit:shard') return;
    this.shards.set(announcement.threadId, { buffers: announcement.shards, views: new Map() });
    this.threadsGauge.set(0, this.shards.size);
    if (this.exitedEarly.delete(announcement.threadId)) this.retireThread(announcement.threadId);
  }

  private retireThread(threadId: number): void {
    const shard = this.shards.get(threadId);
    if (shard === undefined) {
      this.exitedEarly.add(threadId);
      return;
    }
    for (const family of this.families) {
      const name = family.exposedName;
      // A worker terminated mid-append would otherwise hold the lock until it goes stale.
      this.series.get(name)?.directory.releaseIfHeldBy(ownerMark(threadId));
      // Waits for the lock: the exited thread's series must be adopted before its numbers are
      // folded, or adopting them later would zero what was folded.
      this.series.get(name)?.syncNow();
      const folded = retire(family, this.retired.get(name), this.viewOf(shard, name));
      if (folded !== undefined) this.retired.set(name, folded);
      // Removed series no longer wait for this thread to see their removal.
      this.series.get(name)?.directory.leave(ownerMark(threadId));
    }
    // Dropping the last references lets the shard's shared memory be freed.
    this.shards.delete(threadId);
    this.threadsGauge.set(0, this.shards.size);
  }

  private combine(family: MetricFamily): Float64Array {
    const name = family.exposedName;
    this.series.get(name)?.sync();
    const shards = [family.values];
    for (const shard of this.shards.values()) shards.push(this.viewOf(shard, name));
    const scratch = this.scratch.get(name) ?? new Float64Array(0);
    const combined = combineShards(family, scratch, shards, this.retired.get(name));
    this.scratch.set(name, combined);
    return combined;
  }

  /** A view of the whole buffer, remade when the worker has grown it. */
  private viewOf(shard: Shard, name: string): Float64Array {
    const buffer = shard.buffers[name];
    if (buffer === undefined) return EMPTY;
    const cached = shard.views.get(name);
    if (cached !== undefined && cached.byteLength === buffer.byteLength) return cached;
    const view = new Float64Array(buffer, 0, buffer.byteLength / 8);
    shard.views.set(name, view);
    return view;
  }
}

const EMPTY = new Float64Array(0);

/** See {@link ThreadMetricsHub}. */
export function combineThreadMetrics(registry: MetricsRegistry): ThreadMetricsHub {
  return new ThreadMetricsHub(registry);
}
