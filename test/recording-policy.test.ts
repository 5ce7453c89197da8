import { OVERFLOW_VALUE, renderMetrics } from 'metrics-kit';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createProcessorMetrics, type ProcessorMetrics } from '../generated/metrics.ts';
import {
  hasOpenMetricsParser,
  hasPromtool,
  parseOpenMetrics,
  promtoolCheck,
  sampleValue,
} from './support/exposition.ts';
import { modelOf, SPECS } from './support/generate.ts';

const promtoolInstalled = hasPromtool();
const parserInstalled = hasOpenMetricsParser();

/** Recorders as an untyped JavaScript caller sees them. */
type Untyped = Record<string, (...args: unknown[]) => void>;

/** A free-form label's limit in metrics.yaml: the series it allows, before the overflow one. */
function maxValuesOf(label: string): number {
  const limit = modelOf(SPECS.processor).labels.find((one) => one.name === label)?.maxValues;
  if (limit === undefined) throw new Error(`metrics.yaml has no free-form label ${label}`);
  return limit;
}

function fresh(): { metrics: ProcessorMetrics; untyped: Untyped; registry: Registry } {
  const registry = new Registry();
  const metrics = createProcessorMetrics({ registry });
  return { metrics, untyped: metrics as unknown as Untyped, registry };
}

async function rejected(registry: Registry, metric: string, reason: string): Promise<number> {
  const series = `processor_metrics_rejected_total{metric="${metric}",reason="${reason}"}`;
  return sampleValue(await renderMetrics(registry, 'prometheus'), series) ?? Number.NaN;
}

describe('values a recorder cannot record are dropped and counted, never thrown', () => {
  it.each<[string, string, unknown[], string, string]>([
    [
      'an enum value outside the enum',
      'recordEventProcessed',
      ['bogus'],
      'processor_events_processed_total',
      'invalid_label_value',
    ],
    [
      'an enum value of the wrong case',
      'recordEventProcessed',
      ['Success'],
      'processor_events_processed_total',
      'invalid_label_value',
    ],
    [
      'a non-string enum value',
      'recordEventProcessed',
      [0],
      'processor_events_processed_total',
      'invalid_label_value',
    ],
    [
      'a negative increment',
      'recordEventReceived',
      [-1],
      'processor_events_received_total',
      'invalid_value',
    ],
    [
      'a NaN increment',
      'recordEventReceived',
      [Number.NaN],
      'processor_events_received_total',
      'invalid_value',
    ],
    [
      'an infinite increment',
      'recordEventReceived',
      [Number.POSITIVE_INFINITY],
      'processor_events_received_total',
      'invalid_value',
    ],
    [
      'a numeric string increment',
      'recordEventReceived',
      ['5'],
      'processor_events_received_total',
      'invalid_value',
    ],
    [
      'a null increment',
      'recordEventReceived',
      [null],
      'processor_events_received_total',
      'invalid_value',
    ],
    [
      'a NaN gauge',
      'setPipelineLag',
      [Number.NaN],
      'processor_pipeline_lag_seconds',
      'invalid_value',
    ],
    [
      'a -Infinity gauge',
      'setPipelineLag',
      [Number.NEGATIVE_INFINITY],
      'processor_pipeline_lag_seconds',
      'invalid_value',
    ],
    [
      'a missing gauge value',
      'setPipelineLag',
      [],
      'processor_pipeline_lag_seconds',
      'invalid_value',
    ],
    [
      'a negative observation',
      'recordEventProcessingDuration',
      ['success', -0.1],
      'processor_event_processing_duration_seconds',
      'invalid_value',
    ],
    [
      'an infinite observation',
      'recordEventProcessingDuration',
      ['success', Number.POSITIVE_INFINITY],
      'processor_event_processing_duration_seconds',
      'invalid_value',
    ],
    [
      'an object observation',
      'recordEventProcessingDuration',
      ['success', {}],
      'processor_event_processing_duration_seconds',
      'invalid_value',
    ],
    [
      'a non-string free-form value',
      'recordKafkaMessageConsumed',
      [{ topic: 'x' }, 1],
      'processor_kafka_messages_consumed_total',
      'invalid_label_value',
    ],
    [
      'a fractional integer label',
      'recordKafkaMessageConsumed',
      ['orders', 1.5],
      'processor_kafka_messages_consumed_total',
      'invalid_label_value',
    ],
    [
      'a numeric string for an integer label',
      'recordKafkaMessageConsumed',
      ['orders', '3'],
      'processor_kafka_messages_consumed_total',
      'invalid_label_value',
    ],
    [
      'a NaN integer label',
      'setKafkaConsumerLag',
      ['orders', Number.NaN, 5],
      'processor_kafka_consumer_lag',
      'invalid_label_value',
    ],
  ])('%s', async (_case, recorder, args, metric, reason) => {
    const { untyped, registry } = fresh();
    const before = await renderMetrics(registry, 'prometheus');
    expect(() => untyped[recorder]?.(...args)).not.toThrow();
    expect(await rejected(registry, metric, reason)).toBe(1);
    const after = await renderMetrics(registry, 'prometheus');
    const withoutSelfMetrics = (text: string) =>
      text.split('\n').filter((line) => !line.includes('_metrics_rejected_total'));
    expect(withoutSelfMetrics(after)).toEqual(withoutSelfMetrics(before));
  });

  it('records a valid call after rejected ones as usual', async () => {
    const { metrics, untyped, registry } = fresh();
    untyped.recordEventProcessed?.('bogus');
    metrics.recordEventProcessed('success', 2);
    const text = await renderMetrics(registry, 'prometheus');
    expect(sampleValue(text, 'processor_events_processed_total{result="success"}')).toBe(2);
  });

  it('takes zero and fractional increments, and zero observations', async () => {
    const { metrics, registry } = fresh();
    metrics.recordEventReceived(0);
    metrics.recordEventReceived(0.5);
    metrics.recordEventProcessingDuration('success', 0);
    const text = await renderMetrics(registry, 'prometheus');
    expect(sampleValue(text, 'processor_events_received_total')).toBe(0.5);
    const bucket =
      'processor_event_processing_duration_seconds_bucket{result="success",le="0.001"}';
    expect(sampleValue(text, bucket)).toBe(1);
  });
});

