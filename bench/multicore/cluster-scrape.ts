// Part of `npm run bench:multicore`: a cluster primary scraping its workers, prom-client's
// AggregatorRegistry.clusterMetrics() against combineClusterMetrics, same series (the seed's
// full set, recorded once in every worker), with 2 and then 4 workers. Ours with its freshness
// bound (the main ratio) and asking every worker at every scrape; then the same with workers
// recording all along; then what the fresh snapshots cost the workers and the primary.
import cluster from 'node:cluster';
import process from 'node:process';
import { AggregatorRegistry, Registry, type RegistryContentType } from 'prom-client';
import { createProcessorMetrics } from '../../generated/metrics.ts';
import { combineClusterMetrics, renderMetrics, shareClusterMetrics } from '../../src/index.ts';
import { WorkerLink } from '../../src/multicore/cluster-link.ts';
import { promClientMirror } from '../promclient-mirror.ts';
import { seedRecorder } from '../seed-series.ts';
import { forkReadyWorkers, liveWorkers, stopWorkers } from './bench-workers.ts';
import { median, samplesIn } from './stats.ts';

const ROUNDS = Number(process.env.BENCH_CLUSTER_ROUNDS ?? 300);
const MAX_AGE_MS = Number(process.env.BENCH_CLUSTER_MAX_AGE_MS ?? 10);
const CPU_WINDOW_MS = 2_000;

type BenchMessage = { bench?: string; cpuMs?: number };

if (cluster.isWorker) {
  const registry = new Registry();
  const recordAll = seedRecorder(createProcessorMetrics({ registry }));
  recordAll();
  // Answers every request, and refreshes its snapshot file as often as the primary wants.
  const stop = shareClusterMetrics(registry);
  // prom-client's workers answer with the registries set here (the global one by default), and
  // only once an AggregatorRegistry was constructed in them.
  AggregatorRegistry.setRegistries([await promClientMirror(registry)]);
  new AggregatorRegistry();
  let busy: NodeJS.Timeout | undefined;
  process.on('message', (message: BenchMessage) => {
    if (message?.bench === 'busy') {
      // Every counter and histogram series changes between two scrapes.
      busy = setInterval(recordAll, 1);
    } else if (message?.bench === 'idle') {
      clearInterval(busy);
    } else if (message?.bench === 'stop') {
      stop();
    } else if (message?.bench === 'cpu') {
      const before = process.cpuUsage();
      setTimeout(() => process.send?.({ bench: 'cpu', cpuMs: cpuMs(before) }), CPU_WINDOW_MS);
    }
  });
  process.send?.({ bench: 'ready' });
} else {
  // Two primaries' views of the same workers: one asks only workers whose snapshot file is
  // older than MAX_AGE_MS, one asks every worker at every scrape.
  const registry = new Registry();
  createProcessorMetrics({ registry });
  const hub = combineClusterMetrics(registry, { maxAgeMs: MAX_AGE_MS });
  const asking = new Registry();
  createProcessorMetrics({ registry: asking });
  const askingHub = combineClusterMetrics(asking, { maxAgeMs: 0 });
  const promClient = new AggregatorRegistry();
  const asks = countAsks();
  console.log(
    `IPC serialization: ${cluster.settings.serialization ?? 'json'} (prom-client's default; this project's numbers travel in snapshot files)`,
  );
  console.log(
    `freshness: a scrape holds every value each worker recorded up to ${MAX_AGE_MS} ms before it began (snapshot files refreshed every ${MAX_AGE_MS / 2} ms; a worker whose file is older is asked); asking every worker: every value recorded before it began`,
  );
  for (const workers of [2, 4]) {
    await forkReadyWorkers(workers);
    const theirs = await promClient.clusterMetrics();
    const fresh = await renderMetrics(registry, 'prometheus');
    // Both views must hold the same numbers, or the speed of one would mean nothing.
    const asked = await renderMetrics(asking, 'prometheus');
    if (withoutSelfMetrics(asked) !== withoutSelfMetrics(fresh) || samplesIn(fresh) < 900) {
      throw new Error('the view with a freshness bound differs from the asked one');
    }
    const timings = await timeRounds(promClient, registry, asking, asks);
    const [theirMs, freshMs, askingMs] = timings.ms;
    console.log(
      `${workers} workers, medians of ${ROUNDS}: prom-client clusterMetrics ${theirMs?.toFixed(3)} ms (${samplesIn(theirs)} samples); fresh to ${MAX_AGE_MS} ms ${freshMs?.toFixed(3)} ms (${samplesIn(fresh)} samples, asked a worker in ${timings.asked} scrapes); asking every worker ${askingMs?.toFixed(3)} ms`,
    );
    const suffix = workers === 2 ? '' : `_${workers}_workers`;
    console.log(`ratio promclient_cluster_scrape_vs_generated${suffix} ${ratio(theirMs, freshMs)}`);
    console.log(
      `ratio promclient_cluster_scrape_vs_generated_asking${suffix} ${ratio(theirMs, askingMs)}`,
    );
    broadcast('busy');
    const busy = await timeRounds(promClient, registry, asking, asks);
    broadcast('idle');
    console.log(
      `${workers} workers recording the seed's whole set every millisecond (every counter and histogram changes between scrapes): prom-client ${busy.ms[0]?.toFixed(3)} ms; fresh to ${MAX_AGE_MS} ms ${busy.ms[1]?.toFixed(3)} ms (asked in ${busy.asked} scrapes); asking every worker ${busy.ms[2]?.toFixed(3)} ms`,
    );
    console.log(
      `ratio promclient_cluster_scrape_vs_generated_changing${suffix} ${ratio(busy.ms[0], busy.ms[1])}`,
    );
    const pushing = await cpuPerSecond();
    broadcast('stop');
    const idle = await cpuPerSecond();
    console.log(
      `${workers} idle workers, CPU ms per second: ${pushing.workers} each refreshing its file every ${MAX_AGE_MS / 2} ms, ${idle.workers} without; primary ${pushing.primary} and ${idle.primary}`,
    );
    await stopWorkers();
  }
  hub.close();
  askingHub.close();
}

