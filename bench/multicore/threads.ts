// Part of `npm run bench:multicore`: recording in worker threads. A counter record in a worker
// (into shared memory) against the main thread (plain memory); two recording threads' total
// throughput against one's; and whether the combined total equals every record made.
import { once } from 'node:events';
import process from 'node:process';
import { Worker } from 'node:worker_threads';
import { Registry } from 'prom-client';
import { createProcessorMetrics } from '../../generated/metrics.ts';
import { combineThreadMetrics, renderMetrics, type ThreadMetricsData } from '../../src/index.ts';
import { median } from './stats.ts';

const RECORDS = Number(process.env.BENCH_THREAD_RECORDS ?? 20_000_000);
const REPEATS = 5;

interface Span {
  readonly started: number;
  readonly ended: number;
}

const registry = new Registry();
createProcessorMetrics({ registry });
const threads = combineThreadMetrics(registry);
let recorded = 0;

const main = mainThreadNs();
const [first, second] = await Promise.all([
  startWorker(threads.workerData),
  startWorker(threads.workerData),
]);
if (first === undefined || second === undefined) throw new Error('workers did not start');

const inWorker: number[] = [];
for (let i = 0; i < REPEATS; i++) {
  const span = await record(first, RECORDS);
  inWorker.push(((span.ended - span.started) * 1e6) / RECORDS);
}
const one: number[] = [];
const two: number[] = [];
for (let i = 0; i < REPEATS; i++) {
  // Alternated, so that load from other processes weighs on both alike.
  one.push(durationOf([await record(first, RECORDS)]));
  two.push(durationOf(await Promise.all([record(first, RECORDS), record(second, RECORDS)])));
}

await Promise.all([first.terminate(), second.terminate()]);
await new Promise((resolve) => setTimeout(resolve, 200));
const exposition = await renderMetrics(registry, 'prometheus');
const total = Number(exposition.split('\nprocessor_events_received_total ')[1]?.split('\n')[0]);
threads.close();

const mainNs = median(main);
const workerNs = median(inWorker);
console.log(
  `counter record: main thread ${mainNs.toFixed(2)} ns, worker thread ${workerNs.toFixed(2)} ns (medians of ${REPEATS} x ${RECORDS})`,
);
const [oneMs, twoMs] = [median(one), median(two)];
console.log(
  `throughput: 1 thread ${((RECORDS / oneMs) * 1e3).toExponential(3)}/s, 2 threads ${(((2 * RECORDS) / twoMs) * 1e3).toExponential(3)}/s`,
);
console.log(`records: ${recorded} made, ${total} in the combined total`);
console.log(`ratio worker_thread_record_vs_main ${(workerNs / mainNs).toFixed(2)}`);
console.log(`ratio two_threads_throughput_vs_one ${((2 * oneMs) / twoMs).toFixed(2)}`);
console.log(`lost ${recorded - total}`);

/** The same loop on the main thread, into a registry of its own (plain memory). */
function mainThreadNs(): number[] {
  const own = createProcessorMetrics({ registry: new Registry() });
  const results: number[] = [];
  for (let i = 0; i < REPEATS + 1; i++) {
    const started = performance.now();
    for (let j = 0; j < RECORDS; j++) own.recordEventReceived();
    if (i > 0) results.push(((performance.now() - started) * 1e6) / RECORDS);
  }
  return results;
}

async function startWorker(data: ThreadMetricsData): Promise<Worker> {
  const worker = new Worker(
    new URL('../../examples/stream-processor/thread-boot.mjs', import.meta.url),
    {
      workerData: { entry: new URL('./record-thread.ts', import.meta.url).href, metrics: data },
    },
  );
  await once(worker, 'message');
  await record(worker, RECORDS); // warm-up: the loop is optimised before it is timed
  return worker;
}

async function record(worker: Worker, count: number): Promise<Span> {
  worker.postMessage(count);
  const [span] = (await once(worker, 'message')) as [Span];
  recorded += count;
  return span;
}

function durationOf(spans: readonly Span[]): number {
  return Math.max(...spans.map((s) => s.ended)) - Math.min(...spans.map((s) => s.started));
}
