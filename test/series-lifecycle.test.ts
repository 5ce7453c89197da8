import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { OVERFLOW_VALUE, renderMetrics } from '../src/index.ts';
import { createHttpApiMetrics } from './golden/http-api/metrics.ts';
import { sampleValue } from './support/exposition.ts';

const CONSUMED = 'processor_kafka_messages_consumed_total';
const LAG = 'processor_kafka_consumer_lag';
const COMMIT_ERRORS = 'processor_kafka_offset_commit_errors_total';

function fresh() {
  const registry = new Registry();
  const metrics = createProcessorMetrics({ registry });
  const scrape = () => renderMetrics(registry, 'prometheus');
  return { registry, metrics, scrape };
}

const series = (topic: string, partition: number) => `{topic="${topic}",partition="${partition}"}`;

describe('removing the series of a free-form value', () => {
  it('removes it from the exposition, and recording again starts from zero', async () => {
    const { metrics, scrape } = fresh();
    metrics.setKafkaConsumerLag('orders', 3, 1200);
    metrics.setKafkaConsumerLag('orders', 4, 50);
    metrics.removeKafkaConsumerLag('orders', 3);
    let text = await scrape();
    expect(sampleValue(text, `${LAG}${series('orders', 3)}`)).toBe(undefined);
    expect(sampleValue(text, `${LAG}${series('orders', 4)}`)).toBe(50);
    expect(sampleValue(text, `processor_metrics_series{metric="${LAG}"}`)).toBe(1);
    metrics.recordKafkaMessageConsumed('orders', 3, 5);
    metrics.removeKafkaMessageConsumed('orders', 3);
    metrics.recordKafkaMessageConsumed('orders', 3, 2);
    text = await scrape();
    expect(sampleValue(text, `${CONSUMED}${series('orders', 3)}`)).toBe(2);
  });

  it('frees its place under max_values once no series holds it', async () => {
    const { metrics, scrape } = fresh();
    // topic allows 64 values.
    for (let i = 0; i < 64; i++) metrics.recordKafkaMessageConsumed(`topic-${i}`, 0);
    metrics.recordKafkaMessageConsumed('topic-0', 1);
    metrics.removeKafkaMessageConsumed('topic-0', 0);
    metrics.recordKafkaMessageConsumed('late', 0); // topic-0 still holds a series: overflow
    metrics.removeKafkaMessageConsumed('topic-0', 1);
    metrics.recordKafkaMessageConsumed('later', 0); // now topic-0's place is free
    const text = await scrape();
    expect(sampleValue(text, `${CONSUMED}${series(OVERFLOW_VALUE, 0)}`)).toBe(1);
    expect(sampleValue(text, `${CONSUMED}${series('later', 0)}`)).toBe(1);
    expect(sampleValue(text, `${CONSUMED}${series('late', 0)}`)).toBe(undefined);
  });

  it('counts a removal with an invalid value as a rejection, and ignores an unknown one', async () => {
    const { metrics, scrape } = fresh();
    const untyped = metrics as unknown as Record<string, (...args: unknown[]) => void>;
    metrics.setKafkaConsumerLag('orders', 3, 7);
    untyped.removeKafkaConsumerLag?.('orders', '3');
    metrics.removeKafkaConsumerLag('payments', 3);
    const text = await scrape();
    expect(sampleValue(text, `${LAG}${series('orders', 3)}`)).toBe(7);
    const rejected = `processor_metrics_rejected_total{metric="${LAG}",reason="invalid_label_value"}`;
    expect(sampleValue(text, rejected)).toBe(1);
  });
});

describe('creating the series of a free-form value at zero', () => {
  it('exposes them before the first event, and keeps existing values', async () => {
    const { metrics, scrape } = fresh();
    metrics.initKafkaOffsetCommitError('orders', 9);
    metrics.setKafkaConsumerLag('orders', 9, 4);
    metrics.initKafkaConsumerLag('orders', 9);
    const text = await scrape();
    expect(sampleValue(text, `${COMMIT_ERRORS}${series('orders', 9)}`)).toBe(0);
    expect(sampleValue(text, `${LAG}${series('orders', 9)}`)).toBe(4);
  });

  it('creates one series per enum combination beside the free-form values', async () => {
    const registry = new Registry();
    const metrics = createHttpApiMetrics({ registry });
    metrics.initRequests('/users/:id');
    const text = await renderMetrics(registry, 'prometheus');
    const lines = text.split('\n').filter((line) => line.startsWith('http_api_requests_total{'));
    expect(lines).toHaveLength(5 * 4);
    expect(lines.every((line) => line.includes('route="/users/:id"') && line.endsWith(' 0'))).toBe(
      true,
    );
  });
});

describe('removeSeries across the set', () => {
  it('removes every series of a revoked partition from every metric carrying its labels', async () => {
    const { metrics, scrape } = fresh();
    for (const partition of [3, 4]) {
      metrics.recordKafkaMessageConsumed('orders', partition);
      metrics.setKafkaConsumerLag('orders', partition, 10);
      metrics.recordKafkaOffsetCommitError('orders', partition);
    }
    metrics.recordKafkaMessageProduced('payments', 3);
    metrics.recordOperatorDuration('parse', 0.1);
    expect(metrics.removeSeries({ topic: 'orders', partition: 3 })).toBe(3);
    let text = await scrape();
    for (const name of [CONSUMED, LAG, COMMIT_ERRORS]) {
      expect(sampleValue(text, `${name}${series('orders', 3)}`), name).toBe(undefined);
      expect(sampleValue(text, `${name}${series('orders', 4)}`), name).toBeDefined();
    }
    expect(
      sampleValue(text, `processor_kafka_messages_produced_total${series('payments', 3)}`),
    ).toBe(1);
    // A topic alone: every partition of it; metrics without `topic` keep their series.
    expect(metrics.removeSeries({ topic: 'orders' })).toBe(3);
    expect(metrics.removeSeries({})).toBe(0);
    text = await scrape();
    expect(text).not.toContain('topic="orders"');
    expect(sampleValue(text, 'processor_operator_duration_seconds_count{operator="parse"}')).toBe(
      1,
    );
  });
});
