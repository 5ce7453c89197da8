import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import process from 'node:process';
import { serve } from '@hono/node-server';
import {
  cannotListenMessage,
  MetricsServerError,
  portInUseMessage,
  type ResolvedListenOptions,
} from './server/listen-options.ts';
import type { MetricsServer, MetricsServerOptions } from './server/server-options.ts';
import { type FetchHandler, type RuntimeAdapter, startServer } from './server/start-server.ts';

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
export function startMetricsServer(options: MetricsServerOptions = {}): Promise<MetricsServer> {
  return startServer(node, options);
}

const node: RuntimeAdapter = {
  env: (name) => process.env[name],
  listen,
  onSignal: (signal, handler) => {
    process.once(signal, handler);
    return () => process.off(signal, handler);
  },
};

async function listen(fetch: FetchHandler, at: ResolvedListenOptions) {
  // Without createServer options, @hono/node-server makes a node:http server.
  const server = serve({ fetch, hostname: at.host, port: at.port }) as Server;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(
        new MetricsServerError(
          error.code === 'EADDRINUSE'
            ? portInUseMessage(at)
            : cannotListenMessage(at, error.code ?? error.message),
        ),
      );
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
  });
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
  return { port: (server.address() as AddressInfo).port, close };
}
