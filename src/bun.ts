import process from 'node:process';
import { createMetricsApp } from './app/create-metrics-app.ts';
import {
  MetricsServerError,
  portInUseMessage,
  resolveListenOptions,
} from './server/listen-options.ts';
import type { MetricsServer, MetricsServerOptions } from './server/server-options.ts';
import { serverUrl } from './server/server-options.ts';
import { closeOnSignals } from './server/shutdown.ts';

export { MetricsServerError } from './server/listen-options.ts';
export type { MetricsServer, MetricsServerOptions } from './server/server-options.ts';

/** The part of Bun's API used here, so the project type-checks without Bun's type package. */
declare const Bun: {
  serve(options: {
    hostname: string;
    port: number;
    fetch: (request: Request) => Response | Promise<Response>;
  }): { readonly port: number; stop(closeActiveConnections?: boolean): Promise<void> };
};

/**
 * Serves the metrics app with `Bun.serve`; options and behaviour as in `node.ts`.
 *
 * @example
 * const server = await startMetricsServer({ registry });
 */
export async function startMetricsServer(
  options: MetricsServerOptions = {},
): Promise<MetricsServer> {
  const listen = resolveListenOptions(options, (name) => process.env[name]);
  const app = options.app ?? createMetricsApp(options);
  let server: ReturnType<typeof Bun.serve>;
  try {
    server = Bun.serve({ hostname: listen.host, port: listen.port, fetch: app.fetch });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new MetricsServerError(portInUseMessage(listen));
    throw new MetricsServerError(`metrics server: cannot listen on ${listen.host}:${listen.port}`);
  }
  // stop() without `true` lets in-flight requests finish.
  const close = (): Promise<void> => server.stop();
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
  return { host: listen.host, port: server.port, url: serverUrl(listen.host, server.port), close };
}
