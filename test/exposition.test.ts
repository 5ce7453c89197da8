import { renderMetrics } from 'metrics-kit';
import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type OpenMetricsContentType,
  Registry,
  Summary,
} from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createProcessorMetrics } from '../generated/metrics.ts';
import {
  hasOpenMetricsParser,
  hasPromtool,
  parseOpenMetrics,
  promtoolCheck,
} from './support/exposition.ts';

const promtoolInstalled = hasPromtool();
const parserInstalled = hasOpenMetricsParser();

/** Metrics that other code registers, each prom-client class with labels and escaping. */
function registerForeignMetrics(registry: Registry): void {
  const counter = new Counter({
    name: 'jobs_total',
    help: 'Jobs with "quotes" and a \\ backslash.',
    labelNames: ['queue'],
    registers: [registry],
  });
  counter.inc({ queue: 'a"b\\c\nd' }, 2);
  new Gauge({ name: 'queue_depth', help: 'Depth.', registers: [registry] }).set(-4.5);
  const histogram = new Histogram({
    name: 'job_duration_seconds',
    help: 'Durations.',
    labelNames: ['queue'],
    buckets: [0.1, 1],
    registers: [registry],
  });
  histogram.observe({ queue: 'fast' }, 0.05);
  histogram.observe({ queue: 'fast' }, 3);
  const summary = new Summary({
    name: 'payload_bytes',
    help: 'Payloads.',
    percentiles: [0.5, 0.99],
    registers: [registry],
  });
  summary.observe(100);
}

/** Sample lines only, in order: comments and blank lines differ by design. */
function samples(text: string): string[] {
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

describe('renderMetrics', () => {
  it("matches prom-client's own 0.0.4 output for metrics registered by other code", async () => {
    const registry = new Registry();
    registerForeignMetrics(registry);
    const ours = await renderMetrics(registry, 'prometheus');
    const theirs = await registry.metrics();
    expect(ours.split('\n').filter((line) => line !== '')).toEqual(
      theirs.split('\n').filter((line) => line !== ''),
    );
  });

  it('renders the generated families the same as prom-client renders them through get()', async () => {
    const registry = new Registry();
    const metrics = createProcessorMetrics({ registry });
    metrics.recordEventProcessingDuration('error', 0.2);
    metrics.recordKafkaMessageConsumed('orders', 7, 3);
    metrics.setWindowsActive('session', 12);
    const ours = samples(await renderMetrics(registry, 'prometheus'));
    const theirs = samples(await registry.metrics());
    expect(ours).toEqual(theirs);
    expect(ours.length).toBeGreaterThan(500);
  });

  it('names counter families without _total in OpenMetrics and keeps _total on samples', async () => {
    const registry = new Registry();
    createProcessorMetrics({ registry }).recordLateEvent();
    const text = await renderMetrics(registry, 'openmetrics');
    expect(text).toContain('# TYPE processor_late_events counter\nprocessor_late_events_total 1\n');
    expect(text).toContain('# UNIT processor_event_processing_duration_seconds seconds\n');
    // One family, then the terminator, once and last.
    expect(text.slice(-7)).toBe('\n# EOF\n');
    expect(text.match(/^# EOF$/gm)).toEqual(['# EOF']);
  });

  it('renders an empty registry as a valid OpenMetrics exposition', async () => {
    expect(await renderMetrics(new Registry(), 'openmetrics')).toBe('# EOF\n');
    expect(await renderMetrics(new Registry(), 'prometheus')).toBe('');
  });

  it('serves both formats from one registry, whatever its content type', async () => {
    const registry = new Registry<OpenMetricsContentType>();
    registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    createProcessorMetrics({ registry }).recordLateEvent();
    expect(await renderMetrics(registry, 'prometheus')).toContain(
      '\nprocessor_late_events_total 1\n',
    );
    expect(await renderMetrics(registry, 'openmetrics')).toContain(
      '\nprocessor_late_events_total 1\n',
    );
  });

  it("applies the registry's default labels to every family", async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'checkout' });
    createProcessorMetrics({ registry }).recordEventProcessed('success');
    new Gauge({ name: 'queue_depth', help: 'Depth.', registers: [registry] }).set(1);
    const text = await renderMetrics(registry, 'prometheus');
    expect(text).toContain(
      'processor_events_processed_total{result="success",service="checkout"} 1\n',
    );
    expect(text).toContain('queue_depth{service="checkout"} 1\n');
  });

  it.skipIf(!promtoolInstalled)(
    'passes promtool with default process metrics and generated families together',
    async () => {
      const registry = new Registry();
      collectDefaultMetrics({ register: registry });
      for (const name of [
        'nodejs_active_handles_total',
        'nodejs_active_requests_total',
        'nodejs_active_resources_total',
      ]) {
        registry.removeSingleMetric(name);
      }
      registerForeignMetrics(registry);
      createProcessorMetrics({ registry }).recordEventReceived();
      expect(promtoolCheck(await renderMetrics(registry, 'prometheus'))).toEqual({
        status: 0,
        problems: '',
      });
    },
  );

  it.skipIf(!parserInstalled)(
    'passes the strict OpenMetrics parser, all kinds together',
    async () => {
      const registry = new Registry();
      collectDefaultMetrics({ register: registry });
      registerForeignMetrics(registry);
      const metrics = createProcessorMetrics({ registry });
      metrics.recordEventProcessingDuration('success', 0.01);
      metrics.setKafkaConsumerLag('orders', 1, 42);
      const result = parseOpenMetrics(await renderMetrics(registry, 'openmetrics'));
      expect(result).toMatchObject({ samples: expect.any(Number) });
    },
  );
});