describe('free-form labels past max_values', () => {
  it('fold new values into one overflow series and count each folded recording', async () => {
    const { metrics, registry } = fresh();
    // topic allows 64 values; partition 256.
    for (let i = 0; i < 70; i++) metrics.recordKafkaMessageConsumed(`topic-${i}`, 0);
    for (let i = 0; i < 3; i++) metrics.recordKafkaMessageConsumed('topic-69', 0);
    metrics.recordKafkaMessageConsumed('topic-0', 0);
    const text = await renderMetrics(registry, 'prometheus');
    const series = text
      .split('\n')
      .filter((line) => line.startsWith('processor_kafka_messages_consumed_total{'));
    expect(series).toHaveLength(maxValuesOf('topic') + 1);
    const name = 'processor_kafka_messages_consumed_total';
    expect(sampleValue(text, `${name}{topic="topic-0",partition="0"}`)).toBe(2);
    expect(sampleValue(text, `${name}{topic="${OVERFLOW_VALUE}",partition="0"}`)).toBe(9);
    const folded = `processor_metrics_label_overflow_total{metric="${name}",label="topic"}`;
    expect(sampleValue(text, folded)).toBe(9);
    expect(text).toContain(
      `processor_metrics_label_overflow_total{metric="${name}",label="partition"} 0\n`,
    );
  });

  it('limit each metric separately', async () => {
    const { metrics, registry } = fresh();
    for (let i = 0; i < 64; i++) metrics.recordKafkaMessageConsumed(`topic-${i}`, 0);
    metrics.recordKafkaMessageProduced('topic-fresh', 0);
    const text = await renderMetrics(registry, 'prometheus');
    expect(
      sampleValue(
        text,
        'processor_kafka_messages_produced_total{topic="topic-fresh",partition="0"}',
      ),
    ).toBe(1);
  });

  it('keep memory bounded: a stream of new values adds no series past the limit', async () => {
    const { metrics, registry } = fresh();
    for (let i = 0; i < 20_000; i++) metrics.recordOperatorDuration(`operator-${i}`, 0.001);
    const text = await renderMetrics(registry, 'prometheus');
    const counts = text
      .split('\n')
      .filter((line) => line.startsWith('processor_operator_duration_seconds_count{'));
    expect(counts).toHaveLength(maxValuesOf('operator') + 1);
  });
});

describe('label values that are not plain text', () => {
  const hostile = [
    'quote " backslash \\ newline \n end',
    '# EOF',
    '} 1\nfake_metric 2',
    'line\u2028separator',
    'emoji 🚀',
    'lone high \uD800 surrogate',
    'lone low \uDC00 surrogate',
    '',
    'x'.repeat(10_000),
  ];

  it('render lone surrogates as U+FFFD, so two ill-formed values cannot collide', async () => {
    const { metrics, registry } = fresh();
    metrics.recordKafkaMessageConsumed('a\uD800', 1);
    metrics.recordKafkaMessageConsumed('a\uD801', 1);
    const text = await renderMetrics(registry, 'prometheus');
    expect(
      sampleValue(text, 'processor_kafka_messages_consumed_total{topic="a\uFFFD",partition="1"}'),
    ).toBe(2);
  });

  it.skipIf(!promtoolInstalled)('keep the 0.0.4 exposition lint-clean for promtool', async () => {
    const { metrics, registry } = fresh();
    for (const [i, value] of hostile.entries()) metrics.recordKafkaMessageConsumed(value, i);
    const text = await renderMetrics(registry, 'prometheus');
    expect(promtoolCheck(text)).toEqual({ status: 0, problems: '' });
  });

  it.skipIf(!parserInstalled)(
    'keep the OpenMetrics exposition valid for a strict parser',
    async () => {
      const { metrics, registry } = fresh();
      for (const [i, value] of hostile.entries()) metrics.recordKafkaMessageConsumed(value, i);
      const result = parseOpenMetrics(await renderMetrics(registry, 'openmetrics'));
      expect(result).not.toHaveProperty('error');
    },
  );
});
