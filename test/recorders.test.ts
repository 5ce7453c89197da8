import { renderMetrics } from 'metrics-kit';
import { type OpenMetricsContentType, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  BackendLabel,
  createProcessorMetrics,
  OperationLabel,
  type ProcessorMetrics,
  ResultLabel,
  resultLabelValues,
} from '../generated/metrics.ts';
import { sampleValue } from './support/exposition.ts';
import { modelOf, SPECS } from './support/generate.ts';

function freshMetrics(): { metrics: ProcessorMetrics; registry: Registry } {
  const registry = new Registry();
  return { metrics: createProcessorMetrics({ registry }), registry };
}

/** The value of one sample line in this project's 0.0.4 rendering. */
async function sample(registry: Registry, series: string): Promise<number | undefined> {
  return sampleValue(await renderMetrics(registry, 'prometheus'), series);
}

describe('generated recorders', () => {
  it('register every family of the spec, counters with _total', async () => {
    const { registry } = freshMetrics();
    const exposed = modelOf(SPECS.processor).metrics.map((metric) => metric.exposedName);
    const registered = (await registry.getMetricsAsJSON()).map((family) => family.name);
    expect(registered).toEqual([
      ...exposed,
      'processor_metrics_rejected_total',
      'processor_metrics_label_overflow_total',
      'processor_metrics_series',
    ]);
  });

  it('return one recorder per metric plus the composites, then series lifecycle', () => {
    const { metrics } = freshMetrics();
    const model = modelOf(SPECS.processor);
    const withFreeLabels = model.metrics.filter((metric) =>
      metric.labels.some((label) => label.kind === 'free'),
    );
    expect(Object.keys(metrics)).toEqual([
      ...model.metrics.map((metric) => metric.recorderName),
      ...model.groups.flatMap((group) => group.composites.map((composite) => composite.name)),
      ...withFreeLabels.flatMap((metric) => {
        const subject = metric.recorderName.replace(/^[a-z]+/, '');
        return [`init${subject}`, `remove${subject}`];
      }),
      'removeSeries',
    ]);
  });

  it('count labelled and unlabelled counters, by the amount given', async () => {
    const { metrics, registry } = freshMetrics();
    metrics.recordEventReceived();
    metrics.recordEventReceived(4);
    metrics.recordEventProcessed(ResultLabel.Success);
    metrics.recordEventProcessed('error', 2);
    expect(await sample(registry, 'processor_events_received_total')).toBe(5);
    expect(await sample(registry, 'processor_events_processed_total{result="success"}')).toBe(1);
    expect(await sample(registry, 'processor_events_processed_total{result="error"}')).toBe(2);
  });

  it('set gauges and observe histograms into the declared buckets', async () => {
    const { metrics, registry } = freshMetrics();
    metrics.setPipelineLag(1.5);
    metrics.setKafkaConsumerLag('orders', 3, 120);
    metrics.recordEventProcessingDuration('success', 0.003);
    expect(await sample(registry, 'processor_pipeline_lag_seconds')).toBe(1.5);
    expect(
      await sample(registry, 'processor_kafka_consumer_lag{topic="orders",partition="3"}'),
    ).toBe(120);
    const bucket =
      'processor_event_processing_duration_seconds_bucket{result="success",le="0.00395"}';
    expect(await sample(registry, bucket)).toBe(1);
    const below =
      'processor_event_processing_duration_seconds_bucket{result="success",le="0.00199"}';
    expect(await sample(registry, below)).toBe(0);
  });

  it('recordStateOperation counts the operation and observes its duration', async () => {
    const { metrics, registry } = freshMetrics();
    metrics.recordStateOperation(OperationLabel.Get, BackendLabel.Redis, 0.002);
    const labels = 'operation="get",backend="redis"';
    expect(await sample(registry, `processor_state_operations_total{${labels}}`)).toBe(1);
    expect(
      await sample(registry, `processor_state_operation_duration_seconds_count{${labels}}`),
    ).toBe(1);
    expect(
      await sample(registry, `processor_state_operation_duration_seconds_sum{${labels}}`),
    ).toBe(0.002);
  });

  it('recordDedupCheck counts every check and only the duplicates as found', async () => {
    const { metrics, registry } = freshMetrics();
    metrics.recordDedupCheck(false);
    metrics.recordDedupCheck(true);
    metrics.recordDedupCheck(false);
    expect(await sample(registry, 'processor_dedup_events_checked_total')).toBe(3);
    expect(await sample(registry, 'processor_dedup_duplicates_found_total')).toBe(1);
  });

  it('export every enum value in declaration order', () => {
    expect(resultLabelValues).toEqual(['success', 'error', 'dropped', 'filtered']);
  });

  it('keep the series name stable across both exposition formats', async () => {
    const { metrics, registry } = freshMetrics();
    const openMetricsRegistry = new Registry<OpenMetricsContentType>();
    openMetricsRegistry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    const openMetricsRecorders = createProcessorMetrics({ registry: openMetricsRegistry });
    metrics.recordLateEvent();
    openMetricsRecorders.recordLateEvent();
    const text = await registry.metrics();
    const openMetrics = await openMetricsRegistry.metrics();
    expect(text).toContain('\nprocessor_late_events_total 1\n');
    expect(openMetrics).toContain('\nprocessor_late_events_total 1\n');
    expect(openMetrics).toContain('# TYPE processor_late_events counter\n');
  });
});
