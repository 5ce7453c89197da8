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

/** The part of Deno's API used here, so the project type-checks without Deno's types. */
declare const Deno: {
  serve(
    options: { hostname: string; port: number; onListen?: () => void },
    handler: FetchHandler,
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
export function startMetricsServer(options: MetricsServerOptions = {}): Promise<MetricsServer> {
  return startServer(deno, options);
}

const deno: RuntimeAdapter = {
  env: (name) => Deno.env.get(name),
  async listen(fetch: FetchHandler, at: ResolvedListenOptions) {
    try {
      const server = Deno.serve({ hostname: at.host, port: at.port, onListen: () => {} }, fetch);
      // shutdown() stops accepting and waits for in-flight requests.
      return { port: server.addr.port, close: () => server.shutdown() };
    } catch (error) {
      throw new MetricsServerError(
        error instanceof Deno.errors.AddrInUse
          ? portInUseMessage(at)
          : cannotListenMessage(at, (error as Error).name),
      );
    }
  },
  onSignal: (signal, handler) => {
    Deno.addSignalListener(signal, handler);
    return () => Deno.removeSignalListener(signal, handler);
  },
};
