import { Hono } from 'hono';
import { accepts } from 'hono/accepts';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { CONTENT_TYPES } from '../exposition/text-format.ts';
import { defaultRegistry, type MetricsRegistry } from '../registry.ts';
import { negotiateFormat } from '../scrape/negotiate.ts';
import { PROTOBUF_CONTENT_TYPE } from '../scrape/protobuf.ts';
import { ScrapeSnapshots } from '../scrape/scrape-snapshots.ts';
import { authMiddleware, type MetricsAuth } from './auth.ts';
import { Readiness, type ReadinessCheck } from './readiness.ts';

export interface MetricsAppOptions {
  /** The registry `/metrics` exposes; prom-client's global `register` when omitted. */
  readonly registry?: MetricsRegistry;
  /** Reported by `/health`. */
  readonly version?: string;
  /** The checks behind `/ready`; with none, the service is ready as soon as it answers. */
  readonly readiness?: Readiness | readonly ReadinessCheck[];
  /**
   * A bearer token or basic-auth user that `/metrics` requires (compared in constant time);
   * `/health` and `/ready` stay open for probes. The servers read it from the environment too.
   */
  readonly auth?: MetricsAuth | undefined;
}

/**
 * A Hono app serving `/metrics` (text 0.0.4, OpenMetrics, or protobuf when Prometheus asks for
 * native histograms), `/health` and `/ready`. Serve it alone, or mount it in an
 * application's own Hono app. Every error response is short JSON, never a stack trace.
 *
 * @example
 * const app = new Hono();
 * app.route('/', createMetricsApp({ registry, version: '1.2.0', readiness }));
 */
export function createMetricsApp(options: MetricsAppOptions = {}): Hono {
  const registry = options.registry ?? defaultRegistry();
  const readiness =
    options.readiness instanceof Readiness
      ? options.readiness
      : new Readiness(options.readiness ?? []);
  const version = options.version ?? 'unknown';
  const startedAt = performance.now();
  const snapshots = new ScrapeSnapshots(registry);
  const app = new Hono();

  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        c.json({ error: 'method not allowed' }, 405, { Allow: methods.join(', ') }),
    }),
  );
  if (options.auth !== undefined) app.use('/metrics', authMiddleware(options.auth));
  // Hono answers HEAD with this handler's headers and no body.
  app.get('/metrics', async (c) => {
    const format = negotiateFormat(c.req.header('Accept'));
    const encoding = accepts(c, {
      header: 'Accept-Encoding',
      supports: ['gzip', 'identity'],
      default: 'identity',
    });
    const contentType = format === 'protobuf' ? PROTOBUF_CONTENT_TYPE : CONTENT_TYPES[format];
    const headers = { 'Content-Type': contentType, Vary: 'Accept, Accept-Encoding' };
    try {
      // Encoded bytes, not a string: the adapters write them without another copy.
      const snapshot = await snapshots.get(format);
      if (encoding !== 'gzip') return c.body(snapshot.bytes, 200, headers);
      return c.body(await snapshot.gzipped(), 200, { ...headers, 'Content-Encoding': 'gzip' });
    } catch {
      return c.json({ error: 'failed to collect metrics' }, 500);
    }
  });

  app.get('/health', (c) =>
    c.json({
      status: 'healthy',
      version,
      uptime_seconds: Math.floor((performance.now() - startedAt) / 1000),
    }),
  );

  app.get('/ready', async (c) => {
    const report = await readiness.run();
    return c.json(report, report.ready ? 200 : 503);
  });

  app.notFound((c) => c.json({ error: 'not found' }, 404));
  // Authentication failures arrive as HTTPExceptions carrying their 401 or 400 response.
  app.onError((error, c) =>
    error instanceof HTTPException ? error.getResponse() : c.json({ error: 'internal error' }, 500),
  );
  return app;
}
