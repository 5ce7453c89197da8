import type { MetricData } from '../exposition/metric-data.ts';
import { type ExpositionFormat, familyHeader } from '../exposition/text-format.ts';
import { BucketLocator, LOOKUP_SCHEMA } from './bucket-locator.ts';
import { ClassicHistogramData } from './classic-histogram-data.ts';
import { ClassicHistogramText } from './classic-histogram-text.ts';
import { checkedExemplar, type StoredExemplar } from './exemplar.ts';
import { type FamilyDefinition, MetricFamily } from './family.ts';
import { type NativeResolution, NativeSeries } from './native-buckets.ts';

/** Number.MAX_VALUE as a literal: `value <= MAX_FINITE` is false for Infinity and NaN. */
const MAX_FINITE = 1.7976931348623157e308;

export interface NativeHistogramDefinition extends FamilyDefinition {
  /** Classic upper bounds, finite and increasing; empty for a native-only histogram. */
  readonly buckets: readonly number[];
  /** Native resolution; without it the histogram is classic (with exemplars). */
  readonly native?: NativeResolution | undefined;
  /** Whether `observe` keeps exemplars (the latest per classic bucket). */
  readonly exemplars?: boolean | undefined;
}

/**
 * A histogram with native buckets, exemplars, or both, beside its classic buckets. The classic
 * part is stored as `HistogramFamily` stores it (bucket counts, +Inf, sum: `buckets.length + 2`
 * numbers per series), so count and sum have one home; a native-only histogram is a classic one
 * with no bounds, whose text exposition is `_bucket{le="+Inf"}`, `_sum` and `_count`. The native
 * buckets of each series live in a {@link NativeSeries}, exposed only in the protobuf format,
 * which is how Prometheus ingests native histograms. Exemplars are kept per classic bucket (the
 * latest one each), with their timestamps.
 */
export class NativeHistogramFamily extends MetricFamily {
  readonly type = 'histogram';
  readonly bounds: Float64Array;
  /** prom-client's view of the classic part, with bucket labels built once per series. */
  private readonly classicData = new ClassicHistogramData();
  readonly native: NativeResolution | undefined;
  readonly keepsExemplars: boolean;
  private readonly locator: BucketLocator;
  /** Values at most this go to the native zero bucket (0 without native buckets). */
  private readonly zeroThreshold: number;
  /** Native buckets per series, created on the first observation of the series. */
  readonly nativeSeries: (NativeSeries | undefined)[] = [];
  /** Latest exemplar of each classic bucket: series * (bounds + 1) + bucket. */
  readonly exemplars: (StoredExemplar | undefined)[] = [];
  private readonly text: ClassicHistogramText;
  private readonly headers: Partial<Record<ExpositionFormat, string>> = {};

  constructor(definition: NativeHistogramDefinition) {
    super(definition, definition.buckets.length + 2);
    this.bounds = Float64Array.from(definition.buckets);
    this.native = definition.native;
    // The lookup index doubles as the native index, so it is at least as fine as the native
    // schema; a series whose resolution is later halved shifts it down.
    this.locator = new BucketLocator(
      this.bounds,
      Math.max(definition.native?.schema ?? LOOKUP_SCHEMA, LOOKUP_SCHEMA),
    );
    this.zeroThreshold = definition.native?.zeroThreshold ?? 0;
    this.keepsExemplars = definition.exemplars === true;
    this.text = new ClassicHistogramText(this.exposedName, definition.buckets);
  }

  /**
   * Records one observation into its classic bucket and its native bucket, both found from one
   * index computed from the float's bits ({@link BucketLocator}). An exemplar that cannot be
   * exposed is dropped and counted; the observation is kept.
   */
  observe(series: number, value: number, exemplar?: unknown): void {
    // The common call in one test (`value > zeroThreshold >= 0` fails NaN, negatives and zero),
    // everything else out of line: a small body is what V8 inlines into every recorder.
    if (series >= 0 && value > this.zeroThreshold && value <= MAX_FINITE) {
      const locator = this.locator;
      const bucket = locator.locate(value);
      const base = series * this.stride;
      (this.values[base + bucket] as number) += 1;
      (this.values[base + this.stride - 1] as number) += value;
      if (this.native !== undefined) {
        const native = this.nativeSeries[series] ?? this.createNativeSeries(series, this.native);
        native.observeAtIndex(locator.index, locator.schema, value);
      }
      if (exemplar !== undefined) this.keepExemplar(series, bucket, value, exemplar);
    } else {
      this.observeRare(series, value, exemplar);
    }
  }

