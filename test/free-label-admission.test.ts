import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { OVERFLOW_VALUE, renderMetrics } from '../src/index.ts';
import { sampleValue } from './support/exposition.ts';

const CONSUMED = 'processor_kafka_messages_consumed_total';

describe('a rejected call takes no slot of a free-form label', () => {
  it('invalid partitions do not use up the topic limit', async () => {
    const registry = new Registry();
    const metrics = createProcessorMetrics({ registry });
    const untyped = metrics as unknown as Record<string, (...args: unknown[]) => void>;
    // topic allows 64 values: each of these calls is rejected for its partition (not an integer).
    for (let i = 0; i < 64; i++) untyped.recordKafkaMessageConsumed?.(`bad-${i}`, 1.5);
    metrics.recordKafkaMessageConsumed('orders', 3);
    const text = await renderMetrics(registry, 'prometheus');
    expect(sampleValue(text, `${CONSUMED}{topic="orders",partition="3"}`)).toBe(1);
    expect(sampleValue(text, `${CONSUMED}{topic="${OVERFLOW_VALUE}",partition="3"}`)).toBe(
      undefined,
    );
    const rejected = `processor_metrics_rejected_total{metric="${CONSUMED}",reason="invalid_label_value"}`;
    expect(sampleValue(text, rejected)).toBe(64);
  });
});
