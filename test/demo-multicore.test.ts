import { afterEach, describe, expect, it } from 'vitest';
import { familiesWithoutData, promtoolCheck } from './support/exposition.ts';
import { modelOf, SPECS } from './support/generate.ts';
import { freePort, pollUntil, scriptCommand, startProcess, stopAll } from './support/processes.ts';

const families = modelOf(SPECS.processor).metrics;

afterEach(stopAll);

describe.each([
  ['threads', '--threads'],
  ['cluster', '--cluster'],
])('npm start -- %s 2', (_mode, flag) => {
  it('serves all 37 families from one /metrics, lints clean, and SIGTERM stops every worker', async () => {
    const port = await freePort();
    const { command, args } = scriptCommand('start');
    const demo = startProcess(command, [...args, flag, '2'], {
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: String(port),
    });
    const base = `http://127.0.0.1:${port}`;
    await pollUntil(`${base}/health`, (response) => (response.ok ? true : undefined), 30_000);
    const missing = await pollUntil(
      `${base}/metrics`,
      (_response, body) => (familiesWithoutData(body, families).length === 0 ? [] : undefined),
      20_000,
    ).catch(async () =>
      familiesWithoutData(await (await fetch(`${base}/metrics`)).text(), families),
    );
    expect(missing).toEqual([]);
    const exposition = await (await fetch(`${base}/metrics`)).text();
    expect(promtoolCheck(exposition)).toEqual({ status: 0, problems: '' });
    expect(demo.output()).toContain(
      `2 ${flag === '--threads' ? 'worker threads' : 'cluster workers'}`,
    );
    expect(await demo.stop('SIGTERM')).toBe(0);
    await expect(fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  }, 90_000);
});

it('rejects a bad worker count with a one-line error and exit 2', async () => {
  const { command, args } = scriptCommand('start');
  const demo = startProcess(command, [...args, '--threads', 'many']);
  const code = await new Promise<number | null>((resolve) => demo.child.on('exit', resolve));
  expect(code).toBe(2);
  expect(demo.output().trim().split('\n').at(-1)).toBe(
    'stream-processor demo: --threads needs a number of workers from 1 to 64, got many (usage: npm start [-- --threads N | --cluster N])',
  );
}, 30_000);
