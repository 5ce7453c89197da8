import cluster, { type Worker } from 'node:cluster';
import type { ThreadCommand } from '../fixtures/multicore/thread-worker.ts';
import { bundledFixture } from './multicore.ts';

/** A cluster worker running the test recorder. */
export interface TestClusterWorker {
  readonly worker: Worker;
  run(command: ThreadCommand): Promise<void>;
  send(command: ThreadCommand): void;
  /** SIGKILLs the process and waits for the primary to see it exit. */
  kill(): Promise<void>;
}

let exec: string | undefined;

/** Forks a worker from the bundled fixture (call after combineClusterMetrics) and waits until it is ready. */
export async function forkWorker(env: Record<string, string> = {}): Promise<TestClusterWorker> {
  exec ??= bundledFixture('cluster-worker');
  cluster.setupPrimary({ exec, execArgv: [], silent: true });
  const worker = cluster.fork(env);
  await reply(worker, 'ready');
  return {
    worker,
    async run(command) {
      const done = reply(worker, 'done');
      worker.send({ test: command });
      await done;
    },
    send: (command) => worker.send({ test: command }),
    async kill() {
      if (worker.isDead()) return;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.process.kill('SIGKILL');
      await exited;
    },
  };
}

function reply(worker: Worker, expected: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { test?: string }) => {
      if (message?.test !== expected) return;
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      resolve();
    };
    const onExit = () => reject(new Error(`worker exited before "${expected}"`));
    worker.on('message', onMessage);
    worker.once('exit', onExit);
  });
}
