import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseGoFloat } from './exposition.ts';
import { freePort, type RunningProcess, startProcess } from './processes.ts';
import { toolAvailable } from './tools.ts';

export interface PrometheusOptions {
  /** `host:port` of the scrape targets, all in one job. */
  readonly targets: readonly string[];
  /** The job name; `stream-processor` by default. */
  readonly job?: string;
  /** `1s` by default; the scrape timeout is the interval. */
  readonly scrapeInterval?: string;
  /** Absolute paths of rule files to load. */
  readonly ruleFiles?: readonly string[];
  /** `1s` by default. */
  readonly evaluationInterval?: string;
  /** Merged into the scrape job, e.g. `{ authorization: { credentials_file } }`. */
  readonly scrapeConfigExtra?: Record<string, unknown>;
  /** Feature flags, e.g. `['native-histograms', 'exemplar-storage']`. */
  readonly features?: readonly string[];
  /** prometheus.yml's `alerting` block, such as the generated one aimed at a test Alertmanager. */
  readonly alerting?: Record<string, unknown>;
}

export interface PromVectorSample {
  readonly metric: Record<string, string>;
  readonly value: number;
}

export interface RunningPrometheus {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The temp dir holding `prometheus.yml` and the TSDB; removed by `stop()`. */
  readonly dir: string;
  /** Prometheus's own log so far, for failure messages. */
  output(): string;
  /** An instant query; a scalar comes back as one sample without labels. Throws on a bad query. */
  query(expr: string, time?: number): Promise<PromVectorSample[]>;
  /** Polls `query(expr)` until `predicate` (default: non-empty) holds; throws after `timeoutMs`. */
  waitFor(
    expr: string,
    predicate?: (samples: PromVectorSample[]) => boolean,
    timeoutMs?: number,
  ): Promise<PromVectorSample[]>;
  /** The `data` of `/api/v1/targets`. */
  targets(): Promise<unknown>;
  /** SIGTERM (SIGKILL after 10 s), waits for the exit, removes the temp dir. */
  stop(): Promise<void>;
}

/** Locally a missing Prometheus skips the test with the reason printed; in CI it fails. */
export const hasPrometheus = (): boolean =>
  toolAvailable('prometheus', 'apt-get install -y prometheus');

const READY_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 5_000;

/** Prometheus's error for a query, kept apart so that `waitFor` does not retry a bad query. */
class PromQueryError extends Error {}

/**
 * Starts a throwaway Prometheus on loopback with its config and TSDB in a temp dir. The process
 * is started through `startProcess`, so `stopAll()` kills it when a test fails before `stop()`;
 * the temp dir goes with it either way.
 */
export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-'));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const scrapeInterval = options.scrapeInterval ?? '1s';
  const config = {
    global: {
      scrape_interval: scrapeInterval,
      scrape_timeout: scrapeInterval,
      evaluation_interval: options.evaluationInterval ?? '1s',
    },
    ...(options.alerting === undefined ? {} : { alerting: options.alerting }),
    ...(options.ruleFiles === undefined ? {} : { rule_files: [...options.ruleFiles] }),
    scrape_configs: [
      {
        job_name: options.job ?? 'stream-processor',
        static_configs: [{ targets: [...options.targets] }],
        ...options.scrapeConfigExtra,
      },
    ],
  };
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, stringify(config));
  const server = startProcess('prometheus', [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    ...(options.features === undefined ? [] : [`--enable-feature=${options.features.join(',')}`]),
  ]);
  server.child.once('exit', removeDir);
  const stop = async (): Promise<void> => {
    await server.stop('SIGTERM', 10_000);
    removeDir();
  };
  try {
    await waitUntilReady(url, server);
  } catch (error) {
    await stop();
    throw error;
  }

  const query = async (expr: string, time?: number): Promise<PromVectorSample[]> => {
    const body = new URLSearchParams({ query: expr });
    if (time !== undefined) body.set('time', String(time));
    const response = await fetch(`${url}/api/v1/query`, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const json = (await response.json()) as QueryResponse;
    if (json.status !== 'success' || json.data === undefined) {
      throw new PromQueryError(`${json.errorType ?? response.status}: ${json.error} (${expr})`);
    }
    return toSamples(json.data);
  };

  return {
    url,
    dir,
    output: () => server.output(),
    query,
    async waitFor(expr, predicate = (samples) => samples.length > 0, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let last = 'no answer';
      for (;;) {
        try {
          const samples = await query(expr);
          if (predicate(samples)) return samples;
          last = JSON.stringify(samples).slice(0, 500);
        } catch (error) {
          if (error instanceof PromQueryError) throw error;
          last = (error as Error).message;
        }
        if (Date.now() >= deadline) {
          throw new Error(`gave up waiting for ${expr} after ${timeoutMs} ms; last: ${last}`);
        }
        await sleep(250);
      }
    },
    async targets() {
      const response = await fetch(`${url}/api/v1/targets`, {
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      return ((await response.json()) as { data: unknown }).data;
    },
    stop,
  };
}

interface QueryResponse {
  readonly status: 'success' | 'error';
  readonly data?: { readonly resultType: string; readonly result: unknown };
  readonly errorType?: string;
  readonly error?: string;
}

type RawSample = { metric: Record<string, string>; value: [number, string] };

function toSamples(data: NonNullable<QueryResponse['data']>): PromVectorSample[] {
  if (data.resultType === 'scalar') {
    return [{ metric: {}, value: parseGoFloat((data.result as [number, string])[1]) }];
  }
  if (data.resultType !== 'vector') throw new Error(`expected a vector, got ${data.resultType}`);
  return (data.result as RawSample[]).map((s) => ({
    metric: s.metric,
    value: parseGoFloat(s.value[1]),
  }));
}

/** Polls `/-/ready`, failing at once with Prometheus's log if it exits (a bad config, say). */
async function waitUntilReady(url: string, server: RunningProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no response';
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`prometheus exited before it was ready:\n${server.output().slice(-2000)}`);
    }
    try {
      const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
      last = `${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(100);
  }
  throw new Error(
    `prometheus not ready after ${READY_TIMEOUT_MS} ms (last: ${last}):\n${server.output().slice(-2000)}`,
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