/**
 * Interleaved, so that load from other processes weighs on all alike, and in an order that
 * turns each round, so that no one always runs after prom-client (whose garbage the next
 * scrape's allocations may have to collect).
 */
async function timeRounds(
  promClient: AggregatorRegistry<RegistryContentType>,
  fresh: Registry,
  asking: Registry,
  asks: { all: number },
) {
  const ms: number[][] = [[], [], []];
  let askedScrapes = 0;
  const scrapes = [
    () => promClient.clusterMetrics(),
    async () => {
      const before = asks.all;
      await renderMetrics(fresh, 'prometheus');
      if (asks.all !== before) askedScrapes++;
    },
    () => renderMetrics(asking, 'prometheus'),
  ];
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < scrapes.length; k++) {
      const which = (round + k) % scrapes.length;
      ms[which]?.push(await timed(scrapes[which] as () => Promise<unknown>));
    }
  }
  return { ms: ms.map(median), asked: askedScrapes };
}

/** Counts requests to workers; scrapes run one at a time, so each count is one scrape's. */
function countAsks(): { all: number } {
  const counts = { all: 0 };
  const ask = WorkerLink.prototype.ask;
  WorkerLink.prototype.ask = function (this: WorkerLink, ...args) {
    counts.all++;
    return ask.apply(this, args);
  };
  return counts;
}

function withoutSelfMetrics(exposition: string): string {
  return exposition
    .split('\n')
    .filter((line) => !line.includes('_metrics_cluster_'))
    .join('\n');
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function ratio(theirs: number | undefined, ours: number | undefined): string {
  return ((theirs ?? Number.NaN) / (ours ?? Number.NaN)).toFixed(2);
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** CPU time per second of each worker and of this primary over CPU_WINDOW_MS. */
async function cpuPerSecond(): Promise<{ workers: string; primary: string }> {
  const before = process.cpuUsage();
  const perWorker = await Promise.all(
    liveWorkers().map(
      (worker) =>
        new Promise<number>((resolve) => {
          const onMessage = (message: BenchMessage) => {
            if (message?.bench !== 'cpu') return;
            worker.off('message', onMessage);
            resolve(message.cpuMs ?? Number.NaN);
          };
          worker.on('message', onMessage);
          worker.send({ bench: 'cpu' });
        }),
    ),
  );
  const perSecond = (ms: number) => ((ms * 1000) / CPU_WINDOW_MS).toFixed(1);
  return { workers: perWorker.map(perSecond).join('/'), primary: perSecond(cpuMs(before)) };
}

function broadcast(bench: string): void {
  for (const worker of liveWorkers()) worker.send({ bench });
}
