// One server under load, in its own process so that it never shares an event loop with the load
// generator or another server. LOAD_SERVER picks it; it prints `listening PORT` when ready.
//   generated  the real app (createMetricsApp via startMetricsServer) over the seed's full
//              series set, while the demo simulation records at full speed in this process
//   promclient a Hono endpoint rendering a prom-client registry with the same series per request
//   static     a Hono endpoint returning a string of the same size: the ceiling
//   soak       the real app while new free-form label values arrive without end; prints its
//              memory every second as `memory RSS HEAP`
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { Registry } from 'prom-client';
import { createSimulation, seededRandom } from '../../examples/stream-processor/simulation.ts';
import { createProcessorMetrics } from '../../generated/metrics.ts';
import { CONTENT_TYPES, renderMetrics } from '../../src/index.ts';
import { startMetricsServer } from '../../src/node.ts';
import { promClientMirror } from '../promclient-mirror.ts';
import { recordSeedSeries } from '../seed-series.ts';

const kind = process.env.LOAD_SERVER ?? 'generated';
const registry = new Registry();
const metrics = createProcessorMetrics({ registry });
recordSeedSeries(metrics);
const contentType = CONTENT_TYPES.prometheus;

async function listen(app: Hono): Promise<number> {
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(info.port));
  });
}

async function start(): Promise<number> {
  if (kind === 'promclient') {
    const mirror = await promClientMirror(registry);
    const app = new Hono();
    app.get('/metrics', async (c) =>
      c.body(await mirror.metrics(), 200, { 'Content-Type': contentType }),
    );
    return listen(app);
  }
  if (kind === 'static') {
    const body = await renderMetrics(registry, 'prometheus');
    const app = new Hono();
    app.get('/metrics', (c) => c.body(body, 200, { 'Content-Type': contentType }));
    return listen(app);
  }
  const server = await startMetricsServer({
    registry,
    host: '127.0.0.1',
    port: 0,
    handleSignals: false,
  });
  if (kind === 'soak') soakNewLabelValues();
  else recordAtFullSpeed();
  return server.port;
}

/**
 * The demo's simulation ticked back to back, 100 simulated milliseconds a turn, yielding to the
 * event loop between ticks: recording competes with serving for the one CPU this process has.
 */
function recordAtFullSpeed(): void {
  const simulation = createSimulation(metrics, { random: seededRandom(7) });
  let ticks = 0;
  const tick = (): void => {
    simulation.tick(0.1);
    ticks++;
    setImmediate(tick);
  };
  tick();
  process.on('SIGTERM', () => {
    console.log(`ticks ${ticks}`);
    process.exit(0);
  });
}

/** A steady stream of values never seen before, on every free-form label, far past max_values. */
function soakNewLabelValues(): void {
  let n = 0;
  const batch = (): void => {
    for (let i = 0; i < 1000; i++, n++) {
      metrics.recordKafkaMessageConsumed(`topic-${n}`, n % 100_000);
      metrics.setKafkaConsumerLag(`lag-topic-${n}`, n, n % 1000);
      metrics.recordOperatorDuration(`operator-${n}`, 0.001);
    }
    setImmediate(batch);
  };
  batch();
  setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    console.log(`memory ${rss} ${heapUsed} ${n}`);
  }, 1000).unref();
}

console.log(`listening ${await start()}`);
