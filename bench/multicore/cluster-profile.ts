// Where a cluster scrape spends its time (not part of bench:multicore): the primary's
// collection (reading snapshot files, asking workers) against rendering, and how often it asked.
// MAX_AGE_MS, IPC=1 and CHANGING=1 (workers record everything every millisecond) vary it.
import cluster from 'node:cluster';
import process from 'node:process';
import { Registry } from 'prom-client';
import { createProcessorMetrics } from '../../generated/metrics.ts';
import { combineClusterMetrics, renderMetrics, shareClusterMetrics } from '../../src/index.ts';
import { WorkerLink } from '../../src/multicore/cluster-link.ts';
import { setBeforeScrape } from '../../src/scrape/scrape-hooks.ts';
import { seedRecorder } from '../seed-series.ts';
import { forkReadyWorkers, stopWorkers } from './bench-workers.ts';
import { median } from './stats.ts';

const ROUNDS = 300;
const MAX_AGE_MS = Number(process.env.MAX_AGE_MS ?? 10);

if (cluster.isWorker) {
  const registry = new Registry();
  const record = seedRecorder(createProcessorMetrics({ registry }));
  record();
  shareClusterMetrics(registry);
  // CHANGING=1: every counter and histogram series changes every millisecond.
  if (process.env.CHANGING === '1') setInterval(record, 1);
  process.send?.({ bench: 'ready' });
} else {
  const registry = new Registry();
  createProcessorMetrics({ registry });
  const hub = combineClusterMetrics(registry, {
    maxAgeMs: MAX_AGE_MS,
    ...(process.env.IPC === '1' ? { snapshotDir: null } : {}),
  });
  let asks = 0;
  const ask = WorkerLink.prototype.ask;
  WorkerLink.prototype.ask = function (...args) {
    asks++;
    return ask.apply(this, args);
  };
  for (const n of [2, 4]) {
    await forkReadyWorkers(n);
    await renderMetrics(registry, 'prometheus');
    asks = 0;
    const t = { collect: [] as number[], render: [] as number[], total: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      // With CHANGING=1, a pause longer than a refresh, so each scrape finds new numbers.
      if (process.env.CHANGING === '1') await new Promise((resolve) => setTimeout(resolve, 6));
      const a = performance.now();
      await hub.collect();
      const b = performance.now();
      setBeforeScrape(registry, undefined);
      await renderMetrics(registry, 'prometheus');
      setBeforeScrape(registry, () => hub.collect());
      const c = performance.now();
      t.collect.push(b - a);
      t.render.push(c - b);
      t.total.push(c - a);
    }
    console.log(
      `${n} workers, maxAgeMs ${MAX_AGE_MS}${process.env.IPC === '1' ? ', over IPC' : ''}: collect ${median(t.collect).toFixed(3)} ms, render ${median(t.render).toFixed(3)} ms, total ${median(t.total).toFixed(3)} ms; asked ${asks} times in ${ROUNDS} scrapes`,
    );
    await stopWorkers();
  }
  hub.close();
}
