import { authFromEnv, createMetricsApp, type MetricsAuth, MetricsAuthError } from 'metrics-kit';
import { MetricsServerError, startMetricsServer } from 'metrics-kit/node';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';

const TOKEN = 'c2VjcmV0LXNjcmFwZS10b2tlbg==';
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function appWith(auth: MetricsAuth) {
  const registry = new Registry();
  createProcessorMetrics({ registry }).recordLateEvent(3);
  return createMetricsApp({ registry, auth });
}

describe('/metrics behind a bearer token', () => {
  const app = appWith({ bearerToken: TOKEN });

  it.each([
    ['no Authorization header', undefined, 401, { error: 'unauthorized' }],
    ['a wrong token', `Bearer ${TOKEN.slice(1)}`, 401, { error: 'unauthorized' }],
    [
      'a token one character longer',
      `Bearer ${TOKEN.replace('==', 'x==')}`,
      401,
      { error: 'unauthorized' },
    ],
    [
      'basic credentials instead',
      basic('prometheus', TOKEN),
      400,
      { error: 'malformed authorization header' },
    ],
    [
      'a header that is not a token',
      'Bearer not a token',
      400,
      { error: 'malformed authorization header' },
    ],
  ])('refuses %s', async (_, header, status, body) => {
    const response = await app.request(
      '/metrics',
      header ? { headers: { Authorization: header } } : {},
    );
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual(body);
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
  });

  it('serves the metrics with the token', async () => {
    const response = await app.request('/metrics', {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('\nprocessor_late_events_total 3\n');
  });

  it('leaves /health and /ready open for probes', async () => {
    expect((await app.request('/health')).status).toBe(200);
    expect((await app.request('/ready')).status).toBe(200);
  });
});

describe('/metrics behind basic auth', () => {
  const app = appWith({ username: 'prometheus', password: 'p4ss:word é' });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong password', basic('prometheus', 'p4ss:word e')],
    ['a wrong user', basic('grafana', 'p4ss:word é')],
    ['a bearer token instead', `Bearer ${TOKEN}`],
  ])('refuses %s with 401 and a Basic challenge', async (_, header) => {
    const response = await app.request(
      '/metrics',
      header ? { headers: { Authorization: header } } : {},
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized' });
    expect(response.headers.get('WWW-Authenticate')).toBe('Basic realm="metrics"');
  });

  it('serves the metrics to the right user, password with a colon and non-ASCII included', async () => {
    const response = await app.request('/metrics', {
      headers: { Authorization: basic('prometheus', 'p4ss:word é') },
    });
    expect(response.status).toBe(200);
  });
});

describe('auth configuration', () => {
  it.each([
    ['a token with a space', { bearerToken: 'two words' }],
    ['an empty token', { bearerToken: '' }],
    ['a user name with a colon', { username: 'a:b', password: 'x' }],
    ['an empty password', { username: 'a', password: '' }],
  ])('rejects %s when the app is created', (_, auth) => {
    expect(() => createMetricsApp({ registry: new Registry(), auth })).toThrow(MetricsAuthError);
  });

  it.each([
    ['nothing set', {}, undefined],
    ['a token', { METRICS_AUTH_TOKEN: TOKEN }, { bearerToken: TOKEN }],
    [
      'a user and password',
      { METRICS_AUTH_USERNAME: 'u', METRICS_AUTH_PASSWORD: 'p' },
      { username: 'u', password: 'p' },
    ],
  ])('reads %s from the environment', (_, env, want) => {
    expect(authFromEnv((name) => (env as Record<string, string>)[name])).toEqual(want);
  });

  it.each([
    ['a token and a user', { METRICS_AUTH_TOKEN: TOKEN, METRICS_AUTH_USERNAME: 'u' }, /not both/],
    ['a user without a password', { METRICS_AUTH_USERNAME: 'u' }, /go together/],
  ])('refuses %s in the environment', (_, env, message) => {
    expect(() => authFromEnv((name) => (env as Record<string, string>)[name])).toThrow(message);
  });

  it('makes a half-configured environment a one-line start-up error, not an open endpoint', async () => {
    process.env.METRICS_AUTH_USERNAME = 'prometheus';
    try {
      const starting = startMetricsServer({ host: '127.0.0.1', port: 0, handleSignals: false });
      await expect(starting).rejects.toThrow(MetricsServerError);
      await expect(starting).rejects.toThrow(
        /^metrics auth: METRICS_AUTH_USERNAME and METRICS_AUTH_PASSWORD go together$/,
      );
    } finally {
      delete process.env.METRICS_AUTH_USERNAME;
    }
  });

  it('protects a started server from the environment', async () => {
    process.env.METRICS_AUTH_TOKEN = TOKEN;
    const server = await startMetricsServer({
      host: '127.0.0.1',
      port: 0,
      handleSignals: false,
      registry: new Registry(),
    });
    delete process.env.METRICS_AUTH_TOKEN;
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      const ok = await fetch(`${server.url}/metrics`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(ok.status).toBe(200);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('error responses', () => {
  it('carry no stack trace, file path or dependency version', async () => {
    const registry = new Registry();
    registry.registerMetric({
      name: 'broken',
      help: 'x',
      get: () => Promise.reject(new Error(`boom at /work/main/src/x.ts:1:1 (prom-client@15.1.3)`)),
      reset: () => {},
    } as never);
    const app = createMetricsApp({
      registry,
      auth: { bearerToken: TOKEN },
      readiness: [
        { name: 'db', check: () => Promise.reject(new Error('ECONNREFUSED /var/run/db.sock')) },
      ],
    });
    const requests: [string, RequestInit][] = [
      ['/metrics', {}],
      ['/metrics', { headers: { Authorization: 'Bearer x y' } }],
      ['/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } }],
      ['/ready', {}],
      ['/nowhere', {}],
      ['/metrics', { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } }],
    ];
    for (const [path, init] of requests) {
      const response = await app.request(path, init);
      expect(response.status).toBeGreaterThanOrEqual(400);
      const text = await response.text();
      expect(text, path).not.toMatch(
        /\s+at |\/work\/|\/var\/|node_modules|prom-client|hono|\d+\.\d+\.\d+/,
      );
      expect(text.length).toBeLessThan(200);
      for (const header of ['Server', 'X-Powered-By'])
        expect(response.headers.get(header)).toBeNull();
    }
  });
});
