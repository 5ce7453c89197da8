import { authFromEnv, MetricsAuthError } from '../app/auth.ts';
import { createMetricsApp } from '../app/create-metrics-app.ts';
import {
  MetricsServerError,
  type ResolvedListenOptions,
  resolveListenOptions,
} from './listen-options.ts';
import { type MetricsServer, type MetricsServerOptions, serverUrl } from './server-options.ts';
import { closeOnSignals, type SignalSubscriber } from './shutdown.ts';

export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** What a runtime's entry file provides: its environment, its listener and its signals. */
export interface RuntimeAdapter {
  env(name: string): string | undefined;
  /**
   * Listens and resolves once bound, with the bound port and a graceful `close`; rejects with a
   * `MetricsServerError` whose message is one line when it cannot listen.
   */
  listen(
    fetch: FetchHandler,
    at: ResolvedListenOptions,
  ): Promise<{ readonly port: number; close(): Promise<void> }>;
  onSignal: SignalSubscriber;
}

/** The part of `startMetricsServer` that is the same on Node, Bun and Deno. */
export async function startServer(
  runtime: RuntimeAdapter,
  options: MetricsServerOptions,
): Promise<MetricsServer> {
  const at = resolveListenOptions(options, (name) => runtime.env(name));
  const app = options.app ?? appFor(runtime, options);
  const { port, close } = await runtime.listen(app.fetch, at);
  if (options.handleSignals !== false) closeOnSignals(runtime.onSignal, close, options.onShutdown);
  return { host: at.host, port, url: serverUrl(at.host, port), close };
}

function appFor(runtime: RuntimeAdapter, options: MetricsServerOptions) {
  try {
    const auth = options.auth ?? authFromEnv((name) => runtime.env(name));
    return createMetricsApp({ ...options, auth });
  } catch (error) {
    // Starting is where a user learns of a bad configuration: one line, like a taken port.
    if (error instanceof MetricsAuthError) throw new MetricsServerError(error.message);
    throw error;
  }
}
