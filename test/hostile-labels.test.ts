import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { CONTENT_TYPES, renderMetrics } from 'metrics-kit';
import { type MetricsServer, startMetricsServer } from 'metrics-kit/node';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { hasOpenMetricsParser, hasPromtool } from './support/exposition.ts';
import { hostileValue, preview, promqlString, recordedAs } from './support/hostile-values.ts';
import {
  CONSUMED,
  checkRun,
  culprits,
  GROUP,
  record,
  VALUES_PER_RUN,
} from './support/label-round-trip.ts';
import { freePort, stopAll } from './support/processes.ts';
import { hasPrometheus, type RunningPrometheus, startPrometheus } from './support/prometheus.ts';

/**
 * Free-form label values are whatever the caller passes. Every string must come back exactly from
 * a strict parser, a linter and a real Prometheus, except where the documented policy (README,
 * "The recording policy") changes it: a lone UTF-16 surrogate becomes U+FFFD. The empty string is
 * exposed as `topic=""`, which Prometheus, by its own rules, stores as a series without `topic`;
 * a caller's own `__overflow__` is recorded as itself, in the overflow series.
 */
const toolsInstalled = [hasPromtool(), hasOpenMetricsParser()].every(Boolean);
const prometheusInstalled = hasPrometheus();

const RUNS = 21; // 21 × 480 = 10,080 values

describe.skipIf(!toolsInstalled)('hostile free-form label values in the exposition', () => {
  it('round-trip exactly through promtool and the strict OpenMetrics parser', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostileValue, { minLength: VALUES_PER_RUN, maxLength: VALUES_PER_RUN }),
        async (values) => {
          checked += values.length;
          try {
            await checkRun(values);
          } catch (error) {
            throw new Error(await culprits(values), { cause: error });
          }
        },
      ),
      // No shrinking: `culprits` has already narrowed the failure down.
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(checked).toBeGreaterThanOrEqual(10_000);
  }, 120_000);

  it('apply the documented policy: only lone surrogates change', async () => {
    const values = ['a\uD800', 'a\uD801', '\uDC00b', '\uD83D\uDE80', '', '__overflow__', '\u0000'];
    const { expected } = record(values, false);
    expect([...([...expected.values()][0]?.keys() ?? [])]).toEqual([
      'a\uFFFD',
      '\uFFFDb',
      '🚀',
      '',
      '__overflow__',
      '\u0000',
    ]);
    await checkRun([...values, ...Array<string>(VALUES_PER_RUN - values.length).fill('')]);
  });
});

/** At least 50 distinct recorded values: the must-haves, then generated ones (fixed seed). */
function e2eValues(): Map<string, number> {
  const mustHave = [
    ...['"', '\\', '\n', '\r', '\t', '\r\n', 'quote " in', 'back\\slash', 'new\nline', '\\n'],
    ...['\\"', '"}', '} 1\nfake_metric 2', '# EOF', 'x\n# EOF\n', ' # ', '{', '}', '=', ','],
    ...['a=b,c="d"', '\u2028', '\u2029', 'line\u2028sep', '\u0000', 'nul\u0000end', '\u007f'],
    ...['🚀', '👩‍👩‍👧', 'e\u0301', '\u0301', 'lone \uD800 high', 'lone \uDC00 low', '\uFFFD'],
    ...['', ' ', '__overflow__', 'x'.repeat(5000), '"\\\n\u2028🚀'.repeat(834)],
  ];
  const sampled = fc.sample(hostileValue, { numRuns: 200, seed: 20_240_601 });
  const recorded = new Map<string, number>();
  for (const value of [...mustHave, ...sampled]) {
    if (recorded.size < GROUP && !recorded.has(recordedAs(value))) {
      recorded.set(recordedAs(value), recorded.size + 1);
    }
  }
  return recorded;
}

describe.skipIf(!prometheusInstalled)('hostile label values through a real Prometheus', () => {
  const JOB = 'hostile-labels';
  const values = e2eValues();
  let prometheus: RunningPrometheus | undefined;
  let metricsServer: MetricsServer | undefined;
  let textServer: Server | undefined;
  const instances: string[] = [];

  beforeAll(async () => {
    const registry = new Registry();
    const metrics = createProcessorMetrics({ registry });
    for (const [value, amount] of values) metrics.recordKafkaMessageConsumed(value, 7, amount);
    // Prometheus asks for OpenMetrics, which the app serves; the second target only speaks 0.0.4.
    metricsServer = await startMetricsServer({
      registry,
      host: '127.0.0.1',
      port: await freePort(),
      handleSignals: false,
    });
    textServer = createServer((_request, response) => {
      void renderMetrics(registry, 'prometheus').then((body) => {
        response.writeHead(200, { 'Content-Type': CONTENT_TYPES.prometheus }).end(body);
      });
    }).listen(0, '127.0.0.1');
    await once(textServer, 'listening');
    const textPort = (textServer.address() as AddressInfo).port;
    instances.push(`127.0.0.1:${metricsServer.port}`, `127.0.0.1:${textPort}`);
    prometheus = await startPrometheus({ targets: instances, job: JOB, scrapeInterval: '1s' });
    await prometheus.waitFor(
      `count by (instance) (${CONSUMED}{job="${JOB}"})`,
      (samples) => samples.length === 2 && samples.every((s) => s.value === values.size),
      30_000,
    );
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await metricsServer?.close();
    textServer?.closeAllConnections();
    await new Promise((resolve) => (textServer ? textServer.close(resolve) : resolve(undefined)));
    await stopAll();
  });

  it('records at least 50 distinct hostile values', () => {
    expect(values.size).toBeGreaterThanOrEqual(50);
    expect([...values.keys()].some((value) => value.length >= 5000)).toBe(true);
  });

  it('scrapes both targets without an error', async () => {
    const data = (await prometheus?.targets()) as {
      activeTargets: { health: string; lastError: string }[];
    };
    const health = data.activeTargets.map((t) => ({ health: t.health, lastError: t.lastError }));
    expect(health).toEqual(instances.map(() => ({ health: 'up', lastError: '' })));
  });

  it('stores every value exactly, from OpenMetrics and from 0.0.4 alike', async () => {
    const samples = (await prometheus?.query(`${CONSUMED}{job="${JOB}"}`)) ?? [];
    for (const instance of instances) {
      const stored = samples.filter((s) => s.metric.instance === instance);
      // Prometheus drops an empty label, so the empty value is the series without `topic`.
      expect(stored.every((s) => s.metric.topic !== '')).toBe(true);
      const byTopic = new Map(stored.map((s) => [s.metric.topic ?? '', s.value]));
      expect(byTopic, instance).toEqual(values);
    }
  });

  it('selects every value with an escaped PromQL string', async () => {
    const query = (value: string) =>
      prometheus?.query(`${CONSUMED}{job="${JOB}",topic=${promqlString(value)}}`) ?? [];
    const answers = await Promise.all([...values.keys()].map(query));
    for (const [i, [value, amount]] of [...values].entries()) {
      const found = (answers[i] ?? []).map((s) => ({ topic: s.metric.topic ?? '', v: s.value }));
      expect(found, preview(value)).toEqual(instances.map(() => ({ topic: value, v: amount })));
    }
  });
});
