// Not part of bench:multicore: prom-client's clusterMetrics() over each IPC serialization
// (`SER=json` or `SER=advanced npx tsx bench/multicore/promclient-serialization.ts`), the
// measurement behind leaving the channel as it is when snapshot files carry the numbers.
import cluster from 'node:cluster';
import process from 'node:process';
import { AggregatorRegistry, Registry } from 'prom-client';
import { createProcessorMetrics } from '../../generated/metrics.ts';
import { promClientMirror } from '../promclient-mirror.ts';
import { recordSeedSeries } from '../seed-series.ts';
import { forkReadyWorkers, stopWorkers } from './bench-workers.ts';
import { median } from './stats.ts';

if (cluster.isWorker) {
  const registry = new Registry();
  recordSeedSeries(createProcessorMetrics({ registry }));
  AggregatorRegistry.setRegistries([await promClientMirror(registry)]);
  new AggregatorRegistry();
  process.send?.({ bench: 'ready' });
} else {
  cluster.setupPrimary({ serialization: process.env.SER as 'json' | 'advanced' });
  const pc = new AggregatorRegistry();
  for (const n of [2, 4]) {
    await forkReadyWorkers(n);
    const t: number[] = [];
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      await pc.clusterMetrics();
      t.push(performance.now() - s);
    }
    console.log(process.env.SER, n, 'workers prom-client', median(t).toFixed(3), 'ms');
    await stopWorkers();
  }
}
