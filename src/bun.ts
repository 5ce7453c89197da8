import process from 'node:process';
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

/** The part of Bun's API used here, so the project type-checks without Bun's type package. */
declare const Bun: {
  serve(options: { hostname: string; port: number; fetch: FetchHandler }): {
    readonly port: number;
    stop(closeActiveConnections?: boolean): Promise<void>;
  };
};

/**
 * Serves the metrics app with `Bun.serve`; options and behaviour as in `node.ts`.
 *
 * @example
 * const server = await startMetricsServer({ registry });
 */
export function startMetricsServer(options: MetricsServerOptions = {}): Promise<MetricsServer> {
  return startServer(bun, options);
}

const bun: RuntimeAdapter = {
  env: (name) => process.env[name],
  async listen(fetch: FetchHandler, at: ResolvedListenOptions) {
    try {
      const server = Bun.serve({ hostname: at.host, port: at.port, fetch });
      // stop() without `true` lets in-flight requests finish.
      return { port: server.port, close: () => server.stop() };
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new MetricsServerError(
        code === 'EADDRINUSE' ? portInUseMessage(at) : cannotListenMessage(at, code ?? 'error'),
      );
    }
  },
  onSignal: (signal, handler) => {
    process.once(signal, handler);
    return () => process.off(signal, handler);
  },
};