  /** Rejections, and values in the zero bucket (zero itself, or at most the threshold). */
  private observeRare(series: number, value: number, exemplar: unknown): void {
    if (series < 0) {
      this.reject('invalid_label_value');
      return;
    }
    if (!(value >= 0 && value <= MAX_FINITE)) {
      this.reject('invalid_value');
      return;
    }
    const bucket = this.locator.scan(value);
    const base = series * this.stride;
    (this.values[base + bucket] as number) += 1;
    (this.values[base + this.stride - 1] as number) += value;
    if (this.native !== undefined)
      (this.nativeSeries[series] ?? this.createNativeSeries(series, this.native)).zeroCount++;
    if (exemplar !== undefined) this.keepExemplar(series, bucket, value, exemplar);
  }

  /** Observations of `series` so far: its classic buckets summed. */
  countOf(series: number): number {
    const base = series * this.stride;
    let count = 0;
    const values = this.scrapeValues();
    for (let bucket = 0; bucket <= this.bounds.length; bucket++)
      count += values[base + bucket] as number;
    return count;
  }

  sumOf(series: number): number {
    return this.scrapeValues()[series * this.stride + this.stride - 1] as number;
  }

  /** The label names and values of `series`, in declaration order. */
  labelPairs(series: number): [string, string][] {
    const values = this.seriesLabelValues[series] ?? [];
    return this.labels.map((label, i) => [label.name, values[i] ?? '']);
  }

  override reset(): void {
    super.reset();
    for (const native of this.nativeSeries) native?.clear();
    this.exemplars.fill(undefined);
  }

  appendTo(text: string, format: ExpositionFormat): string {
    const withExemplars = format === 'openmetrics' && this.keepsExemplars;
    return this.samples(text + (this.headers[format] ?? this.header(format)), withExemplars);
  }

  /** The sample lines alone, without exemplars (prom-client's text has none). */
  appendSeries(text: string): string {
    return this.samples(text, false);
  }

  private samples(text: string, withExemplars: boolean): string {
    return this.text.append(text, {
      seriesCount: this.seriesCount,
      stride: this.stride,
      values: this.scrapeValues(),
      labelTexts: this.seriesLabelTexts,
      exemplars: withExemplars ? this.exemplars : undefined,
    });
  }

  async get(): Promise<MetricData> {
    return this.classicData.get({
      name: this.name,
      help: this.help,
      bounds: this.bounds,
      stride: this.stride,
      seriesCount: this.seriesCount,
      values: this.scrapeValues(),
      labelsOf: (series) => (this.hasSeries(series) ? this.labelsOf(series) : undefined),
    });
  }

  private createNativeSeries(series: number, resolution: NativeResolution): NativeSeries {
    const native = new NativeSeries(resolution);
    this.nativeSeries[series] = native;
    return native;
  }

  private keepExemplar(series: number, bucket: number, value: number, exemplar: unknown): void {
    if (!this.keepsExemplars) return;
    const kept = checkedExemplar(exemplar, value);
    if (kept === undefined) this.reject('invalid_exemplar');
    else this.exemplars[series * (this.bounds.length + 1) + bucket] = kept;
  }

  protected override releaseSeriesState(series: number): void {
    this.nativeSeries[series] = undefined;
    const width = this.bounds.length + 1;
    this.exemplars.fill(undefined, series * width, (series + 1) * width);
  }

  private header(format: ExpositionFormat): string {
    const header = familyHeader(this.exposedName, 'histogram', this.help, this.unit, format);
    this.headers[format] = header;
    return header;
  }
}
