import { outputLabels } from './output-labels.ts';
import {
  CLUSTER_SELF_METRICS,
  type RuntimeSeries,
  SELF_METRICS,
  selfMetricName,
  UP_SERIES,
} from './runtime-series.ts';
import {
  classicSeries,
  exposedName,
  exposedSeries,
  type HistogramKind,
  namespacedName,
} from './series-names.ts';
import { parsePromql } from './syntax.ts';

/** Labels every scraped series carries, whatever the spec says. */
export const TARGET_LABELS: readonly string[] = ['job', 'instance'];

export type SeriesKind = 'counter' | 'gauge' | 'bucket' | 'sum' | 'count' | 'native' | 'recorded';

/** One series name a PromQL expression may select, and the labels it has. */
export interface SeriesEntry {
  readonly kind: SeriesKind;
  /** Label name → its enum values, or undefined for labels of any value. */
  readonly labels: ReadonlyMap<string, readonly string[] | undefined> | undefined;
  /** The spec metric (its declared name) that puts the series on the wire, if one does. */
  readonly metric?: string;
}

export interface CatalogInput {
  readonly namespace: string;
  readonly metrics: readonly CatalogMetric[];
  /** Layout name → its kind; a histogram whose layout is missing here is classic. */
  readonly layouts?: ReadonlyMap<string, { readonly kind: HistogramKind }>;
  /** Label name → enum values (undefined for free-form labels). */
  readonly labelValues: ReadonlyMap<string, readonly string[] | undefined>;
  readonly records: readonly { readonly record: string; readonly expr: string }[];
}

export interface CatalogMetric {
  readonly name: string;
  /** Undefined when the spec's type is not one of the three. */
  readonly type: 'counter' | 'gauge' | 'histogram' | undefined;
  readonly labels?: readonly string[] | undefined;
  /** The bucket layout's name, for histograms: it says whether they are classic or native. */
  readonly buckets?: string | undefined;
  /**
   * Parts already reported as wrong. Expressions that use such a metric as its author meant it
   * are not reported again (as a compiler is silent on uses of a symbol it has rejected): a
   * broken name also answers to the name as written, broken labels leave its labels unchecked.
   */
  readonly broken?: { readonly name: boolean; readonly labels: boolean };
}

/**
 * Every series name the spec puts on the wire (counters with `_total`, classic histograms as
 * `_bucket`, `_sum` and `_count`, native histograms by their bare name) and every recording
 * rule it declares, with their labels.
 */
export class SeriesCatalog {
  readonly series = new Map<string, SeriesEntry>();
  /** Every label any series may carry: grouping by another is a typo. */
  readonly allLabels: ReadonlySet<string>;

  constructor(input: CatalogInput) {
    const all = new Set([...TARGET_LABELS, ...input.labelValues.keys()]);
    for (const metric of input.metrics) {
      if (metric.type === 'histogram') all.add('le');
      for (const [name, entry] of seriesOf(input, metric)) this.series.set(name, entry);
    }
    // After every sound name, so that a guess never shadows a series that exists.
    for (const metric of input.metrics) {
      for (const [name, entry] of guessesOf(input, metric)) {
        if (!this.series.has(name)) this.series.set(name, entry);
      }
    }
    const runtime = (name: string, series: RuntimeSeries) => {
      const labels = new Map<string, readonly string[] | undefined>(Object.entries(series.labels));
      for (const label of [...labels.keys(), ...TARGET_LABELS]) all.add(label);
      for (const label of TARGET_LABELS) labels.set(label, undefined);
      this.series.set(name, { kind: series.type, labels });
    };
    for (const series of [...SELF_METRICS, ...CLUSTER_SELF_METRICS]) {
      runtime(selfMetricName(input.namespace, series), series);
    }
    runtime(UP_SERIES.name, UP_SERIES);
    for (const { record } of input.records) {
      this.series.set(record, { kind: 'recorded', labels: undefined });
    }
    for (const { record, expr } of input.records) {
      const labels = this.outputLabels(expr);
      if (labels === undefined) continue;
      this.series.set(record, {
        kind: 'recorded',
        labels: new Map([...labels].map((label) => [label, input.labelValues.get(label)])),
      });
    }
    this.allLabels = all;
  }

  /** The labels on an expression's result, when the spec determines them. */
  outputLabels(expr: string): ReadonlySet<string> | undefined {
    const syntax = parsePromql(expr);
    if (syntax.errors.length > 0) return undefined;
    return outputLabels(expr, syntax, (name) => {
      const labels = this.series.get(name)?.labels;
      return labels && new Set(labels.keys());
    });
  }
}

/** The series a metric puts on the wire. */
function seriesOf(input: CatalogInput, metric: CatalogMetric): [string, SeriesEntry][] {
  if (metric.type === undefined) return [];
  let own: Map<string, readonly string[] | undefined> | undefined;
  if (!metric.broken?.labels) {
    own = new Map();
    for (const label of [...(metric.labels ?? []), ...TARGET_LABELS]) {
      own.set(label, input.labelValues.get(label));
    }
  }
  const withLe = own && new Map([...own, ['le', undefined]]);
  const kind = input.layouts?.get(metric.buckets ?? '')?.kind ?? 'classic';
  const full = namespacedName(input.namespace, metric.name);
  return exposedSeries(full, metric.type, kind).map((series) => [
    series.name,
    { kind: series.kind, labels: series.kind === 'bucket' ? withLe : own, metric: metric.name },
  ]);
}

/** The names a metric whose name or type is broken may have been meant to have. */
function guessesOf(input: CatalogInput, metric: CatalogMetric): [string, SeriesEntry][] {
  if (!metric.broken?.name && metric.type !== undefined) return [];
  const full = namespacedName(input.namespace, metric.name);
  const kind = metric.type === 'counter' ? 'counter' : 'recorded';
  const names = [full, exposedName(full, 'counter'), ...Object.values(classicSeries(full))];
  return names.map((name) => [name, { kind, labels: undefined }]);
}
