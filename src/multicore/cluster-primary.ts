import cluster, { type Worker } from 'node:cluster';
import process from 'node:process';
import type { Metric } from 'prom-client';
import { CounterFamily } from '../families/counter-family.ts';
import type { MetricFamily } from '../families/family.ts';
import { GaugeFamily } from '../families/gauge-family.ts';
import type { MetricsRegistry } from '../registry.ts';
import { setBeforeScrape, setRenderCache } from '../scrape/scrape-hooks.ts';
import { WorkerLink } from './cluster-link.ts';
import type { WorkerSeriesMap } from './cluster-mapping.ts';
import { type ClusterMetricsOptions, resolveOptions } from './cluster-options.ts';
import {
  type ConfigureMessage,
  isSnapshotMessage,
  monotonicMs,
  type SnapshotMessage,
} from './cluster-protocol.ts';
import { ClusterRenderCache } from './cluster-render-cache.ts';
import { ClusterTotals } from './cluster-totals.ts';
import { clusterFamiliesOf, namespaceOf } from './registry-families.ts';
import { plainValues, unsetValueOf } from './shared-values.ts';
import { removeSnapshotFiles } from './snapshot-file.ts';

/**
 * On the cluster primary: renders the registry's generated families as the primary's own
 * numbers plus every worker's latest snapshot (see `shareClusterMetrics`) plus the last
 * snapshots of workers that have exited, so counters never decrease when a worker dies or is
 * replaced. Workers refresh their snapshots every `maxAgeMs / 2` in a snapshot file that a
 * scrape reads without a message; a worker whose snapshot is older than `maxAgeMs` when a scrape
 * begins is asked for a fresh one, waited for at most `timeoutMs`. One that does not answer in
 * time is rendered from its last snapshot and counted in
 * `<namespace>_metrics_cluster_snapshot_timeouts_total`; the scrape never fails.
 *
 * @example
 * const registry = new Registry();
 * createProcessorMetrics({ registry });       // the same families as the workers
 * combineClusterMetrics(registry);            // before cluster.fork()
 * for (let i = 0; i < 4; i++) cluster.fork();
 * await startMetricsServer({ registry });
 */
export class ClusterMetricsHub {
  private readonly families: readonly MetricFamily[];
  private readonly byName: Map<string, MetricFamily>;
  private readonly live = new Map<number, WorkerLink>();
  /** The live workers' series maps, kept beside `live` for the combination at every scrape. */
  private maps: readonly WorkerSeriesMap[] = [];
  private readonly totals = new ClusterTotals();
  private readonly timeouts: CounterFamily;
  private readonly workersGauge: GaugeFamily;
  private readonly timeoutMs: number;
  private readonly maxAgeMs: number;
  /** Where workers create snapshot files; undefined: none, images over IPC. */
  private readonly snapshotDir: string | undefined;
  private seq = 0;
  private warnedSerialization = false;
  private current: Promise<void> | undefined = undefined;
  private queued: Promise<void> | undefined = undefined;
  private readonly onFork = (worker: Worker): void => this.follow(worker);
  private readonly onExit = (worker: Worker): void => {
    this.retireWorker(worker.id);
    // A file the worker created but had not yet announced when it died.
    const pid = worker.process.pid;
    if (this.snapshotDir !== undefined && pid !== undefined) {
      removeSnapshotFiles(this.snapshotDir, pid);
    }
  };
  private readonly onMessage = (worker: Worker, message: unknown): void => {
    if (isSnapshotMessage(message)) this.take(worker, message);
  };

  constructor(
    private readonly registry: MetricsRegistry,
    options: ClusterMetricsOptions = {},
  ) {
    if (!cluster.isPrimary) throw new Error('combineClusterMetrics runs in the cluster primary');
    ({
      timeoutMs: this.timeoutMs,
      maxAgeMs: this.maxAgeMs,
      snapshotDir: this.snapshotDir,
    } = resolveOptions(options));
    this.families = clusterFamiliesOf(registry);
    const cache = new ClusterRenderCache(new Set(this.families), (family) =>
      this.totals.combine(family, this.maps),
    );
    this.byName = new Map(this.families.map((family) => [family.exposedName, family]));
    for (const family of this.families) {
      const unset = unsetValueOf(family);
      if (unset !== 0) family.useStorage(plainValues(unset));
      family.combine = (f) => cache.combine(f);
    }
    const namespace = namespaceOf(this.families);
    this.timeouts = new CounterFamily({
      name: `${namespace}_metrics_cluster_snapshot_timeouts_total`,
      help: 'Scrapes that rendered a cluster worker from its last snapshot because it did not answer in time.',
    });
    this.workersGauge = new GaugeFamily({
      name: `${namespace}_metrics_cluster_workers`,
      help: 'Cluster workers whose snapshots the primary combines.',
    });
    for (const family of [this.timeouts, this.workersGauge]) {
      registry.registerMetric(family as unknown as Metric);
    }
    for (const worker of Object.values(cluster.workers ?? {})) if (worker) this.follow(worker);
    cluster.on('fork', this.onFork);
    cluster.on('exit', this.onExit);
    cluster.on('message', this.onMessage);
    setBeforeScrape(registry, () => this.collect());
    setRenderCache(registry, cache);
  }

