import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import process from 'node:process';
import { serve } from '@hono/node-server';
import { createMetricsApp } from './app/create-metrics-app.ts';
import {
  MetricsServerError,
  portInUseMessage,
  type ResolvedListenOptions,
  resolveListenOptions,
} from './server/listen-options.ts';
import type { MetricsServer, MetricsServerOptions } from './server/server-options.ts';
import { serverUrl } from './server/server-options.ts';
import { closeOnSignals } from './server/shutdown.ts';

export { MetricsServerError } from './server/listen-options.ts';
export type { MetricsServer, MetricsServerOptions } from './server/server-options.ts';

/** Connections still open this long after a shutdown starts are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Serves the metrics app on Node with `@hono/node-server`, on `0.0.0.0:9090` unless options or
 * `METRICS_HOST`/`METRICS_PORT` say otherwise. Rejects with a {@link MetricsServerError} whose
 * message is one line when the port is taken.
 *
 * @example
 * const server = await startMetricsServer({ registry, version: '1.0.0' });
 * console.log(`metrics on ${server.url}/metrics`);
 */
export async function startMetricsServer(
  options: MetricsServerOptions = {},
): Promise<MetricsServer> {
  const listen = resolveListenOptions(options, (name) => process.env[name]);
  const app = options.app ?? createMetricsApp(options);
  // Without createServer options, @hono/node-server makes a node:http server.
  const server = serve({ fetch: app.fetch, hostname: listen.host, port: listen.port }) as Server;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(listenError(error, listen));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
  });
  const port = (server.address() as AddressInfo).port;
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      // A keep-alive connection that finishes its request after close() began would otherwise
      // hold the server open until the client's own idle timeout.
      const closeIdle = setInterval(() => server.closeIdleConnections(), 50);
      const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      server.close(() => {
        clearInterval(closeIdle);
        clearTimeout(force);
        resolve();
      });
    });
  if (options.handleSignals !== false) {
    closeOnSignals(
      (signal, handler) => {
        process.once(signal, handler);
        return () => process.off(signal, handler);
      },
      close,
      options.onShutdown,
    );
  }
  return { host: listen.host, port, url: serverUrl(listen.host, port), close };
}

function listenError(
  error: NodeJS.ErrnoException,
  listen: ResolvedListenOptions,
): MetricsServerError {
  if (error.code === 'EADDRINUSE') return new MetricsServerError(portInUseMessage(listen));
  return new MetricsServerError(
    `metrics server: cannot listen on ${listen.host}:${listen.port} (${error.code ?? error.message})`,
  );
}
