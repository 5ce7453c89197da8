// Part of `npm run bench:multicore`: a cluster primary scraping its workers, prom-client's
// AggregatorRegistry.clusterMetrics() against combineClusterMetrics, same series (the seed's
// full set, recorded once in every worker), with 2 and then 4 workers.
import cluster from 'node:cluster';
import process from 'node:process';
import { AggregatorRegistry, Registry } from 'prom-client';
import { createProcessorMetrics } from '../../generated/metrics.ts';
import { combineClusterMetrics, renderMetrics, shareClusterMetrics } from '../../src/index.ts';
import { promClientMirror } from '../promclient-mirror.ts';
import { recordSeedSeries } from '../seed-series.ts';
import { median, samplesIn } from './stats.ts';

const ROUNDS = Number(process.env.BENCH_CLUSTER_ROUNDS ?? 300);
const PUSH_INTERVAL_MS = 1_000;

if (cluster.isWorker) {
  const registry = new Registry();
  recordSeedSeries(createProcessorMetrics({ registry }));
  // Answers every request, and pushes a snapshot every second for the primary that never asks.
  shareClusterMetrics(registry, { pushIntervalMs: PUSH_INTERVAL_MS });
  // prom-client's workers answer with the registries set here (the global one by default), and
  // only once an AggregatorRegistry was constructed in them.
  AggregatorRegistry.setRegistries([await promClientMirror(registry)]);
  new AggregatorRegistry();
  process.send?.({ bench: 'ready' });
} else {
  // Two primaries' views of the same workers: one asks at every scrape (the default), one
  // renders at once from the snapshots the workers push (maxAgeMs above their interval).
  const registry = new Registry();
  createProcessorMetrics({ registry });
  const hub = combineClusterMetrics(registry);
  const pushed = new Registry();
  createProcessorMetrics({ registry: pushed });
  const pushedHub = combineClusterMetrics(pushed, { maxAgeMs: 2 * PUSH_INTERVAL_MS });
  const promClient = new AggregatorRegistry();
  for (const workers of [2, 4]) {
    await forkWorkers(workers);
    const theirs = await promClient.clusterMetrics();
    const ours = await renderMetrics(registry, 'prometheus');
    // The view from pushed snapshots must hold the same numbers, or its speed would mean nothing.
    const fromPushes = await renderMetrics(pushed, 'prometheus');
    if (withoutSelfMetrics(fromPushes) !== withoutSelfMetrics(ours) || samplesIn(ours) < 900) {
      throw new Error('the pushed view differs from the asked one');
    }
    const timings = { theirs: [] as number[], ours: [] as number[], pushed: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved, so that load from other processes weighs on all alike.
      timings.theirs.push(await timed(() => promClient.clusterMetrics()));
      timings.ours.push(await timed(() => renderMetrics(registry, 'prometheus')));
      timings.pushed.push(await timed(() => renderMetrics(pushed, 'prometheus')));
    }
    const [theirMs, ourMs, pushedMs] = [timings.theirs, timings.ours, timings.pushed].map(median);
    console.log(
      `${workers} workers, medians of ${ROUNDS}: prom-client clusterMetrics ${theirMs?.toFixed(3)} ms (${samplesIn(theirs)} samples); asking every worker ${ourMs?.toFixed(3)} ms (${samplesIn(ours)} samples); from pushed snapshots ${pushedMs?.toFixed(3)} ms`,
    );
    const suffix = workers === 2 ? '' : `_${workers}_workers`;
    console.log(`ratio promclient_cluster_scrape_vs_generated${suffix} ${ratio(theirMs, ourMs)}`);
    console.log(
      `ratio promclient_cluster_scrape_vs_generated_pushed${suffix} ${ratio(theirMs, pushedMs)}`,
    );
    await stopWorkers();
  }
  hub.close();
  pushedHub.close();
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

/** Forks workers and waits until both sides are set up in each. */
async function forkWorkers(count: number): Promise<void> {
  const ready = Array.from({ length: count }, () => {
    const worker = cluster.fork();
    return new Promise<void>((resolve) => {
      worker.on('message', (message: { bench?: string }) => {
        if (message?.bench === 'ready') resolve();
      });
    });
  });
  await Promise.all(ready);
}

async function stopWorkers(): Promise<void> {
  const workers = Object.values(cluster.workers ?? {});
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise((resolve) => {
          worker?.once('exit', resolve);
          worker?.process.kill('SIGTERM');
        }),
    ),
  );
}
