import { connect } from 'node:net';
import { type MetricsServer, MetricsServerError, startMetricsServer } from 'metrics-kit/node';
import { Gauge, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { freePort, pollUntil, startProcess, stopAll } from './support/processes.ts';

/**
 * Faults a server meets in production, each followed by a request that must still be served:
 * the server keeps serving after every one of them.
 */
const servers: MetricsServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await stopAll();
});

async function start(options: Parameters<typeof startMetricsServer>[0]): Promise<MetricsServer> {
  const server = await startMetricsServer({
    host: '127.0.0.1',
    port: 0,
    handleSignals: false,
    ...options,
  });
  servers.push(server);
  return server;
}

async function stillServes(server: MetricsServer): Promise<void> {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('# TYPE processor_events_received_total counter');
  expect((await fetch(`${server.url}/health`)).status).toBe(200);
}

describe('faults', () => {
  it('a collect callback that throws: 500 with a short message, then the next scrape works', async () => {
    const registry = new Registry();
    createProcessorMetrics({ registry });
    let failing = true;
    new Gauge({
      name: 'flaky',
      help: 'Throws while failing is set.',
      registers: [registry],
      collect() {
        if (failing) throw new Error('backend gone at /srv/app/flaky.ts:3');
        this.set(1);
      },
    });
    const server = await start({ registry });
    const failed = await fetch(`${server.url}/metrics`);
    expect(failed.status).toBe(500);
    expect(await failed.text()).toBe('{"error":"failed to collect metrics"}');
    failing = false;
    await stillServes(server);
  });

  it('readiness checks that hang or throw: 503 with a message, and the server keeps serving', async () => {
    const registry = new Registry();
    createProcessorMetrics({ registry });
    const server = await start({
      registry,
      readiness: [
        { name: 'hangs', check: () => new Promise(() => {}), timeoutMs: 100 },
        { name: 'throws', check: () => Promise.reject(new Error('no route to 10.0.0.7')) },
      ],
    });
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      ready: false,
      checks: [
        { name: 'hangs', ready: false, message: 'timed out after 100 ms' },
        { name: 'throws', ready: false, message: 'check threw an error' },
      ],
    });
    await stillServes(server);
  });

  it('a port in use: a one-line error, and the server holding it keeps serving', async () => {
    const registry = new Registry();
    createProcessorMetrics({ registry });
    const server = await start({ registry });
    const second = startMetricsServer({
      host: '127.0.0.1',
      port: server.port,
      handleSignals: false,
    });
    await expect(second).rejects.toThrow(MetricsServerError);
    await stillServes(server);
  });

  it('clients that disconnect mid-response: the server keeps serving', async () => {
    const registry = new Registry();
    createProcessorMetrics({ registry });
    const wide = new Gauge({
      name: 'wide',
      help: 'Many series.',
      labelNames: ['id'],
      registers: [registry],
    });
    for (let id = 0; id < 20_000; id++) wide.set({ id: String(id) }, id);
    const server = await start({ registry });
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1', () => {
          socket.write(
            `GET /metrics HTTP/1.1\r\nHost: x\r\nAccept-Encoding: ${i % 2 ? 'gzip' : 'identity'}\r\n\r\n`,
          );
        });
        socket.once('data', () => {
          socket.destroy();
          resolve();
        });
        socket.once('error', reject);
      });
    }
    const full = await fetch(`${server.url}/metrics`);
    expect(full.status).toBe(200);
    expect((await full.text()).split('\nwide{').length - 1).toBe(20_000);
    await stillServes(server);
  });

  it('recording after the server closed: nothing throws, and a later server exposes it', async () => {
    const registry = new Registry();
    const metrics = createProcessorMetrics({ registry });
    const first = await startMetricsServer({
      host: '127.0.0.1',
      port: 0,
      handleSignals: false,
      registry,
    });
    await first.close();
    await first.close();
    metrics.recordEventReceived(5);
    metrics.recordKafkaMessageConsumed('orders', 1);
    const second = await start({ registry });
    const body = await (await fetch(`${second.url}/metrics`)).text();
    expect(body).toContain('\nprocessor_events_received_total 5\n');
    expect(body).toContain(
      'processor_kafka_messages_consumed_total{topic="orders",partition="1"} 1\n',
    );
  });

  it('recording after registry.clear(): nothing throws, nothing is exposed, the set can be created again', async () => {
    const registry = new Registry();
    const old = createProcessorMetrics({ registry });
    registry.clear();
    expect(() => {
      old.recordEventReceived(3);
      old.setWindowsActive('session', 2);
      old.recordOperatorDuration('map', 0.01);
    }).not.toThrow();
    expect((await registry.metrics()).trim()).toBe('');
    createProcessorMetrics({ registry }).recordEventReceived(1);
    expect(await registry.metrics()).toContain('\nprocessor_events_received_total 1\n');
  });

  it('SIGTERM during a scrape: the in-flight scrape completes, then the process exits 0', async () => {
    const port = await freePort();
    const server = startProcess('node_modules/.bin/tsx', ['test/fixtures/faults/server.ts'], {
      METRICS_PORT: String(port),
      SLOW_COLLECT_MS: '1500',
    });
    await pollUntil(`http://127.0.0.1:${port}/health`, (r) => (r.ok ? true : undefined), 30_000);
    const scrape = fetch(`http://127.0.0.1:${port}/metrics`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = server.stop('SIGTERM', 10_000);
    const response = await scrape;
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('\nfault_slow_collect 1\n');
    expect(body).toContain('\nprocessor_events_received_total 41\n');
    expect(await exited).toBe(0);
    expect(server.output()).toContain('stopped on SIGTERM');
  });
});
