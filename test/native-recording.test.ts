import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { MetricSet } from '../src/metric-set.ts';
import { renderMetrics } from '../src/scrape/render.ts';
import { createHttpApiMetrics } from './golden/http-api/metrics.ts';

function nativeSet() {
  const registry = new Registry();
  const set = new MetricSet({ registry, namespace: 'app' });
  const latency = set.nativeHistogram({
    name: 'app_latency_seconds',
    help: 'Latency.',
    unit: 'seconds',
    labels: [{ name: 'route', values: ['a', 'b'] }],
    buckets: [0.1, 1],
    native: { schema: 3, maxBuckets: 160, zeroThreshold: 2 ** -128 },
    exemplars: true,
  });
  const sizes = set.nativeHistogram({
    name: 'app_size_bytes',
    help: 'Sizes.',
    unit: 'bytes',
    buckets: [],
    native: { schema: 0, maxBuckets: 4, zeroThreshold: 0 },
  });
  const requests = set.exemplarCounter({ name: 'app_requests_total', help: 'Requests.' });
  const plain = set.counter({ name: 'app_plain_total', help: 'No exemplars.' });
  set.register();
  return { registry, latency, sizes, requests, plain };
}

const HOSTILE_EXEMPLARS: readonly unknown[] = [
  null,
  'trace',
  42,
  ['trace_id', 'x'],
  {},
  { 'trace-id': 'x' },
  { __trace: 'x' },
  { '1x': 'x' },
  { trace_id: 5 },
  { trace_id: undefined },
  { trace_id: 'x'.repeat(121) },
  { trace_id: '\uD800' },
  { trace_id: '😀'.repeat(121) },
  new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('hostile');
      },
    },
  ),
  Object.defineProperty({}, 'trace_id', {
    enumerable: true,
    get() {
      throw new Error('hostile');
    },
  }),
];

