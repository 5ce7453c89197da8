import process from 'node:process';
import {
  type MetricsServer,
  MetricsServerError,
  type MetricsServerOptions,
  Readiness,
} from 'metrics-kit';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createProcessorMetrics } from '../../generated/metrics.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { startSimulation } from './simulation.ts';

/**
 * prom-client's default metrics include three gauges whose names end in `_total`, which
 * `promtool check metrics` reports; the demo leaves them out so its exposition lints clean.
 */
const LINT_FLAGGED_DEFAULT_METRICS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

type StartServer = (options: MetricsServerOptions) => Promise<MetricsServer>;

/**
 * The demo stream processor: all 37 metrics recorded by a simulation, prom-client's process
 * metrics beside them in the same registry, served by the runtime's `startMetricsServer`.
 */
export async function runDemo(startMetricsServer: StartServer, runtime: string): Promise<void> {
  const registry = createDemoRegistry();
  const metrics = createProcessorMetrics({ registry });
  const simulation = startSimulation(metrics);
  await serveDemo({ registry, startMetricsServer, runtime, stop: () => simulation.stop() });
}

/** A registry with prom-client's process metrics, minus the three that promtool flags. */
export function createDemoRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const name of LINT_FLAGGED_DEFAULT_METRICS) registry.removeSingleMetric(name);
  return registry;
}

export interface ServeDemoOptions {
  readonly registry: Registry;
  readonly startMetricsServer: StartServer;
  /** How the demo runs, for the start-up line: `Node`, `Node, 4 worker threads`, ... */
  readonly runtime: string;
  /** Stops whatever records (a simulation, worker threads, cluster workers). */
  readonly stop: () => void;
}

/** Serves the registry until SIGTERM or SIGINT; a port in use is a one-line error, exit 1. */
export async function serveDemo({
  registry,
  startMetricsServer,
  runtime,
  stop,
}: ServeDemoOptions): Promise<void> {
  const readiness = new Readiness([{ name: 'processor', check: () => true }]);
  try {
    const server = await startMetricsServer({
      registry,
      version: packageJson.version,
      readiness,
      onShutdown: (signal) => {
        stop();
        console.log(`stream-processor demo: ${signal}, stopped`);
        process.exit(0);
      },
    });
    console.log(`stream-processor demo on ${runtime}: ${server.url}/metrics, /health, /ready`);
  } catch (error) {
    stop();
    if (!(error instanceof MetricsServerError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
