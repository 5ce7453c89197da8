import { once } from 'node:events';
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { createMetricsApp } from 'metrics-kit';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';

/** The README's ways of adding the endpoints to a server a service already has. */
function registryWithData(): Registry {
  const registry = new Registry();
  createProcessorMetrics({ registry }).recordEventReceived(3);
  return registry;
}

describe('mounting the metrics app', () => {
  it('into an existing Hono app, beside its own routes', async () => {
    const app = new Hono();
    app.get('/orders', (c) => c.text('orders'));
    app.route('/', createMetricsApp({ registry: registryWithData() }));
    expect(await (await app.request('/orders')).text()).toBe('orders');
    expect(await (await app.request('/metrics')).text()).toContain(
      'processor_events_received_total 3',
    );
    expect((await app.request('/ready')).status).toBe(200);
  });

  it('into a Node request handler, as Express takes one', async () => {
    const listener = getRequestListener(createMetricsApp({ registry: registryWithData() }).fetch);
    const server = createServer((request, response) => {
      if (request.url === '/metrics') listener(request, response);
      else response.end('own route');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('text/plain; version=0.0.4');
      expect(await metrics.text()).toContain('processor_events_received_total 3');
      expect(await (await fetch(`http://127.0.0.1:${port}/other`)).text()).toBe('own route');
    } finally {
      server.close();
    }
  });
});
