import cluster from 'node:cluster';
import process from 'node:process';
import { Worker } from 'node:worker_threads';
import { combineClusterMetrics, combineThreadMetrics, shareClusterMetrics } from 'metrics-kit';
import { startMetricsServer } from 'metrics-kit/node';
import { Registry } from 'prom-client';
import { createProcessorMetrics } from '../../generated/metrics.ts';
import { createDemoRegistry, serveDemo } from './demo.ts';
import { startSimulation } from './simulation.ts';

/** Thread and cluster workers that crash are replaced after this pause. */
const RESTART_DELAY_MS = 1_000;

/**
 * `npm start -- --threads N`: the simulation runs on N worker threads, each recording into its
 * own shard of shared memory; the main thread serves the sum. A thread that exits is replaced,
 * and its counts stay in the totals.
 */
export async function runThreadsDemo(count: number): Promise<void> {
  const registry = createDemoRegistry();
  createProcessorMetrics({ registry });
  const threads = combineThreadMetrics(registry);
  let stopping = false;
  const workers = new Set<Worker>();
  const spawn = (): void => {
    // Worker threads start from JavaScript: the boot file registers tsx, then loads the worker.
    const worker = new Worker(new URL('./thread-boot.mjs', import.meta.url), {
      workerData: {
        entry: new URL('./simulation-thread.ts', import.meta.url).href,
        metrics: threads.workerData,
      },
    });
    workers.add(worker);
    worker.on('error', (error) => console.error(`worker thread failed: ${error.message}`));
    worker.on('exit', () => {
      workers.delete(worker);
      if (!stopping) setTimeout(spawn, RESTART_DELAY_MS).unref();
    });
  };
  for (let i = 0; i < count; i++) spawn();
  await serveDemo({
    registry,
    startMetricsServer,
    runtime: `Node, ${count} worker threads`,
    stop: () => {
      stopping = true;
      for (const worker of workers) void worker.terminate();
    },
  });
}

/**
 * `npm start -- --cluster N`: the primary forks N workers that run the simulation and keep a
 * binary snapshot of their numbers fresh; the primary serves `/metrics` from those snapshots
 * (at most 100 ms old when a scrape begins). A worker that dies is replaced, and its last
 * snapshot stays in the totals.
 */
export async function runClusterDemo(count: number): Promise<void> {
  if (cluster.isWorker) {
    const registry = new Registry();
    const metrics = createProcessorMetrics({ registry });
    shareClusterMetrics(registry);
    startSimulation(metrics);
    return;
  }
  const registry = createDemoRegistry();
  createProcessorMetrics({ registry });
  combineClusterMetrics(registry);
  let stopping = false;
  cluster.on('exit', () => {
    if (!stopping) setTimeout(() => cluster.fork(), RESTART_DELAY_MS).unref();
  });
  for (let i = 0; i < count; i++) cluster.fork();
  await serveDemo({
    registry,
    startMetricsServer,
    runtime: `Node, ${count} cluster workers`,
    stop: () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    },
  });
}

/** `--threads N` or `--cluster N`, N from 1 to 64; a one-line error and exit 2 otherwise. */
export function multicoreMode(
  args: readonly string[],
): { mode: 'threads' | 'cluster'; count: number } | undefined {
  const [flag, value] = args;
  if (flag === undefined) return undefined;
  if (flag !== '--threads' && flag !== '--cluster') usage(`unknown option ${flag}`);
  const count = Number(value);
  if (!(Number.isInteger(count) && count >= 1 && count <= 64)) {
    usage(`${flag} needs a number of workers from 1 to 64, got ${value ?? 'nothing'}`);
  }
  return { mode: flag === '--threads' ? 'threads' : 'cluster', count };
}

function usage(problem: string): never {
  console.error(
    `stream-processor demo: ${problem} (usage: npm start [-- --threads N | --cluster N])`,
  );
  process.exit(2);
}
