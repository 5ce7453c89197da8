import { outputLabels } from './output-labels.ts';
import { type RuntimeSeries, SELF_METRICS, selfMetricName, UP_SERIES } from './runtime-series.ts';
import { parsePromql } from './syntax.ts';

/** Labels every scraped series carries, whatever the spec says. */
export const TARGET_LABELS: readonly string[] = ['job', 'instance'];

export type SeriesKind = 'counter' | 'gauge' | 'bucket' | 'sum' | 'count' | 'recorded';

/** One series name a PromQL expression may select, and the labels it has. */
export interface SeriesEntry {
  readonly kind: SeriesKind;
  /** Label name → its enum values, or undefined for labels of any value. */
  readonly labels: ReadonlyMap<string, readonly string[] | undefined> | undefined;
}

export interface CatalogInput {
  readonly namespace: string;
  readonly metrics: readonly {
    readonly name: string;
    readonly type: 'counter' | 'gauge' | 'histogram';
    readonly labels?: readonly string[] | undefined;
  }[];
  /** Label name → enum values (undefined for free-form labels). */
  readonly labelValues: ReadonlyMap<string, readonly string[] | undefined>;
  readonly records: readonly { readonly record: string; readonly expr: string }[];
}

/**
 * Every series name the spec puts on the wire (counters with `_total`, histograms as
 * `_bucket`, `_sum` and `_count`) and every recording rule it declares, with their labels.
 */
export class SeriesCatalog {
  readonly series = new Map<string, SeriesEntry>();
  /** Every label any series may carry: grouping by another is a typo. */
  readonly allLabels: ReadonlySet<string>;

  constructor(input: CatalogInput) {
    const all = new Set([...TARGET_LABELS, ...input.labelValues.keys()]);
    for (const metric of input.metrics) {
      const full = `${input.namespace}_${metric.name}`;
      const own = new Map<string, readonly string[] | undefined>();
      for (const label of [...(metric.labels ?? []), ...TARGET_LABELS]) {
        own.set(label, input.labelValues.get(label));
      }
      if (metric.type === 'counter')
        this.series.set(`${full}_total`, { kind: 'counter', labels: own });
      if (metric.type === 'gauge') this.series.set(full, { kind: 'gauge', labels: own });
      if (metric.type === 'histogram') {
        const withLe = new Map([...own, ['le', undefined]]);
        all.add('le');
        this.series.set(`${full}_bucket`, { kind: 'bucket', labels: withLe });
        this.series.set(`${full}_sum`, { kind: 'sum', labels: own });
        this.series.set(`${full}_count`, { kind: 'count', labels: own });
      }
    }
    const runtime = (name: string, series: RuntimeSeries) => {
      const labels = new Map<string, readonly string[] | undefined>(Object.entries(series.labels));
      for (const label of [...labels.keys(), ...TARGET_LABELS]) all.add(label);
      for (const label of TARGET_LABELS) labels.set(label, undefined);
      this.series.set(name, { kind: series.type, labels });
    };
    for (const series of SELF_METRICS) runtime(selfMetricName(input.namespace, series), series);
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
