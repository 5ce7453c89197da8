import { gunzipSync } from 'node:zlib';
import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { createMetricsApp } from '../src/app/create-metrics-app.ts';
import { fractionBounds, nativeBucketIndex } from '../src/families/native-index.ts';
import { negotiateFormat } from '../src/scrape/negotiate.ts';
import {
  PROTOBUF_CONTENT_TYPE,
  renderProtobuf,
  renderProtobufReflective,
} from '../src/scrape/protobuf.ts';
import { renderMetrics } from '../src/scrape/render.ts';
import {
  hasOpenMetricsParser,
  hasPromtool,
  parseOpenMetrics,
  promtoolCheck,
} from './support/exposition.ts';
import { decodeAll, nativeCounts } from './support/protobuf-decode.ts';

/** What Prometheus 2.42 sends with --enable-feature=native-histograms. */
const PROMETHEUS_NATIVE_ACCEPT =
  'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

function seedRegistry() {
  const registry = new Registry();
  const metrics = createProcessorMetrics({ registry });
  const durations = [0.0003, 0.0042, 0.0042, 0.05, 0.2, 1.7, 12, 45];
  for (const seconds of durations) metrics.recordEventProcessingDuration('success', seconds);
  metrics.recordEventProcessingDuration('error', 0.3, { trace_id: 'a1b2c3' });
  metrics.recordEventProcessed('success', 3, { trace_id: 'd4e5f6' });
  metrics.recordOperatorDuration('map', 0.01, { trace_id: 'op-1' });
  metrics.setKafkaConsumerLag('orders', 3, 1200);
  return { registry, metrics, durations };
}

