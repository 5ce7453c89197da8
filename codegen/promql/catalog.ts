import { outputLabels } from './output-labels.ts';
import { parsePromql } from './syntax.ts';

/** Labels every scraped series carries, whatever the spec says. */
export const TARGET_LABELS: readonly string[] = ['job', 'instance'];

export type SeriesKind = 'counter' | 'gauge' | 'bucket' | 'sum' | 'count' | 'native' | 'recorded';

/** Which histogram series a layout puts in Prometheus: classic `_bucket`s, native, or both. */
export type HistogramKind = 'classic' | 'native' | 'both';

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
    readonly buckets?: string | undefined;
  }[];
  /** Layout name → its kind; a histogram whose layout is missing here is classic. */
  readonly histogramKinds?: ReadonlyMap<string, HistogramKind>;
  /** Label name → enum values (undefined for free-form labels). */
  readonly labelValues: ReadonlyMap<string, readonly string[] | undefined>;
  readonly records: readonly { readonly record: string; readonly expr: string }[];
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
      const full = `${input.namespace}_${metric.name}`;
      const own = new Map<string, readonly string[] | undefined>();
      for (const label of [...(metric.labels ?? []), ...TARGET_LABELS]) {
        own.set(label, input.labelValues.get(label));
      }
      if (metric.type === 'counter')
        this.series.set(`${full}_total`, { kind: 'counter', labels: own });
      if (metric.type === 'gauge') this.series.set(full, { kind: 'gauge', labels: own });
      if (metric.type === 'histogram') {
        const kind = input.histogramKinds?.get(metric.buckets ?? '') ?? 'classic';
        // A native histogram is selected by its bare name; a native-only one has no `_bucket`.
        if (kind !== 'classic') this.series.set(full, { kind: 'native', labels: own });
        const withLe = new Map([...own, ['le', undefined]]);
        all.add('le');
        if (kind !== 'native')
          this.series.set(`${full}_bucket`, { kind: 'bucket', labels: withLe });
        this.series.set(`${full}_sum`, { kind: 'sum', labels: own });
        this.series.set(`${full}_count`, { kind: 'count', labels: own });
      }
    }
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
