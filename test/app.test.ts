import { gunzipSync } from 'node:zlib';
import { prometheus } from '@hono/prometheus';
import { Hono } from 'hono';
import { CONTENT_TYPES, createMetricsApp, Readiness } from 'metrics-kit';
import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';

/** What Prometheus 2.42 sends when it scrapes (REFERENCE.md). */
const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

function appWithMetrics(options: Parameters<typeof createMetricsApp>[0] = {}) {
  const registry = new Registry();
  const metrics = createProcessorMetrics({ registry });
  return { app: createMetricsApp({ registry, ...options }), metrics, registry };
}

describe('GET /metrics', () => {
  it.each([
    ['no Accept header', undefined, 'prometheus'],
    ["Prometheus's Accept header", PROMETHEUS_ACCEPT, 'openmetrics'],
    ['text/plain', 'text/plain;version=0.0.4', 'prometheus'],
    ['text/plain preferred by q', 'application/openmetrics-text;q=0.2,text/plain', 'prometheus'],
    ['*/*', '*/*', 'prometheus'],
    ['an unsupported type only', 'application/json', 'prometheus'],
  ] as const)('negotiates the format from %s', async (_case, accept, format) => {
    const { app, metrics } = appWithMetrics();
    metrics.recordLateEvent(2);
    const response = await app.request('/metrics', accept ? { headers: { Accept: accept } } : {});
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(CONTENT_TYPES[format]);
    const body = await response.text();
    expect(body).toContain('\nprocessor_late_events_total 2\n');
    expect(body.endsWith('# EOF\n')).toBe(format === 'openmetrics');
  });

  it('includes metrics that other code registered in the same registry', async () => {
    const { app, registry } = appWithMetrics();
    new Counter({ name: 'other_jobs_total', help: 'Jobs.', registers: [registry] }).inc(3);
    const body = await (await app.request('/metrics')).text();
    expect(body).toContain('\nother_jobs_total 3\n');
    expect(body).toContain('# TYPE processor_events_received_total counter\n');
  });

  it.each([
    ['0.0.4', 'text/plain'],
    ['OpenMetrics', PROMETHEUS_ACCEPT],
  ])('gzips %s when Accept-Encoding allows it, to the same body', async (_format, accept) => {
    const { app } = appWithMetrics();
    const plain = await (await app.request('/metrics', { headers: { Accept: accept } })).text();
    const response = await app.request('/metrics', {
      headers: { Accept: accept, 'Accept-Encoding': 'gzip' },
    });
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    expect(response.headers.get('Vary')).toContain('Accept-Encoding');
    const body = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
    expect(body).toBe(plain);
  });

  it('does not gzip when the client does not ask', async () => {
    const { app } = appWithMetrics();
    const response = await app.request('/metrics', { headers: { 'Accept-Encoding': 'identity' } });
    expect(response.headers.get('Content-Encoding')).toBeNull();
  });

  it('answers HEAD with the headers and no body', async () => {
    const { app } = appWithMetrics();
    const response = await app.request('/metrics', {
      method: 'HEAD',
      headers: { Accept: PROMETHEUS_ACCEPT },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(CONTENT_TYPES.openmetrics);
    expect(await response.text()).toBe('');
  });

  it('answers 500 with a short message when a collect callback throws, then recovers', async () => {
    const { app, registry } = appWithMetrics();
    let fail = true;
    new Counter({
      name: 'flaky_total',
      help: 'Fails once.',
      registers: [registry],
      collect() {
        if (fail) throw new Error('database is down at /srv/secret/path.ts:12');
      },
    });
    const failed = await app.request('/metrics');
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: 'failed to collect metrics' });
    fail = false;
    expect((await app.request('/metrics')).status).toBe(200);
  });
});

describe('GET /health', () => {
  it('reports status, version and whole seconds of uptime', async () => {
    const { app } = appWithMetrics({ version: '1.2.3' });
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'healthy',
      version: '1.2.3',
      uptime_seconds: 0,
    });
  });
});