describe('native histograms and exemplars: recording', () => {
  it('records classic and native buckets from one observation', () => {
    const { latency } = nativeSet();
    latency.observe(0, 0.05);
    latency.observe(0, 0.5);
    latency.observe(0, 0.5);
    latency.observe(1, 3);
    expect(latency.countOf(0)).toBe(3);
    expect(latency.sumOf(0)).toBe(1.05);
    // 0.5 = 2^-1 is the top of bucket -8 at schema 3; 0.05 is in bucket ceil(8·log2 0.05) = -34.
    expect(latency.nativeOf(0)?.buckets).toEqual([
      [-34, 1],
      [-8, 2],
    ]);
    expect(latency.nativeOf(1)?.buckets).toEqual([[13, 1]]);
  });

  it('a native-only histogram exposes +Inf, _sum and _count in text', async () => {
    const { registry, sizes } = nativeSet();
    sizes.observe(0, 100);
    sizes.observe(0, 0);
    const text = await renderMetrics(registry, 'prometheus');
    expect(text).toContain(
      'app_size_bytes_bucket{le="+Inf"} 2\napp_size_bytes_sum 100\napp_size_bytes_count 2\n',
    );
    expect(sizes.nativeOf(0)?.zeroCount).toBe(1);
  });

  it('reduces resolution past max_buckets', () => {
    const { sizes } = nativeSet();
    for (const value of [1, 4, 16, 64, 256, 1024]) sizes.observe(0, value);
    const native = sizes.nativeOf(0);
    expect(native?.schema).toBe(-2);
    expect(native?.buckets.length).toBeLessThanOrEqual(4);
  });

  it('exposes exemplars on counters and classic buckets in OpenMetrics only', async () => {
    const { registry, latency, requests } = nativeSet();
    latency.observe(0, 0.5, { trace_id: 'abc"1' });
    requests.inc(0, 2, { trace_id: 'def' });
    const om = await renderMetrics(registry, 'openmetrics');
    expect(om).toMatch(
      /^app_latency_seconds_bucket\{route="a",le="1"\} 1 # \{trace_id="abc\\"1"\} 0\.5 \d+(\.\d+)?$/m,
    );
    expect(om).toMatch(/^app_requests_total 2 # \{trace_id="def"\} 2 \d+(\.\d+)?$/m);
    const text = await renderMetrics(registry, 'prometheus');
    expect(text).not.toContain('#  {');
    expect(text).not.toContain('trace_id');
  });

  it.each(HOSTILE_EXEMPLARS.map((exemplar, i) => [i, exemplar]))(
    'drops and counts hostile exemplar %i, keeping the recording',
    async (_i, exemplar) => {
      const { registry, latency, requests } = nativeSet();
      expect(() => latency.observe(0, 0.05, exemplar)).not.toThrow();
      expect(() => requests.inc(0, 1, exemplar)).not.toThrow();
      expect(latency.countOf(0)).toBe(1);
      const text = await renderMetrics(registry, 'openmetrics');
      expect(text).toContain('app_requests_total 1\n');
      expect(text).toContain(
        'app_metrics_rejected_total{metric="app_latency_seconds",reason="invalid_exemplar"} 1\n',
      );
      expect(text).toContain(
        'app_metrics_rejected_total{metric="app_requests_total",reason="invalid_exemplar"} 1\n',
      );
      expect(text).not.toContain(' # {');
    },
  );

  it('accepts an exemplar of exactly 128 characters, emoji counted as one', () => {
    const { latency } = nativeSet();
    latency.observe(0, 0.05, { trace_id: '😀'.repeat(120) });
    expect(latency.exemplars[0]?.labels).toEqual([['trace_id', '😀'.repeat(120)]]);
  });

  it('has invalid_exemplar series only for metrics with exemplars', async () => {
    const { registry } = nativeSet();
    const text = await renderMetrics(registry, 'prometheus');
    expect(text).toContain('metric="app_requests_total",reason="invalid_exemplar"');
    expect(text).not.toContain('metric="app_plain_total",reason="invalid_exemplar"');
    expect(text).not.toContain('metric="app_size_bytes",reason="invalid_exemplar"');
  });

  it('generated recorders take the exemplar where the spec enables it', async () => {
    const registry = new Registry();
    const metrics = createProcessorMetrics({ registry });
    metrics.recordEventProcessingDuration('success', 0.0042, { trace_id: 'f00d' });
    metrics.recordEventProcessed('success', 1, { trace_id: 'beef' });
    metrics.recordOperatorDuration('map', 0.2, { trace_id: 'cafe' });
    const om = await renderMetrics(registry, 'openmetrics');
    expect(om).toMatch(
      /processor_event_processing_duration_seconds_bucket\{result="success",le="0\.00786"\} 1 # \{trace_id="f00d"\} 0\.0042 /,
    );
    expect(om).toMatch(
      /processor_events_processed_total\{result="success"\} 1 # \{trace_id="beef"\} 1 /,
    );
    expect(om).toMatch(
      /processor_operator_duration_seconds_bucket\{operator="map",le="0\.244"\} 1 # \{trace_id="cafe"\} 0\.2 /,
    );
  });

  it('a composite recorder passes its exemplar to each of its metrics that keeps exemplars', async () => {
    const registry = new Registry();
    // http-api's recordRequest counts a request and observes its duration, both with exemplars.
    const metrics = createHttpApiMetrics({ registry });
    metrics.recordRequest('GET', '/users', '2xx', 0.042, { trace_id: 'c0ffee' });
    metrics.recordRequest('GET', '/users', '2xx', 0.05);
    const om = await renderMetrics(registry, 'openmetrics');
    expect(om).toMatch(
      /^http_api_requests_total\{method="GET",route="\/users",status_class="2xx"\} 2 # \{trace_id="c0ffee"\} 1 /m,
    );
    expect(om).toMatch(
      /^http_api_request_duration_seconds_bucket\{method="GET",route="\/users",le="[0-9.]+"\} \d+ # \{trace_id="c0ffee"\} 0\.042 /m,
    );
  });
});
