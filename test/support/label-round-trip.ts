import { renderMetrics } from 'metrics-kit';
import { Registry } from 'prom-client';
import { expect } from 'vitest';
import { createProcessorMetrics, type ProcessorMetrics } from '../../generated/metrics.ts';
import { type ParsedSample, parseOpenMetricsSamples, promtoolCheckAsync } from './exposition.ts';
import { isWellFormed, preview, recordedAs } from './hostile-values.ts';

/*
 * One round trip of hostile free-form label values: recorded through the generated recorders,
 * rendered in both formats, checked by promtool (0.0.4) and read back by the strict OpenMetrics
 * parser, one tool run per exposition of hundreds of values.
 */

export const CONSUMED = 'processor_kafka_messages_consumed_total';
/** Values per metric and registry, under `max_values: 64` of `topic` and `operator`: none folds. */
export const GROUP = 60;
/** Registries per property run, each taking one group per topic metric (4 × 60 values). */
const REGISTRIES_PER_RUN = 2;
export const VALUES_PER_RUN = REGISTRIES_PER_RUN * 4 * GROUP;
/** Set on every other registry, so that the generated families render through `get()`. */
const DEFAULT_LABELS = { region: 'eu "west"\\\n\u2028🚀' };

/** Where a group of values is recorded, and what each recording adds to its series. */
interface Target {
  readonly sample: string;
  readonly label: string;
  readonly rest: Readonly<Record<string, string>>;
  record(metrics: ProcessorMetrics, value: string, i: number): void;
  add(previous: number | undefined, i: number): number;
}

const sum = (previous: number | undefined, i: number): number => (previous ?? 0) + i + 1;
const topicTarget = (sample: string, partition: number, record: Target['record']): Target => ({
  sample,
  label: 'topic',
  rest: { partition: String(partition) },
  record,
  add: sum,
});
/** One topic metric per group; the first group also goes through the operator histogram. */
const TARGETS: readonly (readonly Target[])[] = [
  [
    topicTarget(CONSUMED, 7, (m, v, i) => m.recordKafkaMessageConsumed(v, 7, i + 1)),
    {
      sample: 'processor_operator_duration_seconds_count',
      label: 'operator',
      rest: {},
      record: (m, v) => m.recordOperatorDuration(v, 0.25),
      add: (previous) => (previous ?? 0) + 1,
    },
  ],
  [
    topicTarget('processor_kafka_messages_produced_total', 1, (m, v, i) =>
      m.recordKafkaMessageProduced(v, 1, i + 1),
    ),
  ],
  [
    {
      ...topicTarget('processor_kafka_consumer_lag', 3, (m, v, i) =>
        m.setKafkaConsumerLag(v, 3, i),
      ),
      add: (_previous, i) => i,
    },
  ],
  [
    topicTarget('processor_kafka_offset_commit_errors_total', 0, (m, v, i) =>
      m.recordKafkaOffsetCommitError(v, 0, i + 1),
    ),
  ],
];

interface Recorded {
  readonly registry: Registry;
  readonly extra: Readonly<Record<string, string>>;
  /** Per target: the value of each series, keyed by label value as the documented policy records it. */
  readonly expected: ReadonlyMap<Target, Map<string, number>>;
}

export function record(values: readonly string[], withDefaultLabels: boolean): Recorded {
  const registry = new Registry();
  if (withDefaultLabels) registry.setDefaultLabels(DEFAULT_LABELS);
  const metrics = createProcessorMetrics({ registry });
  const expected = new Map<Target, Map<string, number>>();
  for (const [group, targets] of TARGETS.entries()) {
    for (const target of targets) {
      const series = new Map<string, number>();
      for (const [i, value] of values.slice(group * GROUP, (group + 1) * GROUP).entries()) {
        target.record(metrics, value, i);
        series.set(recordedAs(value), target.add(series.get(recordedAs(value)), i));
      }
      expected.set(target, series);
    }
  }
  return { registry, extra: withDefaultLabels ? DEFAULT_LABELS : {}, expected };
}

/** The samples of `target` as label value → sample value; every other label must be `rest`. */
function seriesBy(
  samples: readonly ParsedSample[],
  target: Target,
  extra: Readonly<Record<string, string>>,
): Map<string, number> {
  const found = new Map<string, number>();
  for (const sample of samples) {
    if (sample.name !== target.sample) continue;
    const { [target.label]: value = '', ...others } = sample.labels;
    expect(others, `${target.sample} ${preview(value)}`).toEqual({ ...target.rest, ...extra });
    expect(found.has(value), `${target.sample}: two series for ${preview(value)}`).toBe(false);
    found.set(value, sample.value);
  }
  return found;
}

export async function checkRun(values: readonly string[]): Promise<void> {
  const perRegistry = values.length / REGISTRIES_PER_RUN;
  const recorded = Array.from({ length: REGISTRIES_PER_RUN }, (_, i) =>
    record(values.slice(i * perRegistry, (i + 1) * perRegistry), i % 2 === 1),
  );
  const texts = await Promise.all(recorded.map((r) => renderMetrics(r.registry, 'prometheus')));
  const oms = await Promise.all(recorded.map((r) => renderMetrics(r.registry, 'openmetrics')));
  for (const text of [...texts, ...oms]) {
    expect(isWellFormed(text), 'the exposition holds a lone surrogate').toBe(true);
  }
  const [parsed, ...verdicts] = await Promise.all([
    parseOpenMetricsSamples(oms),
    ...texts.map((text) => promtoolCheckAsync(text)),
  ]);
  for (const { status, problems } of verdicts) {
    if (status !== 0 || problems !== '') throw new Error(`promtool exited ${status}: ${problems}`);
  }
  for (const [i, { expected, extra }] of recorded.entries()) {
    const result = parsed[i];
    if (result === undefined || 'error' in result) throw new Error(`parser: ${result?.error}`);
    for (const [target, series] of expected) {
      expect(seriesBy(result.samples, target, extra), target.sample).toEqual(series);
    }
    // Nothing was rejected or folded: every hostile string is a valid value.
    // Nothing dropped or folded (the live series gauge is not a count of problems).
    const self = result.samples.filter(
      (s) => s.name.startsWith('processor_metrics_') && s.name !== 'processor_metrics_series',
    );
    expect(self.filter((s) => s.value !== 0)).toEqual([]);
  }
}

/**
 * The values of a failing run that still fail with every other value replaced by a plain one
 * (positions kept, so the metric and registry of each value stay the same), found by halving. It
 * names the culprit in a few tool runs, where fast-check's shrinking of 480 values, a tool run per
 * step, would take minutes.
 */
export async function culprits(values: readonly string[]): Promise<string> {
  const fails = (kept: readonly number[]) =>
    checkRun(values.map((value, i) => (kept.includes(i) ? value : `plain-${i}`))).then(
      () => false,
      () => true,
    );
  if (await fails([])) return 'it fails without any hostile value';
  let kept = values.map((_, i) => i);
  while (kept.length > 1) {
    const half = kept.slice(0, Math.ceil(kept.length / 2));
    const rest = kept.slice(half.length);
    if (await fails(half)) kept = half;
    else if (await fails(rest)) kept = rest;
    else break;
  }
  return `it fails with these alone: ${kept.map((i) => `[${i}] ${preview(values[i] ?? '')}`).join(', ')}`;
}