describe('GET /ready', () => {
  it('is ready with no checks', async () => {
    const { app } = appWithMetrics();
    const response = await app.request('/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, checks: [] });
  });

  it('reports each check, 200 when all pass', async () => {
    const readiness = new Readiness([
      { name: 'processor', check: () => true },
      { name: 'kafka', check: async () => ({ ready: true, message: 'connected' }) },
    ]);
    const { app } = appWithMetrics({ readiness });
    const response = await app.request('/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ready: true,
      checks: [
        { name: 'processor', ready: true, message: null },
        { name: 'kafka', ready: true, message: 'connected' },
      ],
    });
  });

  it('answers 503 for a check that fails, throws or hangs, with the reason and no stack', async () => {
    let aborted = false;
    const readiness = new Readiness([
      { name: 'ok', check: async () => undefined },
      { name: 'false', check: async () => false },
      {
        name: 'throws',
        check: async () => {
          throw new Error('connection refused\n    at connect (/srv/app/db.ts:10:5)');
        },
      },
      {
        name: 'sync-throws',
        check: () => {
          throw 'plain string';
        },
      },
      {
        name: 'hangs',
        timeoutMs: 50,
        check: (signal) =>
          new Promise(() => {
            signal.addEventListener('abort', () => {
              aborted = true;
            });
          }),
      },
    ]);
    const { app } = appWithMetrics({ readiness });
    const response = await app.request('/ready');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      ready: false,
      checks: [
        { name: 'ok', ready: true, message: null },
        { name: 'false', ready: false, message: 'not ready' },
        { name: 'throws', ready: false, message: 'check threw an error' },
        { name: 'sync-throws', ready: false, message: 'check threw an error' },
        { name: 'hangs', ready: false, message: 'timed out after 50 ms' },
      ],
    });
    expect(aborted).toBe(true);
  });

  it('takes checks registered after the app was created, and their removal', async () => {
    const readiness = new Readiness();
    const { app } = appWithMetrics({ readiness });
    const remove = readiness.add({ name: 'warming-up', check: () => false });
    expect((await app.request('/ready')).status).toBe(503);
    remove();
    expect((await app.request('/ready')).status).toBe(200);
  });
});

describe('errors', () => {
  it('answers unknown paths with 404 JSON', async () => {
    const { app } = appWithMetrics();
    const response = await app.request('/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not found' });
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])(
    'answers %s /metrics with 405 JSON',
    async (method) => {
      const { app } = appWithMetrics();
      const response = await app.request('/metrics', { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('Allow')).toContain('GET');
      expect(await response.json()).toEqual({ error: 'method not allowed' });
    },
  );
});

describe('mounting', () => {
  it("exposes @hono/prometheus's request metrics from the same registry", async () => {
    const registry = new Registry();
    createProcessorMetrics({ registry });
    const { registerMetrics } = prometheus({ registry });
    const application = new Hono();
    application.use('*', registerMetrics);
    application.get('/orders', (c) => c.json([]));
    application.route('/', createMetricsApp({ registry }));
    await application.request('/orders');
    const body = await (await application.request('/metrics')).text();
    expect(body).toMatch(/\nhttp_requests_total\{[^}]*route="\/orders"[^}]*\} 1\n/);
    expect(body).toContain('# TYPE http_request_duration_seconds histogram\n');
    expect(body).toContain('# TYPE processor_events_received_total counter\n');
  });

  it('serves the same routes inside an application of its own', async () => {
    const { app: metricsApp } = appWithMetrics({ version: '2.0.0' });
    const application = new Hono();
    application.get('/orders', (c) => c.json([]));
    application.route('/ops', metricsApp);
    expect((await application.request('/ops/health')).status).toBe(200);
    expect(await (await application.request('/ops/metrics')).text()).toContain('processor_');
    expect((await application.request('/orders')).status).toBe(200);
  });
});
