import { afterEach, describe, expect, it } from 'vitest';
import { runCliAsync } from './support/cli-async.ts';
import { freePort, pollUntil, scriptCommand, startProcess, stopAll } from './support/processes.ts';
import { toolAvailable } from './support/tools.ts';

afterEach(stopAll);

describe.each([
  ['Node', 'start'],
  ['Bun', 'start:bun'],
  ['Deno', 'start:deno'],
])('verify against the demo on %s (npm run %s)', (_runtime, script) => {
  const { command, args } = scriptCommand(script);
  const installed = toolAvailable(command, 'npm ci installs it');

  it.skipIf(!installed)('passes in both text formats, self-metrics included', async () => {
    const port = await freePort();
    startProcess(command, args, { METRICS_HOST: '127.0.0.1', METRICS_PORT: String(port) });
    const url = `http://127.0.0.1:${port}/metrics`;
    await pollUntil(url, (response) => (response.ok ? true : undefined), 30_000);
    // Let the simulation record into every family, free-form labels included.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const protocol of ['openmetrics', 'text']) {
      const run = await runCliAsync([
        'verify',
        '--url',
        url,
        '--protocol',
        protocol,
        '--format',
        'json',
      ]);
      expect(run.stderr).toBe('');
      const report = JSON.parse(run.stdout);
      expect(report.findings).toEqual([]);
      expect(report.format).toBe(protocol === 'openmetrics' ? 'OpenMetrics 1.0' : 'text 0.0.4');
      expect(report.samples).toBeGreaterThan(900);
      expect(run.status).toBe(0);
    }
  });
});
