import { renderMetrics } from 'metrics-kit';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { MetricType } from '../codegen/spec/schema.ts';
import { lintMetricName } from '../codegen/validate/promlint.ts';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { hasPromtool, promtoolCheck } from './support/exposition.ts';
import { modelOf, SPECS } from './support/generate.ts';

const promtoolInstalled = hasPromtool();

describe.skipIf(!promtoolInstalled)('promtool check metrics', () => {
  it('finds no problem in the seed spec exposition, every family recorded', async () => {
    const registry = new Registry();
    const recorders = createProcessorMetrics({ registry }) as unknown as Record<
      string,
      (...args: unknown[]) => void
    >;
    for (const metric of modelOf(SPECS.processor).metrics) {
      const labels = metric.labels.map((label) =>
        label.kind === 'enum' ? label.values[0]?.value : label.tsType === 'number' ? 0 : 'x',
      );
      recorders[metric.recorderName]?.(...labels, 1);
    }
    // Both paths: this project's renderer and prom-client's own registry.metrics().
    expect(promtoolCheck(await renderMetrics(registry, 'prometheus'))).toEqual({
      status: 0,
      problems: '',
    });
    expect(promtoolCheck(await registry.metrics())).toEqual({ status: 0, problems: '' });
  });

  // The validator's promlint rules agree with promtool's on each name, both ways.
  it.each<[string, MetricType]>([
    ['app_requests', 'counter'],
    ['app_request_duration_seconds', 'histogram'],
    ['app_queue_depth', 'gauge'],
    ['app_memory_bytes', 'gauge'],
    ['app_requestCount', 'counter'],
    ['app_latency_ms', 'histogram'],
    ['app_latency_milliseconds', 'histogram'],
    ['app_size_kilobytes', 'gauge'],
    ['app_uptime_hours', 'gauge'],
    ['app_queue_gauge', 'gauge'],
    ['app_jobs_counter', 'counter'],
    ['app:jobs', 'gauge'],
    ['app_jobs_total', 'gauge'],
    ['app_jobs_count', 'gauge'],
    ['app_payload_bits', 'gauge'],
    ['app_wait_s', 'gauge'],
  ])('agrees on %s (%s)', (name, type) => {
    const exposed = type === 'counter' ? `${name}_total` : name;
    const series =
      type === 'histogram'
        ? `${exposed}_bucket{le="+Inf"} 1\n${exposed}_sum 1\n${exposed}_count 1`
        : `${exposed} 1`;
    const exposition = `# HELP ${exposed} Help.\n# TYPE ${exposed} ${type}\n${series}\n`;
    const ours = lintMetricName(name, type);
    const theirs = promtoolCheck(exposition);
    expect({ name, rejected: theirs.status === 3, problems: theirs.problems }).toMatchObject({
      rejected: ours.length > 0,
    });
  });
});
