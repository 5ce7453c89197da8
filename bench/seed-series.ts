import { readFileSync } from 'node:fs';
import { buildModel, type MetricModel } from '../codegen/model/model.ts';
import { parseSpecText } from '../codegen/parse/read-spec.ts';
import { validate } from '../codegen/validate/index.ts';
import type { ProcessorMetrics } from '../generated/metrics.ts';

const TOPIC_PARTITIONS = Array.from(
  { length: 100 },
  (_, i) => [`topic-${i % 10}`, i % 10] as const,
);
const OPERATORS = ['parse', 'enrich', 'window', 'aggregate', 'dedup', 'normalize', 'sink', 'route'];

/**
 * Records the seed's full series set, read from metrics.yaml: every enum combination of every
 * metric, 100 topic/partition pairs for the Kafka metrics and eight operators.
 */
export function recordSeedSeries(metrics: ProcessorMetrics): number {
  return seedRecorder(metrics)();
}

/**
 * The same recordings, read from metrics.yaml once, as a function that makes them all again
 * (every counter and histogram series changes; gauges are set to the same values).
 */
export function seedRecorder(metrics: ProcessorMetrics): () => number {
  const recorders = metrics as unknown as Record<string, (...args: unknown[]) => void>;
  const calls: [((...args: unknown[]) => void) | undefined, unknown[]][] = [];
  for (const metric of seedModelMetrics()) {
    for (const labels of labelCombinations(metric)) {
      const value = 0.01 * (calls.length % 100) + 0.001;
      calls.push([recorders[metric.recorderName], [...labels, value]]);
    }
  }
  return () => {
    for (const [recorder, args] of calls) recorder?.(...args);
    return calls.length;
  };
}

function labelCombinations(metric: MetricModel): unknown[][] {
  const free = metric.labels.filter((label) => label.kind === 'free').map((label) => label.name);
  const freeTuples: unknown[][] =
    free.length === 0
      ? [[]]
      : free.includes('topic')
        ? TOPIC_PARTITIONS.map((p) => [...p])
        : OPERATORS.map((o) => [o]);
  let combinations: unknown[][] = [[]];
  for (const label of metric.labels) {
    if (label.kind !== 'enum') continue;
    combinations = combinations.flatMap((prefix) => label.values.map((v) => [...prefix, v.value]));
  }
  // Seed metrics put free-form labels only on metrics without enum labels.
  return combinations.flatMap((enums) => freeTuples.map((tuple) => [...enums, ...tuple]));
}

function seedModelMetrics(): readonly MetricModel[] {
  const path = new URL('../metrics.yaml', import.meta.url);
  const parsed = parseSpecText('metrics.yaml', readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error('metrics.yaml does not parse');
  const validated = validate(parsed.spec);
  if (!validated.ok) throw new Error('metrics.yaml is not valid');
  return buildModel(validated, 'metrics.yaml').metrics;
}