  /** Workers whose snapshots are combined now. */
  get liveWorkers(): number {
    return this.live.size;
  }

  /**
   * Reads every worker's latest snapshot and asks those whose snapshot is older than
   * `maxAgeMs`; undefined when none had to be asked (the scrape goes on at once). A caller gets
   * snapshots as fresh as its own call needs: callers that arrive during a round that waits for
   * answers share the next one, so concurrent scrapes cost one round more at most.
   */
  collect(): Promise<void> | undefined {
    if (this.current !== undefined) {
      this.queued ??= this.current.then(() => {
        this.queued = undefined;
        return this.collect();
      });
      return this.queued;
    }
    const waits = this.readOrAsk();
    if (waits.length === 0) return undefined;
    this.current = Promise.all(waits).then(() => {
      this.current = undefined;
    });
    return this.current;
  }

  close(): void {
    cluster.off('fork', this.onFork);
    cluster.off('exit', this.onExit);
    cluster.off('message', this.onMessage);
    setBeforeScrape(this.registry, undefined);
    setRenderCache(this.registry, undefined);
    for (const family of this.families) family.combine = undefined;
    for (const link of this.live.values()) link.close();
  }

  /** Reads every worker's snapshot; asks those not fresh enough, and returns their answers. */
  private readOrAsk(): Promise<void>[] {
    this.workersGauge.set(0, this.live.size);
    const since = monotonicMs() - this.maxAgeMs;
    const waits: Promise<void>[] = [];
    for (const link of this.live.values()) {
      const state = link.state(since);
      // Still silent since an earlier scrape: rendered from its last snapshot without waiting.
      if (state === 'silent') this.timeouts.inc(0, 1);
      if (state !== 'ask') continue;
      waits.push(link.ask(++this.seq, this.timeoutMs, () => this.timeouts.inc(0, 1)));
    }
    return waits;
  }

  private follow(worker: Worker): void {
    // A worker that has exited may stay in `cluster.workers` until its channel closes: its
    // 'exit' has been and gone, so it would stay live here for ever.
    if (this.live.has(worker.id) || worker.isDead()) return;
    this.live.set(
      worker.id,
      new WorkerLink(worker, this.byName, (name) => this.totals.changed(name)),
    );
    this.maps = [...this.live.values()].map((link) => link.series);
    // A worker forked before this hub said hello to no one: it is told now (and again on hello).
    this.configure(worker);
  }

  /** Snapshots at twice the rate the freshness bound needs, so scrapes seldom have to ask. */
  private configure(worker: Worker): void {
    if (!worker.isConnected()) return;
    const message: ConfigureMessage = {
      kind: 'metrics-kit:configure',
      ...(this.maxAgeMs > 0 ? { intervalMs: this.maxAgeMs / 2 } : {}),
      ...(this.snapshotDir !== undefined ? { snapshotDir: this.snapshotDir } : {}),
      probe: new Uint8Array(1),
    };
    worker.send(message, ignore);
  }

  private take(worker: Worker, message: SnapshotMessage): void {
    const link = this.live.get(worker.id);
    if (link === undefined) return;
    if (message.image !== undefined && !(message.image instanceof Float64Array)) {
      // An event handler must not throw: say it once, and keep the last good snapshot.
      if (!this.warnedSerialization) {
        process.emitWarning(
          'metrics-kit: cluster workers must be forked with serialization "advanced"; call combineClusterMetrics before cluster.fork()',
        );
      }
      this.warnedSerialization = true;
      return;
    }
    if (message.names !== undefined) this.configure(worker);
    link.take(message);
  }

  private retireWorker(workerId: number): void {
    const live = this.live.get(workerId);
    if (live === undefined) return;
    // Its file read one last time: what it recorded since the last scrape is kept too.
    live.close();
    this.totals.retire(this.families, live.series);
    this.live.delete(workerId);
    this.maps = [...this.live.values()].map((link) => link.series);
  }
}

function ignore(): void {}

export type { ClusterMetricsOptions } from './cluster-options.ts';

/** See {@link ClusterMetricsHub}. */
export function combineClusterMetrics(
  registry: MetricsRegistry,
  options?: ClusterMetricsOptions,
): ClusterMetricsHub {
  return new ClusterMetricsHub(registry, options);
}
