import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Drift, driftedRegistry } from './fixtures/drift/registry.ts';
import { PROJECT_ROOT } from './support/cli.ts';
import { runCliAsync } from './support/cli-async.ts';
import { modelOf, SPECS } from './support/generate.ts';

const model = modelOf(SPECS.processor);
/** Findings name spec lines; read them from the spec rather than pinning numbers that move. */
const SPEC_LINES = readFileSync(join(PROJECT_ROOT, SPECS.processor), 'utf8').split('\n');
const lineOf = (metric: string) => SPEC_LINES.indexOf(`      - name: ${metric}`) + 1;
const NAMESPACE_LINE = SPEC_LINES.findIndex((line) => line.startsWith('namespace:')) + 1;
const servers: Server[] = [];

/** A loopback server answering every request with `handle`; closed after the file. */
async function serve(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<string> {
  const server = createServer(handle);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
}

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

/** A prom-client service with one drift, speaking the text format 0.0.4 as prom-client does. */
function driftedServer(drift: Drift): Promise<string> {
  const registry = driftedRegistry(model, drift);
  return serve((_request, response) => {
    registry.metrics().then((body) => {
      response.writeHead(200, { 'Content-Type': registry.contentType });
      response.end(body);
    });
  });
}

const verify = (url: string, ...args: string[]) => runCliAsync(['verify', '--url', url, ...args]);

describe('verify against drifted prom-client servers', () => {
  it('passes a faithful one', async () => {
    const run = await verify(await driftedServer('none'));
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /^ok: http:\/\/127\.0\.0\.1:\d+\/metrics \(text 0\.0\.4, 37 families, \d+ samples\) matches metrics\.yaml\n$/,
    );
    expect(run.status).toBe(0);
  });

  it.each<[Drift, string[]]>([
    [
      'label-value-typo',
      [
        `metrics.yaml:${lineOf('events_processed')}: enum_value    processor_events_processed: label result has value "sucess" (did you mean "success"?), not one of success, error, dropped, filtered`,
      ],
    ],
    [
      'renamed-metric',
      [
        `metrics.yaml:${lineOf('events_received')}: missing       processor_events_received: not exposed (did you mean "processor_events_recieved"?)`,
        `metrics.yaml:${NAMESPACE_LINE}: undeclared    processor_events_recieved_total: exposed in namespace processor but not declared in the spec (counter)`,
      ],
    ],
    [
      'gauge-as-counter',
      [
        `metrics.yaml:${lineOf('pipeline_lag_seconds')}: type          processor_pipeline_lag_seconds: exposed as counter, declared gauge`,
        `metrics.yaml:${lineOf('pipeline_lag_seconds')}: counter_total processor_pipeline_lag_seconds: counter samples named processor_pipeline_lag_seconds, without _total`,
      ],
    ],
    [
      'changed-buckets',
      [
        `metrics.yaml:${lineOf('event_processing_duration_seconds')}: buckets       processor_event_processing_duration_seconds: buckets differ from layout duration: missing le 0.001, 0.00199, 0.00395, 0.00786, 0.0156, 0.0311, 0.0618, 0.123, 0.244, 0.486, 0.965, 1.92, 3.82, 7.59, 15.1, 30; undeclared le 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10`,
      ],
    ],
    [
      'missing-family',
      [
        `metrics.yaml:${lineOf('backpressure_events')}: missing       processor_backpressure_events: not exposed`,
      ],
    ],
    [
      'extra-family',
      [
        `metrics.yaml:${NAMESPACE_LINE}: undeclared    processor_debug_events_total: exposed in namespace processor but not declared in the spec (counter)`,
      ],
    ],
    [
      'missing-label',
      [
        `metrics.yaml:${lineOf('state_operations')}: labels        processor_state_operations: series without backend (declared labels: backend, operation)`,
      ],
    ],
    [
      'free-form-above-limit',
      [
        `metrics.yaml:${lineOf('kafka_messages_consumed')}: label_limit   processor_kafka_messages_consumed: label topic has 71 distinct values, above its max_values of 64`,
      ],
    ],
  ])('names each problem of a server with a %s, exit 1', async (drift, findings) => {
    const run = await verify(await driftedServer(drift));
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1)).toEqual(findings);
    const noun = findings.length === 1 ? 'difference' : 'differences';
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^${findings.length} ${noun} between http://127.0.0.1:\\d+/metrics \\(text 0.0.4, `,
      ),
    );
    expect(run.status).toBe(1);
  });

  it('--format json gives the findings as data', async () => {
    const run = await verify(await driftedServer('missing-family'), '--format', 'json');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      spec: 'metrics.yaml',
      format: 'text 0.0.4',
      families: 36,
      findings: [
        {
          kind: 'missing',
          metric: 'processor_backpressure_events',
          spec: `metrics.yaml:${lineOf('backpressure_events')}`,
          message: 'not exposed',
        },
      ],
    });
  });
});

