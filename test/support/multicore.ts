import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import type { ThreadMetricsData } from '../../src/index.ts';
import type { ThreadCommand } from '../fixtures/multicore/thread-worker.ts';
import { PROJECT_ROOT } from './cli.ts';

const BUILD_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'metrics-kit-multicore');

/**
 * A fixture bundled with its dependencies into one JavaScript file, so
 * that a worker starts in milliseconds: a hundred restarts then take seconds, not minutes.
 */
export function bundledFixture(name: string): string {
  mkdirSync(BUILD_DIR, { recursive: true });
  const outfile = join(BUILD_DIR, `${name}.mjs`);
  buildSync({
    entryPoints: [fileURLToPath(new URL(`../fixtures/multicore/${name}.ts`, import.meta.url))],
    bundle: true,
    // piscina's worker state lives in its own module instance, which the task must share.
    external: ['piscina'],
    // prom-client is CommonJS: its require() calls need a real require in an ES module.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

let threadWorker: string | undefined;

/** A worker thread running the test recorder, started from TypeScript through tsx. */
export interface TestThread {
  readonly worker: Worker;
  /** Sends a command and waits until the worker has recorded it. */
  run(command: ThreadCommand): Promise<void>;
  /** Sends a command without waiting (a hang, or a record cut short by terminate()). */
  send(command: ThreadCommand): void;
}

export async function startThread(metrics: ThreadMetricsData): Promise<TestThread> {
  threadWorker ??= bundledFixture('thread-worker');
  const worker = new Worker(threadWorker, { workerData: { metrics } });
  const [first] = await once(worker, 'message');
  if (first !== 'ready') throw new Error(`worker said ${String(first)}`);
  return {
    worker,
    async run(command) {
      worker.postMessage(command);
      await once(worker, 'message');
    },
    send: (command) => worker.postMessage(command),
  };
}

/** The value of one sample in a 0.0.4 exposition, or undefined when absent. */
export function sampleValue(exposition: string, sample: string): number | undefined {
  for (const line of exposition.split('\n')) {
    if (line.startsWith(`${sample} `)) return Number(line.slice(sample.length + 1));
  }
  return undefined;
}

/** Every sample line of an exposition whose name starts with `prefix`. */
export function samplesOf(exposition: string, prefix: string): string[] {
  return exposition.split('\n').filter((line) => line.startsWith(prefix));
}
