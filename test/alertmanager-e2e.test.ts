import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  hasAlertmanager,
  type RunningAlertmanager,
  startAlertmanager,
  startWebhookReceiver,
  type WebhookReceiver,
} from './support/alertmanager.ts';
import { PROJECT_ROOT } from './support/cli.ts';
import { modelOf, SPECS } from './support/generate.ts';
import {
  freePort,
  pollUntil,
  type RunningProcess,
  scriptCommand,
  startProcess,
  stopAll,
} from './support/processes.ts';
import { hasPrometheus, type RunningPrometheus, startPrometheus } from './support/prometheus.ts';

/**
 * The whole alert path, for real: two demo instances scraped every second by Prometheus, which
 * loads the generated target-down rule and sends through the generated alerting block to
 * Debian's Alertmanager, which posts to a webhook in this test. Kill an instance: the alert
 * arrives with its labels and runbook link; start it again: the resolution arrives. Only the
 * rule's `for` is shortened (5m to 2s), so the test takes seconds.
 */
const installed = hasPrometheus() && hasAlertmanager();
const ALERT = 'ProcessorInstanceDown';
const generated = join(PROJECT_ROOT, 'generated', 'prometheus');
const config = parse(readFileSync(join(generated, 'prometheus.yml'), 'utf8'));
const job: string = config.scrape_configs[0].job_name;
const model = modelOf(SPECS.processor);
const alert = model.alerts.find((one) => one.name === ALERT);

/** The generated rule, alone and with a `for` of 2s, in a temp rules file. */
function shortRulesFile(directory: string): string {
  const rules = parse(readFileSync(join(generated, 'rules.yml'), 'utf8')) as {
    groups: { name: string; rules: { alert?: string; for?: string }[] }[];
  };
  const rule = rules.groups.flatMap((group) => group.rules).find((r) => r.alert === ALERT);
  if (rule === undefined) throw new Error(`no ${ALERT} in rules.yml`);
  const file = join(directory, 'rules.yml');
  writeFileSync(file, stringify({ groups: [{ name: 'e2e', rules: [{ ...rule, for: '2s' }] }] }));
  return file;
}

async function startDemo(port: number): Promise<RunningProcess> {
  const { command, args } = scriptCommand('start');
  const demo = startProcess(command, args, {
    METRICS_HOST: '127.0.0.1',
    METRICS_PORT: String(port),
  });
  await pollUntil(`http://127.0.0.1:${port}/health`, (r) => (r.ok ? true : undefined), 60_000);
  return demo;
}

describe.skipIf(!installed)('alerts reach a webhook through a real Alertmanager', () => {
  let receiver: WebhookReceiver;
  let alertmanager: RunningAlertmanager;
  let prometheus: RunningPrometheus;
  let directory: string;
  const ports: number[] = [];
  const demos: RunningProcess[] = [];

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'alert-path-'));
    receiver = await startWebhookReceiver();
    alertmanager = await startAlertmanager(receiver.url);
    for (let i = 0; i < 2; i++) ports.push(await freePort());
    for (const port of ports) demos.push(await startDemo(port));
    // The generated alerting block, aimed at the test's Alertmanager.
    const alerting = structuredClone(config.alerting);
    alerting.alertmanagers[0].static_configs[0].targets = [alertmanager.address];
    prometheus = await startPrometheus({
      targets: ports.map((port) => `127.0.0.1:${port}`),
      job,
      ruleFiles: [shortRulesFile(directory)],
      alerting,
    });
    await prometheus.waitFor(`sum(up{job="${job}"})`, (s) => s[0]?.value === 2, 30_000);
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    await alertmanager?.stop();
    await receiver?.close();
    await stopAll();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  it('has sent nothing while both instances are up', () => {
    expect(receiver.received).toEqual([]);
  });

  it('delivers the target-down alert with its labels and runbook link, then its resolution', async () => {
    const killed = `127.0.0.1:${ports[1]}`;
    // SIGTERM: tsx passes it on to the demo (a SIGKILL would stop tsx alone); the group is
    // killed if the demo outstays 5 s.
    await demos[1]?.stop('SIGTERM', 5_000);
    await prometheus.waitFor(`up{instance="${killed}"} == 0`, undefined, 30_000);
    await prometheus.waitFor(
      `ALERTS{alertname="${ALERT}", alertstate="firing"}`,
      undefined,
      30_000,
    );
    const fired = await receiver.waitFor(
      (a) => a.status === 'firing' && a.labels.alertname === ALERT,
      60_000,
    );
    expect(fired.labels).toEqual({ alertname: ALERT, severity: 'warning', job, instance: killed });
    expect(fired.annotations.runbook_url).toBe(alert?.runbookUrl);
    expect(fired.annotations.runbook_url).toMatch(/METRICS\.md#processorinstancedown$/);
    expect(fired.annotations.summary).toBe(`${killed} of ${job} does not answer scrapes.`);

    demos[1] = await startDemo(ports[1] ?? 0);
    const resolved = await receiver.waitFor(
      (a) => a.status === 'resolved' && a.labels.alertname === ALERT,
      90_000,
    );
    expect(resolved.labels.instance).toBe(killed);
    const other = `127.0.0.1:${ports[0]}`;
    const all = receiver.received.flatMap((n) => n.alerts);
    expect(all.some((a) => a.labels.instance === other)).toBe(false);
  }, 180_000);
});
