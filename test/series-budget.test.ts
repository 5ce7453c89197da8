import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitMarkdown } from '../codegen/emit/markdown.ts';
import { removeTemporaryDirectories, runCodegen, temporaryDirectory } from './support/cli.ts';
import { diagnosticsOf, modelOfText } from './support/spec-text.ts';

afterAll(removeTemporaryDirectories);

/** The case: three enum labels and a free-form route (at most 50) on a counter. */
function spec(extra: { top?: string; requests?: string; durations?: string } = {}): string {
  return `version: 1
namespace: shop
${extra.top ?? ''}
labels:
  method: { description: Method., values: [get, post, put, delete, patch] }
  status: { description: Status class., values: [2xx, 3xx, 4xx, 5xx, 1xx] }
  region: { description: Region., values: [eu] }
  route: { description: Route., max_values: 50 }
buckets:
  latency: { values: [0.1, 0.5, 1] }
groups:
  - id: http
    title: HTTP
    description: Requests.
    metrics:
      - name: requests
        type: counter
        help: Requests.
        labels: [method, status, region, route]
${extra.requests ?? ''}
      - name: request_duration_seconds
        type: histogram
        help: Durations.
        unit: seconds
        labels: [method, route]
        buckets: latency
${extra.durations ?? ''}
      - name: in_flight
        type: gauge
        help: In flight.
`;
}

/** `line:column path: message` of each problem. */
function problemsOf(text: string): string[] {
  return diagnosticsOf(text).map((d) => `${d.line}:${d.column} ${d.path}: ${d.message}`);
}

describe('worst-case series', () => {
  it('multiplies enum sizes and free-form limits plus overflow, times histogram lines', () => {
    const model = modelOfText(spec());
    const [requests, durations, inFlight] = model.metrics.map((metric) => metric.seriesEstimate);
    // 5 methods × 5 statuses × 1 region × (50 routes + overflow)
    expect(requests?.series).toBe(1275);
    // 5 × 51 combinations × (3 buckets + +Inf + _sum + _count)
    expect(durations?.series).toBe(5 * 51 * 6);
    expect(inFlight?.series).toBe(1);
    const markdown = emitMarkdown(model).contents;
    expect(markdown).toContain('**Series, worst case: 2,806.**');
    expect(markdown).toMatch(/\| `shop_requests_total` \| counter \| - \| .* \| - \| 1,275 \|/);
  });

  it('passes a budget the spec stays within', () => {
    const text = spec({ top: 'max_series: 2806', requests: '        max_series: 1275' });
    expect(problemsOf(text)).toEqual([]);
  });

  it('rejects a metric above its max_series, located, naming the label factors', () => {
    expect(problemsOf(spec({ requests: '        max_series: 1000' }))).toEqual([
      '20:21 groups[0].metrics[0].max_series: shop_requests can reach 1,275 series (route 51 × method 5 × status 5 × region 1), above its max_series of 1,000',
    ]);
  });

  it('rejects a spec above its max_series, naming the biggest metrics first', () => {
    expect(problemsOf(spec({ top: 'max_series: 2000' }))).toEqual([
      '3:13 max_series: the spec can reach 2,806 series, above its max_series of 2,000; the biggest: shop_request_duration_seconds 1,530 (route 51 × method 5 × 6 lines), shop_requests 1,275 (route 51 × method 5 × status 5 × region 1), shop_in_flight 1 (no labels)',
    ]);
  });

  it('rejects a max_series that is not a positive integer', () => {
    expect(problemsOf(spec({ requests: '        max_series: 0' }))).toEqual([
      '20:21 groups[0].metrics[0].max_series: expected a number of at least 1, found 0',
    ]);
  });

  it('makes the codegen CLI exit 1 with the located error', () => {
    const directory = temporaryDirectory();
    const path = join(directory, 'metrics.yaml');
    writeFileSync(path, spec({ top: 'max_series: 100' }));
    const run = runCodegen(['--spec', path, '--out', join(directory, 'out')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${path}:3:13 max_series: the spec can reach 2,806 series`);
  });
});
