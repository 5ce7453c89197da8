import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SpecVersion } from '../codegen/diff/spec-version.ts';
import { parseSpecText } from '../codegen/parse/read-spec.ts';
import { checkParsed } from '../codegen/validate/check.ts';
import { checkScrape } from '../codegen/verify/check.ts';
import { decode } from '../codegen/verify/decode.ts';
import { parseExposition } from '../codegen/verify/exposition.ts';
import { createProcessorMetrics } from '../generated/metrics.ts';
import { CONTENT_TYPES, renderMetrics } from '../src/index.ts';
import { PROJECT_ROOT } from './support/cli.ts';
import { clusterPrimaryExposition } from './support/exposition.ts';

const checked = checkParsed(
  parseSpecText('metrics.yaml', readFileSync(resolve(PROJECT_ROOT, 'metrics.yaml'), 'utf8')),
);
if (!checked.ok) throw new Error('metrics.yaml does not validate');
const version = new SpecVersion(checked.parsed, checked);

async function openMetricsBody(): Promise<string> {
  const registry = new Registry();
  const metrics = createProcessorMetrics({ registry });
  metrics.recordEventProcessed('success');
  metrics.setKafkaConsumerLag('orders', 3, 10);
  return renderMetrics(registry, 'openmetrics');
}

const findingsOf = (body: string) => {
  const { families } = decode(CONTENT_TYPES.openmetrics, new TextEncoder().encode(body));
  return checkScrape(version, families, true).map(
    (finding) => `${finding.kind} ${finding.metric}: ${finding.message}`,
  );
};

describe('verify checks on the runtime own OpenMetrics output', () => {
  it('finds nothing in what the generated client exposes, self-metrics included', async () => {
    expect(findingsOf(await openMetricsBody())).toEqual([]);
  });

  it('accepts the live-series self-metric <namespace>_metrics_series', async () => {
    const body = (await openMetricsBody()).replace(
      '# EOF',
      '# HELP processor_metrics_series Live series per family.\n# TYPE processor_metrics_series gauge\nprocessor_metrics_series{metric="processor_events_processed"} 4\n# EOF',
    );
    expect(findingsOf(body)).toEqual([]);
  });

  it('accepts the families a cluster primary adds', async () => {
    const body = await clusterPrimaryExposition('openmetrics');
    expect(body).toContain('# TYPE processor_metrics_cluster_workers gauge');
    expect(findingsOf(body)).toEqual([]);
  });

  it('reports a missing or wrong # UNIT in OpenMetrics', async () => {
    const body = (await openMetricsBody())
      .replace('# UNIT processor_pipeline_lag_seconds seconds\n', '')
      .replace(
        '# UNIT processor_state_size_bytes bytes',
        '# UNIT processor_state_size_bytes kilobytes',
      );
    expect(findingsOf(body)).toEqual([
      'unit processor_pipeline_lag_seconds: no # UNIT, declared unit seconds',
      'unit processor_state_size_bytes: # UNIT kilobytes, declared unit bytes',
    ]);
  });

  it('passes an overflow value and an unrecorded free-form family', async () => {
    const body = (await openMetricsBody()).replace(
      'processor_kafka_consumer_lag{topic="orders",partition="3"} 10',
      'processor_kafka_consumer_lag{topic="orders",partition="3"} 10\nprocessor_kafka_consumer_lag{topic="__overflow__",partition="3"} 1',
    );
    expect(body).toContain('__overflow__');
    expect(findingsOf(body)).toEqual([]);
  });

  it('parses escapes, exemplars and timestamps', () => {
    const [family] = parseExposition(
      '# TYPE a counter\na_total{x="q\\"\\\\\\n"} 1.5e3 # {trace_id="1"} 1 1700000000\n# EOF\n',
      'openmetrics',
    );
    expect(family?.samples[0]?.labels.get('x')).toBe('q"\\\n');
    expect(family?.samples[0]?.value).toBe(1500);
  });
});