describe('protobuf exposition', () => {
  it('decodes every family of the seed, with protobufjs, as the text formats show them', async () => {
    const { registry } = seedRegistry();
    const families = decodeAll(await renderProtobuf(registry));
    // The families with series, as prom-client's JSON lists them; a family without any (a
    // free-form label never used yet) has nothing to say in protobuf.
    const json = await registry.getMetricsAsJSON();
    const withSeries = json.filter((m) => m.values.length > 0).map((m) => [m.name, String(m.type)]);
    expect(families.map((f) => [f.name, f.type.toLowerCase()])).toEqual(withSeries);
    const lag = families.find((f) => f.name === 'processor_kafka_consumer_lag');
    expect(lag?.metric).toEqual([
      {
        label: [
          { name: 'topic', value: 'orders' },
          { name: 'partition', value: '3' },
        ],
        gauge: { value: 1200 },
      },
    ]);
  });

  it('carries classic and native buckets of one histogram, matching the definition', async () => {
    const { registry, durations } = seedRegistry();
    const families = decodeAll(await renderProtobuf(registry));
    const family = families.find((f) => f.name === 'processor_event_processing_duration_seconds');
    expect(family?.unit).toBe('seconds');
    const success = family?.metric.find((m) => m.label?.[0]?.value === 'success')?.histogram;
    expect(success?.sampleCount).toBe(durations.length);
    expect(success?.sampleSum).toBeCloseTo(
      durations.reduce((a, b) => a + b, 0),
      10,
    );
    expect(success?.schema).toBe(3);
    expect(success?.zeroThreshold).toBe(2 ** -128);
    // 16 classic bounds; +Inf is implied by sample_count.
    expect(success?.bucket?.map((b) => b.upperBound)).toHaveLength(16);
    expect(success?.bucket?.at(-1)?.cumulativeCount).toBe(durations.filter((d) => d <= 30).length);
    const expected = new Map<number, number>();
    for (const value of durations) {
      const index = nativeBucketIndex(value, 3, fractionBounds(3));
      expected.set(index, (expected.get(index) ?? 0) + 1);
    }
    expect(nativeCounts(success?.positiveSpan ?? [], success?.positiveDelta ?? [])).toEqual(
      expected,
    );
    // Series never observed are still native: the zero threshold says so, with no buckets.
    const dropped = family?.metric.find((m) => m.label?.[0]?.value === 'dropped')?.histogram;
    expect(dropped).toMatchObject({ schema: 3, zeroThreshold: 2 ** -128 });
    expect(dropped?.sampleCount ?? 0).toBe(0);
  });

  it('carries exemplars with trace_id and timestamp on buckets and counters', async () => {
    const before = Date.now() / 1000;
    const { registry } = seedRegistry();
    const families = decodeAll(await renderProtobuf(registry));
    const duration = families.find((f) => f.name === 'processor_event_processing_duration_seconds');
    const error = duration?.metric.find((m) => m.label?.[0]?.value === 'error')?.histogram;
    const bucket = error?.bucket?.find((b) => b.exemplar !== undefined);
    expect(bucket?.upperBound).toBe(0.486);
    expect(bucket?.exemplar?.label).toEqual([{ name: 'trace_id', value: 'a1b2c3' }]);
    expect(bucket?.exemplar?.value).toBe(0.3);
    expect(bucket?.exemplar?.timestamp?.seconds).toBeGreaterThanOrEqual(Math.floor(before));
    expect(error?.exemplars?.[0]?.label).toEqual([{ name: 'trace_id', value: 'a1b2c3' }]);
    const processed = families.find((f) => f.name === 'processor_events_processed_total');
    expect(processed?.type).toBe('COUNTER');
    const counter = processed?.metric.find((m) => m.label?.[0]?.value === 'success')?.counter;
    expect(counter?.value).toBe(3);
    expect(counter?.exemplar?.label).toEqual([{ name: 'trace_id', value: 'd4e5f6' }]);
  });

  it('encodes foreign prom-client metrics and default labels', async () => {
    const registry = new Registry();
    createProcessorMetrics({ registry });
    new Counter({ name: 'jobs', help: 'Jobs.', labelNames: ['kind'], registers: [registry] }).inc(
      { kind: 'a' },
      2,
    );
    new Gauge({ name: 'temperature_celsius', help: 'T.', registers: [registry] }).set(21.5);
    const h = new Histogram({
      name: 'req_seconds',
      help: 'R.',
      buckets: [0.1, 1],
      registers: [registry],
    });
    h.observe(0.05);
    h.observe(5);
    const s = new Summary({
      name: 'size_bytes',
      help: 'S.',
      percentiles: [0.5],
      registers: [registry],
    });
    s.observe(10);
    registry.setDefaultLabels({ region: 'eu' });
    const families = decodeAll(await renderProtobuf(registry));
    const byName = new Map(families.map((f) => [f.name, f]));
    expect(byName.get('jobs_total')?.metric).toEqual([
      {
        label: [
          { name: 'kind', value: 'a' },
          { name: 'region', value: 'eu' },
        ],
        counter: { value: 2 },
      },
    ]);
    expect(byName.get('temperature_celsius')?.metric[0]?.gauge?.value).toBe(21.5);
    expect(byName.get('req_seconds')?.metric[0]?.histogram).toEqual({
      sampleCount: 2,
      sampleSum: 5.05,
      bucket: [
        { upperBound: 0.1, cumulativeCount: 1 },
        { upperBound: 1, cumulativeCount: 1 },
      ],
    });
    expect(byName.get('size_bytes')?.metric[0]?.summary).toMatchObject({
      sampleCount: 1,
      sampleSum: 10,
    });
    const native = byName.get('processor_event_processing_duration_seconds')?.metric[0];
    expect(native?.label).toEqual([
      { name: 'result', value: 'success' },
      { name: 'region', value: 'eu' },
    ]);
    expect(native?.histogram?.schema).toBe(3);
  });

  it('writes byte for byte what the reflective @bufbuild/protobuf encoder writes', async () => {
    const { registry } = seedRegistry();
    new Histogram({
      name: 'req_seconds',
      help: 'R.',
      buckets: [0.1, 1],
      registers: [registry],
    }).observe(3);
    new Summary({ name: 'size_bytes', help: 'S.', registers: [registry] }).observe(10);
    const fast = await renderProtobuf(registry);
    expect(fast.length).toBeGreaterThan(10_000);
    expect(Buffer.from(fast).equals(Buffer.from(await renderProtobufReflective(registry)))).toBe(
      true,
    );
    registry.setDefaultLabels({ region: 'eu' });
    expect(
      Buffer.from(await renderProtobuf(registry)).equals(
        Buffer.from(await renderProtobufReflective(registry)),
      ),
    ).toBe(true);
  });

  it('is what /metrics answers to Prometheus asking for native histograms, gzipped too', async () => {
    const { registry } = seedRegistry();
    const app = createMetricsApp({ registry });
    const response = await app.request('/metrics', {
      headers: { Accept: PROMETHEUS_NATIVE_ACCEPT, 'Accept-Encoding': 'gzip' },
    });
    expect(response.headers.get('Content-Type')).toBe(PROTOBUF_CONTENT_TYPE);
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    const families = decodeAll(gunzipSync(Buffer.from(await response.arrayBuffer())));
    expect(families.length).toBeGreaterThan(30);
  });

  it.each([
    [PROMETHEUS_NATIVE_ACCEPT, 'protobuf'],
    [
      'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
      'openmetrics',
    ],
    [
      'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text',
      'prometheus',
    ],
    [
      'application/vnd.google.protobuf;proto=other.Message;encoding=delimited,text/plain;q=0.5',
      'prometheus',
    ],
    [
      'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.2,application/openmetrics-text',
      'openmetrics',
    ],
    ['*/*', 'prometheus'],
    [undefined, 'prometheus'],
  ])('negotiates %s as %s', (accept, format) => {
    expect(negotiateFormat(accept)).toBe(format);
  });
});

describe('text formats with exemplars present', () => {
  it.skipIf(!hasOpenMetricsParser())('OpenMetrics passes the strict parser', async () => {
    const { registry } = seedRegistry();
    const om = await renderMetrics(registry, 'openmetrics');
    expect(om).toContain('# {trace_id="a1b2c3"} 0.3 ');
    expect(parseOpenMetrics(om)).toMatchObject({ samples: expect.any(Number) });
  });

  it.skipIf(!hasPromtool())('0.0.4 has no exemplars and passes promtool', async () => {
    const { registry } = seedRegistry();
    const text = await renderMetrics(registry, 'prometheus');
    expect(text).not.toContain('trace_id');
    expect(promtoolCheck(text)).toEqual({ status: 0, problems: '' });
  });
});
