// Cluster workers for the bench/multicore scripts: forked, waited for, stopped.
import cluster, { type Worker } from 'node:cluster';

/** Forks `count` workers and resolves when each has sent `{ bench: 'ready' }`. */
export async function forkReadyWorkers(count: number): Promise<Worker[]> {
  const workers = Array.from({ length: count }, () => cluster.fork());
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker.on('message', (message: { bench?: string } | undefined) => {
            if (message?.bench === 'ready') resolve();
          });
        }),
    ),
  );
  return workers;
}

/** Every worker still known to the primary. */
export function liveWorkers(): Worker[] {
  return Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
}

/** Stops `workers` (every live one by default) and resolves when they have exited. */
export async function stopWorkers(workers: readonly Worker[] = liveWorkers()): Promise<void> {
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise((resolve) => {
          worker.once('exit', resolve);
          worker.process.kill('SIGTERM');
        }),
    ),
  );
}
