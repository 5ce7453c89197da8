import type { MessageInitShape } from '@bufbuild/protobuf';
import type { DefaultLabels } from '../exposition/foreign.ts';
import type { MetricData, SampleData } from '../exposition/metric-data.ts';
import { type MetricSchema, MetricType } from '../exposition/proto/metrics_pb.ts';
import type { FamilyInit } from './protobuf-families.ts';

type MetricInit = MessageInitShape<typeof MetricSchema>;
type Labels = Record<string, string>;

/**
 * A metric read through its prom-client `get()` (prom-client's own, default process metrics,
 * collectors, and this project's classic families) as one `MetricFamily`. Samples are grouped
 * into one `Metric` per label set: a histogram's `_bucket`, `_sum` and `_count` samples become
 * one `Histogram`, a summary's quantiles one `Summary`. Counters are named with `_total`, as in
 * the text formats, so a series keeps its name whichever format Prometheus negotiates.
 */
export function foreignFamily(
  data: MetricData,
  defaultLabels: DefaultLabels | undefined,
): FamilyInit {
  const samples = data.values ?? [];
  const help = data.help;
  switch (data.type) {
    case 'counter': {
      const name = `${data.name.replace(/_total$/, '')}_total`;
      const metric = samples.map((s) => ({
        label: pairs(labelsOf(s, defaultLabels)),
        counter: { value: s.value },
      }));
      return { name, help, type: MetricType.COUNTER, metric };
    }
    case 'gauge': {
      const metric = samples.map((s) => ({
        label: pairs(labelsOf(s, defaultLabels)),
        gauge: { value: s.value },
      }));
      return { name: data.name, help, type: MetricType.GAUGE, metric };
    }
    case 'histogram':
      return {
        name: data.name,
        help,
        type: MetricType.HISTOGRAM,
        metric: grouped(data, defaultLabels, 'le'),
      };
    case 'summary':
      return {
        name: data.name,
        help,
        type: MetricType.SUMMARY,
        metric: grouped(data, defaultLabels, 'quantile'),
      };
    default: {
      const metric = samples.map((s) => ({
        label: pairs(labelsOf(s, defaultLabels)),
        untyped: { value: s.value },
      }));
      return { name: data.name, help, type: MetricType.UNTYPED, metric };
    }
  }
}

/** Histogram or summary samples folded into one message per label set, in first-seen order. */
function grouped(
  data: MetricData,
  defaultLabels: DefaultLabels | undefined,
  split: 'le' | 'quantile',
): MetricInit[] {
  const groups = new Map<
    string,
    { labels: Labels; parts: { le: number; value: number }[]; sum: number; count: number }
  >();
  for (const sample of data.values ?? []) {
    const labels = labelsOf(sample, defaultLabels);
    const bound = labels[split];
    delete labels[split];
    const key = JSON.stringify(labels);
    let group = groups.get(key);
    if (group === undefined) {
      group = { labels, parts: [], sum: 0, count: 0 };
      groups.set(key, group);
    }
    const suffix = (sample.metricName ?? '').slice(data.name.length);
    if (suffix === '_sum') group.sum = sample.value;
    else if (suffix === '_count') group.count = sample.value;
    else if (bound !== undefined) group.parts.push({ le: parseBound(bound), value: sample.value });
  }
  return [...groups.values()].map(({ labels, parts, sum, count }) =>
    split === 'le'
      ? {
          label: pairs(labels),
          histogram: {
            sampleCount: BigInt(Math.round(count)),
            sampleSum: sum,
            // +Inf is implied by sample_count, as client_golang writes it.
            bucket: parts
              .filter((part) => part.le !== Number.POSITIVE_INFINITY)
              .map((part) => ({
                upperBound: part.le,
                cumulativeCount: BigInt(Math.round(part.value)),
              })),
          },
        }
      : {
          label: pairs(labels),
          summary: {
            sampleCount: BigInt(Math.round(count)),
            sampleSum: sum,
            quantile: parts.map((part) => ({ quantile: part.le, value: part.value })),
          },
        },
  );
}

function parseBound(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** prom-client's merge: own labels, then default labels it lacks, then shared labels. */
function labelsOf(sample: SampleData, defaultLabels: DefaultLabels | undefined): Labels {
  const labels: Labels = {};
  const add = (source: SampleData['labels'], onlyMissing: boolean) => {
    for (const [name, value] of Object.entries(source ?? {})) {
      if (value === undefined || (onlyMissing && labels[name] !== undefined)) continue;
      labels[name] = typeof value === 'number' ? String(value) : value;
    }
  };
  add(sample.labels, false);
  add(defaultLabels, true);
  add(sample.sharedLabels, false);
  return labels;
}

function pairs(labels: Labels): { name: string; value: string }[] {
  return Object.entries(labels).map(([name, value]) => ({ name, value }));
}
