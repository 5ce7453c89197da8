import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { MetricSet } from '../src/metric-set.ts';
import { renderMetrics } from '../src/scrape/render.ts';

/**
 * Series unchanged since the last scrape reuse the lines rendered then (scalar families per
 * series, histograms per series' block). These check that a reused line is never stale.
 */
function cacheSet() {
  const registry = new Registry();
  const set = new MetricSet({ registry, namespace: 'app' });
  const requests = set.counter({
    name: 'app_requests_total',
    help: 'Requests.',
    labels: [{ name: 'route', maxValues: 4, kind: 'string' }],
  });
  const inFlight = set.gauge({ name: 'app_in_flight', help: 'In flight.' });
  const latency = set.histogram({ name: 'app_latency_seconds', help: 'Latency.', buckets: [1] });
  const sizes = set.nativeHistogram({
    name: 'app_size_bytes',
    help: 'Sizes.',
    buckets: [10],
    native: { schema: 0, maxBuckets: 8, zeroThreshold: 0 },
    exemplars: true,
  });
  set.register();
  const line = async (prefix: string, format: 'prometheus' | 'openmetrics' = 'prometheus') =>
    (await renderMetrics(registry, format)).split('\n').find((l) => l.startsWith(prefix));
  return { requests, inFlight, latency, sizes, line };
}

describe('lines reused from the last scrape', () => {
  it('follow every change of a counter or gauge, to zero and back', async () => {
    const { requests, inFlight, line } = cacheSet();
    requests.inc(requests.seriesOf('/a'), 5);
    inFlight.set(0, 3);
    expect(await line('app_requests_total{route="/a"}')).toBe('app_requests_total{route="/a"} 5');
    expect(await line('app_requests_total{route="/a"}')).toBe('app_requests_total{route="/a"} 5');
    requests.inc(requests.seriesOf('/a'), 1);
    expect(await line('app_requests_total{route="/a"}')).toBe('app_requests_total{route="/a"} 6');
    inFlight.set(0, 0);
    expect(await line('app_in_flight')).toBe('app_in_flight 0');
    inFlight.set(0, 3);
    expect(await line('app_in_flight')).toBe('app_in_flight 3');
  });

  it('show the new labels when a removed series’ index is reused with the same value', async () => {
    const { requests, line } = cacheSet();
    const first = requests.seriesOf('/a');
    requests.inc(first, 2);
    expect(await line('app_requests_total{route="/a"}')).toBe('app_requests_total{route="/a"} 2');
    requests.removeSeries(['/a']);
    expect(requests.seriesOf('/b')).toBe(first);
    requests.inc(requests.seriesOf('/b'), 2);
    expect(await line('app_requests_total{route="/a"}')).toBeUndefined();
    expect(await line('app_requests_total{route="/b"}')).toBe('app_requests_total{route="/b"} 2');
  });

  it('follow a histogram’s new observations and its reset', async () => {
    const { latency, line } = cacheSet();
    latency.observe(0, 0, 0.5);
    expect(await line('app_latency_seconds_count')).toBe('app_latency_seconds_count 1');
    expect(await line('app_latency_seconds_count')).toBe('app_latency_seconds_count 1');
    latency.observe(0, 1, 2);
    expect(await line('app_latency_seconds_bucket{le="1"}')).toBe(
      'app_latency_seconds_bucket{le="1"} 1',
    );
    expect(await line('app_latency_seconds_count')).toBe('app_latency_seconds_count 2');
    latency.reset();
    expect(await line('app_latency_seconds_count')).toBe('app_latency_seconds_count 0');
  });

  it('carry a new exemplar in OpenMetrics though the counts did not change', async () => {
    const { sizes, line } = cacheSet();
    sizes.observe(0, 4, { trace_id: 'one' });
    expect(await line('app_size_bytes_bucket{le="10"}', 'openmetrics')).toContain('"one"');
    expect(await line('app_size_bytes_bucket{le="10"}')).toBe('app_size_bytes_bucket{le="10"} 1');
    // Same bucket, same count after a text scrape cached it; the exemplar is newer.
    sizes.observe(0, 4, { trace_id: 'two' });
    expect(await line('app_size_bytes_bucket{le="10"}')).toBe('app_size_bytes_bucket{le="10"} 2');
    expect(await line('app_size_bytes_bucket{le="10"}', 'openmetrics')).toContain('"two"');
  });
});
