// One server under load, in its own process so that it never shares an event loop with the load
// generator or another server. LOAD_SERVER picks it; it prints `listening PORT` when ready.
// Every registry holds the seed's full series set and prom-client's default metrics.
//   generated  the real app (createMetricsApp via startMetricsServer), while the demo
//              simulation records at full speed in this process; on SIGTERM, prints
//              `ticks N renders N seconds S`
//   promclient a Hono endpoint rendering a prom-client registry with the same series per request
//   static     a Hono endpoint returning a fixed string, LOAD_BODY_BYTES long: the ceiling
//   soak       the real app while new free-form label values arrive without end; prints its
//              memory every 5 s, after a full GC, as `memory RSS HEAP_USED VALUES_RECORDED`
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { CONTENT_TYPES, renderMetrics } from 'metrics-kit';
import { startMetricsServer } from 'metrics-kit/node';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createSimulation, seededRandom } from '../../examples/stream-processor/simulation.ts';
import { createProcessorMetrics } from '../../generated/metrics.ts';
import { promClientMirror } from '../promclient-mirror.ts';
import { recordSeedSeries } from '../seed-series.ts';

const kind = process.env.LOAD_SERVER ?? 'generated';
const registry = new Registry();
const metrics = createProcessorMetrics({ registry });
collectDefaultMetrics({ register: registry });
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
    collectDefaultMetrics({ register: mirror });
    const app = new Hono();
    app.get('/metrics', async (c) =>
      c.body(await mirror.metrics(), 200, { 'Content-Type': contentType }),
    );
    return listen(app);
  }
  if (kind === 'static') {
    const rendered = await renderMetrics(registry, 'prometheus');
    const size = Number(process.env.LOAD_BODY_BYTES) || rendered.length;
    const body =
      rendered.length + 3 <= size
        ? `${rendered}# ${'x'.repeat(size - rendered.length - 3)}\n`
        : rendered.slice(0, size);
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
  const started = performance.now();
  let ticks = 0;
  // renderMetrics reads the registry's metric list once per rendering: counting those calls
  // tells how many requests each rendering served.
  let renders = 0;
  const list = registry.getMetricsAsArray.bind(registry);
  registry.getMetricsAsArray = () => {
    renders++;
    return list();
  };
  const tick = (): void => {
    simulation.tick(0.1);
    ticks++;
    setImmediate(tick);
  };
  tick();
  process.on('SIGTERM', () => {
    const seconds = (performance.now() - started) / 1000;
    console.log(`ticks ${ticks} renders ${renders} seconds ${seconds.toFixed(1)}`);
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
  const report = (): void => {
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    console.log(`memory ${rss} ${heapUsed} ${n}`);
  };
  report();
  setInterval(report, 5000).unref();
}

console.log(`listening ${await start()}`);
