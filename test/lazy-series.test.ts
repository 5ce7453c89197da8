import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { renderMetrics } from '../src/index.ts';
import { createHttpApiMetrics } from './golden/http-api/metrics.ts';
import { sampleValue } from './support/exposition.ts';

/** Sample lines of one family (counters by their `_total`, histograms by `_count`). */
function seriesLines(text: string, sample: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${sample}{`) || line.startsWith(`${sample} `));
}

describe('series of families with free-form labels', () => {
  it('are created when first recorded, not as the cross product of their enum labels', async () => {
    const registry = new Registry();
    const metrics = createHttpApiMetrics({ registry });
    // route allows 200 values; method has 5 and status_class 4, so 61 routes used to make 1,220.
    for (let i = 0; i < 61; i++) metrics.recordRequests('GET', `/route/${i}`, '2xx');
    metrics.recordRequests('POST', '/route/0', '5xx');
    const text = await renderMetrics(registry, 'prometheus');
    expect(seriesLines(text, 'http_api_requests_total')).toHaveLength(62);
    expect(
      sampleValue(
        text,
        'http_api_requests_total{method="GET",route="/route/7",status_class="2xx"}',
      ),
    ).toBe(1);
    expect(
      sampleValue(
        text,
        'http_api_requests_total{method="POST",route="/route/7",status_class="2xx"}',
      ),
    ).toBe(undefined);
    expect(sampleValue(text, 'http_api_metrics_series{metric="http_api_requests_total"}')).toBe(62);
    // The histogram with a free-form label has no series until one is observed.
    expect(seriesLines(text, 'http_api_request_duration_seconds_count')).toHaveLength(0);
    expect(
      sampleValue(text, 'http_api_metrics_series{metric="http_api_request_duration_seconds"}'),
    ).toBe(0);
  });

  it('keep enum-only families complete from the start, at zero', async () => {
    const registry = new Registry();
    createHttpApiMetrics({ registry });
    const text = await renderMetrics(registry, 'prometheus');
    expect(seriesLines(text, 'http_api_fallback_responses_total')).toHaveLength(2);
    expect(sampleValue(text, 'http_api_fallback_responses_total{default="true"}')).toBe(0);
    expect(
      sampleValue(text, 'http_api_metrics_series{metric="http_api_fallback_responses_total"}'),
    ).toBe(2);
  });

  it('are counted per family in <namespace>_metrics_series, for every family of the spec', async () => {
    const registry = new Registry();
    const metrics = createProcessorMetrics({ registry });
    metrics.recordKafkaMessageConsumed('orders', 1);
    metrics.recordKafkaMessageConsumed('orders', 2);
    metrics.recordKafkaMessageConsumed('orders', 2);
    const text = await renderMetrics(registry, 'prometheus');
    const counted = text.split('\n').filter((line) => line.startsWith('processor_metrics_series{'));
    const families = (await registry.getMetricsAsJSON()).filter(
      (family) => !family.name.startsWith('processor_metrics_'),
    );
    expect(counted).toHaveLength(families.length);
    for (const family of families) {
      const series = sampleValue(text, `processor_metrics_series{metric="${family.name}"}`);
      // What get() reports: a histogram's series each have one `_count` sample.
      const values = family.values as readonly { metricName?: string }[];
      const samples = values.some((sample) => sample.metricName !== undefined)
        ? values.filter((sample) => sample.metricName?.endsWith('_count'))
        : values;
      expect(series, family.name).toBe(samples.length);
    }
    expect(
      sampleValue(
        text,
        'processor_metrics_series{metric="processor_kafka_messages_consumed_total"}',
      ),
    ).toBe(2);
  });
});