describe('verify refuses what it cannot read, in one line with exit 2', () => {
  const OPENMETRICS = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

  it.each<
    [string, (request: IncomingMessage, response: ServerResponse) => void, RegExp, string[]?]
  >([
    [
      'an HTML page',
      (_q, response) => {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end('<!DOCTYPE html><html><body>Grafana</body></html>');
      },
      /: the response is an HTML page \(text\/html; charset=utf-8\), not metrics: check the URL's path$/,
    ],
    [
      'OpenMetrics without # EOF',
      (_q, response) => {
        response.writeHead(200, { 'Content-Type': OPENMETRICS });
        response.end(
          '# TYPE processor_events_received counter\nprocessor_events_received_total 1\n',
        );
      },
      /: the OpenMetrics body does not end with # EOF: truncated or not OpenMetrics$/,
    ],
    [
      'an endless body',
      (_q, response) => {
        response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
        const line = Buffer.from(`${'processor_events_received_total 1\n'.repeat(2000)}`);
        const write = () => {
          while (response.write(line)) {}
        };
        response.on('drain', write);
        write();
      },
      /sent more than 1048576 bytes \(--max-bytes\); stopped reading$/,
      ['--max-bytes', '1048576'],
    ],
    [
      'a declared 100 MB body',
      (_q, response) => {
        response.writeHead(200, {
          'Content-Type': 'text/plain',
          'Content-Length': String(100 * 1024 * 1024),
        });
        response.write('processor_events_received_total 1\n');
      },
      /sent 104857600 bytes; the limit is 16777216 \(--max-bytes\)$/,
    ],
    ['no answer', () => {}, /did not answer within 1 s$/, ['--timeout', '1']],
    [
      'a protobuf body',
      (_q, response) => {
        response.writeHead(200, {
          'Content-Type':
            'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited',
        });
        response.end(Buffer.from([0x0a, 0x03]));
      },
      /protobuf exposition, which verify does not read yet; ask for text$/,
    ],
    [
      'a line that is not a sample',
      (_q, response) => {
        response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
        response.end('processor_events_received_total{result="x} 1\n');
      },
      /: line 1: unterminated label value: /,
    ],
    [
      'a 500',
      (_q, response) => {
        response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end('{"error":"failed to collect metrics"}');
      },
      /answered 500 Internal Server Error$/,
    ],
  ])('%s', async (_name, handle, message, extra = []) => {
    const started = Date.now();
    const run = await verify(await serve(handle), ...extra);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr.trimEnd()).toMatch(message);
    expect(run.stderr).toMatch(/^verify: /);
    expect(run.status).toBe(2);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('a closed port is unreachable', async () => {
    const run = await verify('http://127.0.0.1:1/metrics');
    expect(run.stderr).toMatch(/^verify: http:\/\/127.0.0.1:1\/metrics is unreachable \(.+\)\n$/);
    expect(run.status).toBe(2);
  });

  it.each([
    [['verify'], 'verify: --url is required'],
    [['verify', '--url', 'ftp://x/metrics'], 'verify: "ftp://x/metrics" is not an http(s) URL'],
    [
      ['verify', '--url', 'http://127.0.0.1:1/', '--timeout', '0'],
      'verify: --timeout must be a positive number of seconds',
    ],
    [
      ['verify', '--url', 'http://127.0.0.1:1/', '--spec', 'nope.yaml'],
      'verify: nope.yaml:1:1 no such file',
    ],
  ])('usage %j', async (args, first) => {
    const run = await runCliAsync(args);
    expect(run.stderr.split('\n')[0]).toBe(first);
    expect(run.status).toBe(2);
  });
});
