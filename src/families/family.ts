import type { MetricData } from '../exposition/metric-data.ts';
import type { ExpositionFormat } from '../exposition/text-format.ts';
import { FreeLabelIndex } from './free-labels.ts';
import {
  type EnumLabel,
  enumCombinations,
  type FreeLabel,
  isEnumLabel,
  type LabelDefinition,
  labelText,
  orderedLabelValues,
} from './labels.ts';
import type { RejectionReason } from './rejections.ts';

/** Where a family reports what it could not record as asked. */
export interface SelfMetricSink {
  /** A recording dropped: a label value or the value was not valid. */
  reject(reason: RejectionReason): void;
  /** A recording folded into the overflow series of free-form label `label`. */
  fold(label: string): void;
}

const IGNORE: SelfMetricSink = { reject: () => {}, fold: () => {} };

export interface FamilyDefinition {
  /** The name on the wire, with `_total` for counters. */
  readonly name: string;
  readonly help: string;
  readonly unit?: string;
  readonly labels?: readonly LabelDefinition[];
}

export type FamilyType = 'counter' | 'gauge' | 'histogram';

/**
 * One metric family stored as numbers in a single `Float64Array`: series `i` owns the `stride`
 * numbers from `i * stride`. Enum-only families create every series up front and never move;
 * free-form labels add series on first use and the array doubles when full. A flat numeric
 * layout is what lets a later `worker_threads` version place it in a `SharedArrayBuffer`.
 *
 * It also behaves as a prom-client metric (`name`, `help`, `type`, `get`, `reset`), so it sits
 * in a prom-client `Registry` beside metrics registered by other code.
 */
export abstract class MetricFamily {
  /** The registry key; prom-client may strip `_total` from it while rendering OpenMetrics. */
  name: string;
  readonly exposedName: string;
  readonly help: string;
  readonly unit: string | undefined;
  readonly labels: readonly LabelDefinition[];
  readonly aggregator = 'sum';
  abstract readonly type: FamilyType;

  values: Float64Array;
  seriesCount = 0;
  /** Label values of each series, in declaration order. */
  protected readonly seriesLabelValues: (readonly string[])[] = [];
  /** The escaped `name="value",…` text of each series; subclasses build line prefixes from it. */
  protected readonly seriesLabelTexts: string[] = [];
  /** Present when the family has free-form labels; resolves their values to a first series. */
  readonly free: FreeLabelIndex | undefined;
  private readonly enumTuples: readonly string[][];
  private sink: SelfMetricSink = IGNORE;

  protected constructor(
    definition: FamilyDefinition,
    readonly stride: number,
  ) {
    this.name = definition.name;
    this.exposedName = definition.name;
    this.help = definition.help;
    this.unit = definition.unit;
    this.labels = definition.labels ?? [];
    const enumLabels = this.labels.filter(isEnumLabel);
    const freeLabels = this.labels.filter((l): l is FreeLabel => !isEnumLabel(l));
    this.enumTuples = enumCombinations(enumLabels satisfies readonly EnumLabel[]);
    this.values = new Float64Array(this.enumTuples.length * stride);
    if (freeLabels.length === 0) {
      this.free = undefined;
      this.addSeries([]);
    } else {
      this.free = new FreeLabelIndex(
        freeLabels,
        (values) => this.addSeries(values),
        (labelIndex) => this.sink.fold(freeLabels[labelIndex]?.name ?? ''),
      );
    }
  }

  /**
   * The series for free-form label values `a` (and `b`), offset by the enum `slot`; -1 when a
   * value is not valid. Generated recorders call these only on families with free-form labels.
   */
  seriesOf(a: unknown, slot = 0): number {
    if (slot < 0) return -1;
    const base = (this.free as FreeLabelIndex).lookup1(a);
    return base < 0 ? -1 : base + slot;
  }

  seriesOf2(a: unknown, b: unknown, slot = 0): number {
    if (slot < 0) return -1;
    const base = (this.free as FreeLabelIndex).lookup2(a, b);
    return base < 0 ? -1 : base + slot;
  }

  seriesOfAll(values: readonly unknown[], slot = 0): number {
    if (slot < 0) return -1;
    const base = (this.free as FreeLabelIndex).lookup(values);
    return base < 0 ? -1 : base + slot;
  }

  /** Routes dropped and folded recordings to the metric set's self-metrics. */
  connectSelfMetrics(sink: SelfMetricSink): void {
    this.sink = sink;
  }

  protected reject(reason: RejectionReason): void {
    this.sink.reject(reason);
  }

  /**
   * `text` followed by this family, header included. One string grows through the whole scrape
   * and is flattened once when it is sent; measured here, that beats collecting pieces in an
   * array and joining them.
   */
  abstract appendTo(text: string, format: ExpositionFormat): string;

  /** This family alone in the exposition format, header included. */
  render(format: ExpositionFormat): string {
    return this.appendTo('', format);
  }

  /** prom-client's view of the family, for `registry.metrics()` and `getMetricsAsJSON()`. */
  abstract get(): Promise<MetricData>;

  reset(): void {
    this.values.fill(0);
  }

  /** The label values of `series`, in declaration order (for the protobuf exposition). */
  labelValuesOf(series: number): readonly string[] {
    return this.seriesLabelValues[series] ?? [];
  }

  protected labelObject(series: number): Record<string, string> {
    const values = this.seriesLabelValues[series] ?? [];
    return Object.fromEntries(this.labels.map((label, i) => [label.name, values[i] ?? '']));
  }

  private addSeries(freeValues: readonly string[]): number {
    const first = this.seriesCount;
    const needed = (first + this.enumTuples.length) * this.stride;
    if (needed > this.values.length) this.grow(needed);
    for (const enumValues of this.enumTuples) {
      const values = orderedLabelValues(this.labels, enumValues, freeValues);
      this.seriesLabelValues.push(values);
      this.seriesLabelTexts.push(labelText(this.labels, values));
      this.seriesCount++;
    }
    return first;
  }

  private grow(needed: number): void {
    const grown = new Float64Array(Math.max(needed, this.values.length * 2));
    grown.set(this.values);
    this.values = grown;
  }
}

/**
 * The same string, flattened now: V8 builds concatenations as trees, and a cached line prefix
 * left as a tree would be walked again on every scrape. Reading a character flattens it in place.
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}
