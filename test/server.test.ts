import { CONTENT_TYPES } from 'metrics-kit';
import { type MetricsServer, MetricsServerError, startMetricsServer } from 'metrics-kit/node';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { resolveListenOptions } from '../src/server/listen-options.ts';

const servers: MetricsServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: Parameters<typeof startMetricsServer>[0]): Promise<MetricsServer> {
  const server = await startMetricsServer({ host: '127.0.0.1', handleSignals: false, ...options });
  servers.push(server);
  return server;
}

describe('startMetricsServer on Node', () => {
  it('serves the endpoints over a real socket', async () => {
    const registry = new Registry();
    createProcessorMetrics({ registry }).recordEventReceived(7);
    const server = await start({ port: 0, registry, version: '9.9.9' });
    expect(server.port).toBeGreaterThan(0);
    const metrics = await fetch(`${server.url}/metrics`, {
      headers: { Accept: 'application/openmetrics-text;version=1.0.0', 'Accept-Encoding': 'gzip' },
    });
    expect(metrics.headers.get('Content-Type')).toBe(CONTENT_TYPES.openmetrics);
    expect(metrics.headers.get('Content-Encoding')).toBe('gzip');
    // fetch decompresses: the body arrives as text.
    expect(await metrics.text()).toContain('\nprocessor_events_received_total 7\n');
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toMatchObject({ status: 'healthy', version: '9.9.9' });
  });

  it('rejects with a one-line error when the port is taken', async () => {
    const first = await start({ port: 0 });
    const second = startMetricsServer({
      host: '127.0.0.1',
      port: first.port,
      handleSignals: false,
    });
    await expect(second).rejects.toThrow(MetricsServerError);
    await expect(second).rejects.toThrow(
      `metrics server: 127.0.0.1:${first.port} is already in use; stop the other process or set METRICS_PORT`,
    );
  });

  it('finishes an in-flight request when closed', async () => {
    const server = await start({
      port: 0,
      readiness: [
        {
          name: 'slow',
          check: () => new Promise((resolve) => setTimeout(() => resolve(true), 300)),
        },
      ],
    });
    const inFlight = fetch(`${server.url}/ready`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = server.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    await closed;
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});

describe('listen options', () => {
  const env =
    (values: Record<string, string>) =>
    (name: string): string | undefined =>
      values[name];

  it.each([
    ['defaults', {}, {}, { host: '0.0.0.0', port: 9090 }],
    [
      'environment',
      {},
      { METRICS_HOST: '127.0.0.1', METRICS_PORT: '9191' },
      { host: '127.0.0.1', port: 9191 },
    ],
    [
      'options over environment',
      { host: '::1', port: 0 },
      { METRICS_PORT: '9191' },
      { host: '::1', port: 0 },
    ],
    [
      'blank environment',
      {},
      { METRICS_HOST: ' ', METRICS_PORT: '' },
      { host: '0.0.0.0', port: 9090 },
    ],
  ] as const)('%s', (_case, options, values, want) => {
    expect(resolveListenOptions(options, env(values))).toEqual(want);
  });

  it.each([
    [{ METRICS_PORT: 'http' }, 'metrics server: METRICS_PORT="http" is not a port number'],
    [{ METRICS_PORT: '70000' }, 'metrics server: port 70000 is not an integer in 0-65535'],
    [{ METRICS_PORT: '-1' }, 'metrics server: METRICS_PORT="-1" is not a port number'],
  ])('rejects %o', (values, message) => {
    expect(() => resolveListenOptions({}, env(values))).toThrow(message);
  });
});
