import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricsAuth } from 'metrics-kit';
import { type MetricsServer, startMetricsServer } from 'metrics-kit/node';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSpecText } from '../codegen/parse/read-spec.ts';
import { generate } from '../codegen/pipeline.ts';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { PROJECT_ROOT, removeTemporaryDirectories, temporaryDirectory } from './support/cli.ts';
import { stopAll } from './support/processes.ts';
import { hasPrometheus, type RunningPrometheus, startPrometheus } from './support/prometheus.ts';

/**
 * `scrape.auth` in the spec and the server's credentials must agree: a real Prometheus, given the
 * scrape job the codegen writes, scrapes a protected server with the right secret and is refused
 * with a wrong one.
 */
const installed = hasPrometheus();
const seedSpec = readFileSync(join(PROJECT_ROOT, 'metrics.yaml'), 'utf8');
const running: { servers: MetricsServer[]; prometheus: RunningPrometheus[] } = {
  servers: [],
  prometheus: [],
};

afterAll(async () => {
  await Promise.all(running.prometheus.map((p) => p.stop()));
  await Promise.all(running.servers.map((s) => s.close()));
  await stopAll();
  removeTemporaryDirectories();
});

/** The scrape job the codegen writes for the seed spec with this `auth:` block. */
async function generatedScrapeJob(authYaml: string): Promise<Record<string, unknown>> {
  const spec = seedSpec.replace('  timeout: 10s\n', `  timeout: 10s\n${authYaml}`);
  const result = await generate(parseSpecText('metrics.yaml', spec));
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  const config =
    result.files.find((file) => file.path === 'prometheus/prometheus.yml')?.contents ?? '';
  return parse(config).scrape_configs[0];
}

async function scrapeOutcome(auth: MetricsAuth, job: Record<string, unknown>): Promise<string> {
  const registry = new Registry();
  createProcessorMetrics({ registry }).recordEventReceived(1);
  const server = await startMetricsServer({
    host: '127.0.0.1',
    port: 0,
    handleSignals: false,
    registry,
    auth,
  });
  running.servers.push(server);
  const {
    job_name: _,
    static_configs: __,
    scrape_interval: ___,
    scrape_timeout: ____,
    ...credentials
  } = job;
  const prometheus = await startPrometheus({
    targets: [`127.0.0.1:${server.port}`],
    scrapeConfigExtra: credentials,
  });
  running.prometheus.push(prometheus);
  const [up] = await prometheus.waitFor('up', undefined, 20_000);
  if (up?.value === 1) return 'up';
  const targets = (await prometheus.targets()) as { activeTargets: { lastError: string }[] };
  return targets.activeTargets[0]?.lastError ?? 'down, no error';
}

describe.skipIf(!installed)('the generated scrape job authenticates as the server expects', () => {
  it('bearer: up with the right token file, down with a wrong one', async () => {
    const directory = temporaryDirectory();
    const tokenFile = join(directory, 'token');
    const job = await generatedScrapeJob(
      `  auth:\n    type: bearer\n    credentials_file: ${tokenFile}\n`,
    );
    expect(job.authorization).toEqual({ type: 'Bearer', credentials_file: tokenFile });
    writeFileSync(tokenFile, 's3cr3t-t0ken\n');
    expect(await scrapeOutcome({ bearerToken: 's3cr3t-t0ken' }, job)).toBe('up');
    expect(await scrapeOutcome({ bearerToken: 'another-token' }, job)).toBe(
      'server returned HTTP status 401 Unauthorized',
    );
  }, 60_000);

  it('basic: up with the right password file, down with a wrong one', async () => {
    const directory = temporaryDirectory();
    const passwordFile = join(directory, 'password');
    const job = await generatedScrapeJob(
      `  auth:\n    type: basic\n    username: prometheus\n    password_file: ${passwordFile}\n`,
    );
    expect(job.basic_auth).toEqual({ username: 'prometheus', password_file: passwordFile });
    writeFileSync(passwordFile, 'pa55word');
    expect(await scrapeOutcome({ username: 'prometheus', password: 'pa55word' }, job)).toBe('up');
    expect(await scrapeOutcome({ username: 'prometheus', password: 'other' }, job)).toBe(
      'server returned HTTP status 401 Unauthorized',
    );
  }, 60_000);
});
