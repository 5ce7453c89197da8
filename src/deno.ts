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

/** The part of Deno's API used here, so the project type-checks without Deno's types. */
declare const Deno: {
  serve(
    options: { hostname: string; port: number; onListen?: () => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): { readonly addr: { readonly port: number }; shutdown(): Promise<void> };
  env: { get(name: string): string | undefined };
  addSignalListener(signal: string, handler: () => void): void;
  removeSignalListener(signal: string, handler: () => void): void;
  errors: { AddrInUse: abstract new (...args: never[]) => Error };
};

/**
 * Serves the metrics app with `Deno.serve`; options and behaviour as in `node.ts`. Needs
 * `--allow-net` and, for `METRICS_HOST`/`METRICS_PORT`, `--allow-env`.
 *
 * @example
 * const server = await startMetricsServer({ registry });
 */
export async function startMetricsServer(
  options: MetricsServerOptions = {},
): Promise<MetricsServer> {
  const listen = resolveListenOptions(options, (name) => Deno.env.get(name));
  const app = options.app ?? createMetricsApp(options);
  let server: ReturnType<typeof Deno.serve>;
  try {
    server = Deno.serve(
      { hostname: listen.host, port: listen.port, onListen: () => {} },
      app.fetch,
    );
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) {
      throw new MetricsServerError(portInUseMessage(listen));
    }
    throw new MetricsServerError(`metrics server: cannot listen on ${listen.host}:${listen.port}`);
  }
  // shutdown() stops accepting and waits for in-flight requests.
  const close = (): Promise<void> => server.shutdown();
  if (options.handleSignals !== false) {
    closeOnSignals(
      (signal, handler) => {
        Deno.addSignalListener(signal, handler);
        return () => Deno.removeSignalListener(signal, handler);
      },
      close,
      options.onShutdown,
    );
  }
  const { port } = server.addr;
  return { host: listen.host, port, url: serverUrl(listen.host, port), close };
}
