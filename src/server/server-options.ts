import type { Hono } from 'hono';
import type { MetricsAppOptions } from '../app/create-metrics-app.ts';
import type { ListenOptions } from './listen-options.ts';
import type { ShutdownSignal } from './shutdown.ts';

export interface MetricsServerOptions extends ListenOptions, MetricsAppOptions {
  /** The app to serve; `createMetricsApp(options)` when omitted. */
  readonly app?: Hono;
  /**
   * Close gracefully on SIGTERM and SIGINT, then call `onShutdown`. On by default; turn it off
   * when the application handles signals itself and calls `close()`.
   */
  readonly handleSignals?: boolean;
  /** Runs after the server has closed on a signal: stop timers, flush, exit. */
  readonly onShutdown?: (signal: ShutdownSignal) => void | Promise<void>;
}

export interface MetricsServer {
  readonly host: string;
  /** The bound port: the requested one, or the one the OS chose for port 0. */
  readonly port: number;
  readonly url: string;
  /** Stops accepting connections and resolves when in-flight requests have finished. */
  close(): Promise<void>;
}

/** `http://host:port`, with loopback instead of the wildcard so the URL can be fetched. */
export function serverUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host;
  return `http://${reachable.includes(':') && !reachable.startsWith('[') ? `[${reachable}]` : reachable}:${port}`;
}
