import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort, pollUntil, startProcess } from './processes.ts';
import { toolAvailable } from './tools.ts';

/** Debian's binary; locally a missing one skips the test with the reason, in CI it fails. */
export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
export const hasAlertmanager = (): boolean =>
  toolAvailable(ALERTMANAGER, 'apt-get install -y prometheus-alertmanager');

/** One alert of an Alertmanager webhook notification (version 4 of its payload). */
export interface WebhookAlert {
  readonly status: 'firing' | 'resolved';
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

export interface WebhookNotification {
  readonly status: 'firing' | 'resolved';
  readonly alerts: readonly WebhookAlert[];
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: readonly WebhookNotification[];
  /** Resolves with the first alert matching `accept`, polling what has arrived; throws at the deadline. */
  waitFor(accept: (alert: WebhookAlert) => boolean, timeoutMs: number): Promise<WebhookAlert>;
  close(): Promise<void>;
}

/** A loopback HTTP server that records every notification Alertmanager posts to it. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: WebhookNotification[] = [];
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    try {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as WebhookNotification);
    } catch {
      // Not a notification; Alertmanager only ever posts JSON here.
    }
    response.writeHead(200).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/alerts`,
    received,
    async waitFor(accept, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.flatMap((n) => n.alerts).find(accept);
        if (found !== undefined) return found;
        if (Date.now() > deadline) {
          throw new Error(
            `no matching alert in ${timeoutMs} ms; received: ${JSON.stringify(received).slice(0, 2000)}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

export interface RunningAlertmanager {
  /** `127.0.0.1:PORT`, as Prometheus's alerting block names it. */
  readonly address: string;
  output(): string;
  /** SIGTERM, then SIGKILL to its group after 10 s; removes the temp dir. */
  stop(): Promise<void>;
}

/**
 * Alertmanager on loopback, clustering off, with a temp storage dir, routing every alert to
 * `webhookUrl` within a second (group_wait and group_interval 1s) and sending resolutions.
 */
export async function startAlertmanager(webhookUrl: string): Promise<RunningAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'alertmanager-'));
  const config = {
    global: { resolve_timeout: '10s' },
    route: {
      receiver: 'webhook',
      group_by: ['alertname', 'instance'],
      group_wait: '1s',
      group_interval: '1s',
      repeat_interval: '1h',
    },
    receivers: [{ name: 'webhook', webhook_configs: [{ url: webhookUrl, send_resolved: true }] }],
  };
  writeFileSync(join(dir, 'alertmanager.yml'), stringify(config));
  const port = await freePort();
  const process = startProcess(ALERTMANAGER, [
    `--config.file=${join(dir, 'alertmanager.yml')}`,
    `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ]);
  const stop = async (): Promise<void> => {
    await process.stop('SIGTERM', 10_000);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await pollUntil(`http://127.0.0.1:${port}/-/ready`, (r) => (r.ok ? true : undefined), 20_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${process.output().slice(-2000)}`);
  }
  return { address: `127.0.0.1:${port}`, output: () => process.output(), stop };
}
