import { spawnSync } from 'node:child_process';
import { CONTENT_TYPES } from 'metrics-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { demoFamilies } from './support/demo-families.ts';
import {
  familiesWithoutData,
  hasOpenMetricsParser,
  hasPromtool,
  parseOpenMetrics,
  promtoolCheck,
} from './support/exposition.ts';
import { freePort, pollUntil, scriptCommand, startProcess, stopAll } from './support/processes.ts';

const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

const promtoolInstalled = hasPromtool();
const parserInstalled = hasOpenMetricsParser();
const families = demoFamilies();

/** Locally a runtime that is not installed skips; in CI (CI=true) it fails instead. */
function runtimeInstalled(script: string): boolean {
  const { command } = scriptCommand(script);
  if (spawnSync(command, ['--version']).status === 0) return true;
  const reason = `${command} not found (npm ci installs it)`;
  if (process.env.CI === 'true') throw new Error(`${reason}: required in CI`);
  console.warn(`skipping: ${reason}`);
  return false;
}

afterEach(stopAll);

describe.each([
  ['Node', 'start'],
  ['Bun', 'start:bun'],
  ['Deno', 'start:deno'],
])('the demo on %s (npm run %s)', (runtime, script) => {
  const installed = runtimeInstalled(script);

  it.skipIf(!installed)(
    'serves every endpoint, every family it records gets data within 10 s, SIGTERM exits cleanly',
    async () => {
      const port = await freePort();
      const { command, args } = scriptCommand(script);
      const demo = startProcess(command, args, {
        METRICS_HOST: '127.0.0.1',
        METRICS_PORT: String(port),
      });
      const base = `http://127.0.0.1:${port}`;
      await pollUntil(`${base}/health`, (response) => (response.ok ? true : undefined), 30_000);
      const answeredAt = Date.now();

      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        ready: true,
        checks: [{ name: 'processor', ready: true, message: null }],
      });

      const missing = await pollUntil(
        `${base}/metrics`,
        (_response, body) => (familiesWithoutData(body, families).length === 0 ? [] : undefined),
        10_000,
      ).catch(async () =>
        familiesWithoutData(await (await fetch(`${base}/metrics`)).text(), families),
      );
      expect(missing).toEqual([]);
      console.log(
        `${runtime}: all ${families.length} families had data ${Date.now() - answeredAt} ms after /health first answered`,
      );

      const text = await fetch(`${base}/metrics`);
      expect(text.headers.get('Content-Type')).toBe(CONTENT_TYPES.prometheus);
      const exposition = await text.text();
      if (promtoolInstalled) expect(promtoolCheck(exposition)).toEqual({ status: 0, problems: '' });

      const openMetrics = await fetch(`${base}/metrics`, {
        headers: { Accept: PROMETHEUS_ACCEPT },
      });
      expect(openMetrics.headers.get('Content-Type')).toBe(CONTENT_TYPES.openmetrics);
      const body = await openMetrics.text();
      expect(body.endsWith('# EOF\n')).toBe(true);
      if (parserInstalled) expect(parseOpenMetrics(body)).not.toHaveProperty('error');

      expect(await demo.stop('SIGTERM')).toBe(0);
      expect(demo.output()).toContain('SIGTERM, stopped');
    },
    60_000,
  );

  it.skipIf(!installed)(
    'exits 1 with a one-line error when the port is taken',
    async () => {
      const port = await freePort();
      const env = { METRICS_HOST: '127.0.0.1', METRICS_PORT: String(port) };
      const { command, args } = scriptCommand(script);
      const first = startProcess(command, args, env);
      await pollUntil(`http://127.0.0.1:${port}/health`, (r) => (r.ok ? true : undefined), 30_000);
      const second = startProcess(command, args, env);
      const code = await new Promise<number | null>((resolve) => second.child.on('exit', resolve));
      expect(code).toBe(1);
      const errors = second.output().trim().split('\n');
      expect(errors.at(-1)).toBe(
        `metrics server: 127.0.0.1:${port} is already in use; stop the other process or set METRICS_PORT`,
      );
      expect(second.output()).not.toMatch(/\bat .*:\d+:\d+/);
      await first.stop();
    },
    60_000,
  );

  it.skipIf(!installed)(
    'is gone, with every process it started, once the tests stop it',
    async () => {
      const port = await freePort();
      const { command, args } = scriptCommand(script);
      startProcess(command, args, { METRICS_HOST: '127.0.0.1', METRICS_PORT: String(port) });
      const health = `http://127.0.0.1:${port}/health`;
      await pollUntil(health, (r) => (r.ok ? true : undefined), 30_000);
      await stopAll();
      // The server is a grandchild under tsx: killing only the process the test started left it
      // serving, and left three demos behind after every end-to-end run.
      await expect(fetch(health, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    },
    60_000,
  );
});
