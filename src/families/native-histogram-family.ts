import type { MetricData } from '../exposition/metric-data.ts';
import { type ExpositionFormat, familyHeader } from '../exposition/text-format.ts';
import type { ProtobufKind } from './brand.ts';
import { BucketLocator, LOOKUP_SCHEMA } from './bucket-locator.ts';
import { ClassicHistogramData } from './classic-histogram-data.ts';
import { ClassicHistogramText } from './classic-histogram-text.ts';
import { checkedExemplar, type StoredExemplar } from './exemplar.ts';
import { type FamilyDefinition, MetricFamily } from './family.ts';
import type { NativeIndexer } from './native-index.ts';
import {
  COUNTS,
  NativeRegion,
  type NativeResolution,
  OFFSET,
  POPULATED,
  ZERO_COUNT,
} from './native-region.ts';

/** Number.MAX_VALUE as a literal: `value <= MAX_FINITE` is false for Infinity and NaN. */
const MAX_FINITE = 1.7976931348623157e308;

/** One series' native buckets: see {@link NativeHistogramFamily.nativeOf}. */
export interface NativeBuckets {
  readonly schema: number;
  readonly zeroCount: number;
  /** [index, count] of each populated bucket, lowest index first. */
  readonly buckets: readonly (readonly [number, number])[];
}

export interface NativeHistogramDefinition extends FamilyDefinition {
  /** Classic upper bounds, finite and increasing; empty for a native-only histogram. */
  readonly buckets: readonly number[];
  /** Native resolution; without it the histogram is classic (with exemplars). */
  readonly native?: NativeResolution | undefined;
  /** Whether `observe` keeps exemplars (the latest per classic bucket). */
  readonly exemplars?: boolean | undefined;
}

/**
 * A histogram with native buckets, exemplars, or both, beside its classic buckets. Each series
 * stores its classic buckets as `HistogramFamily` does (bucket counts, +Inf, sum), so count and
 * sum have one home; a native-only histogram is a classic one with no bounds, whose text
 * exposition is `_bucket{le="+Inf"}`, `_sum` and `_count`. The native buckets follow in the same
 * stride ({@link NativeRegion}): plain numbers in `values`, so they live in shared memory and
 * cluster images as the classic buckets do, and are exposed only in the protobuf format, which
 * is how Prometheus ingests native histograms. Exemplars are kept per classic bucket (the latest
 * one each), with their timestamps.
 */
export class NativeHistogramFamily extends MetricFamily {
  readonly type = 'histogram';
  readonly bounds: Float64Array;
  /** prom-client's view of the classic part, with bucket labels built once per series. */
  private readonly classicData = new ClassicHistogramData();
  /** The native buckets' layout and slow paths; undefined without native resolution. */
  readonly region: NativeRegion | undefined;
  /** Where a series' sum is, and its native region after it: offsets in its stride. */
  readonly sumAt: number;
  readonly regionAt: number;
  readonly keepsExemplars: boolean;
  private readonly locator: BucketLocator;
  private readonly indexer: NativeIndexer;
  /** Lookup schema minus the layout's native schema: added to a series' own halvings. */
  private readonly lookupShift: number;
  /** The region's width, copied: one load less on every observation. */
  private readonly width: number;
  /** Values at most this go to the native zero bucket (0 without native buckets). */
  private readonly zeroThreshold: number;
  /** Latest exemplar of each classic bucket: series * (bounds + 1) + bucket. */
  readonly exemplars: (StoredExemplar | undefined)[] = [];
  private readonly text: ClassicHistogramText;
  private readonly headers: Partial<Record<ExpositionFormat, string>> = {};

  constructor(definition: NativeHistogramDefinition) {
    const region = definition.native && new NativeRegion(definition.native);
    super(definition, definition.buckets.length + 2 + (region?.size ?? 0));
    this.bounds = Float64Array.from(definition.buckets);
    this.region = region;
    this.sumAt = this.bounds.length + 1;
    this.regionAt = this.sumAt + 1;
    // The lookup index doubles as the native index, so it is at least as fine as the native
    // schema; a series whose resolution is halved shifts it down.
    this.locator = new BucketLocator(
      this.bounds,
      Math.max(definition.native?.schema ?? LOOKUP_SCHEMA, LOOKUP_SCHEMA),
    );
    this.indexer = this.locator.indexer;
    this.lookupShift = this.locator.schema - (definition.native?.schema ?? this.locator.schema);
    this.width = region?.width ?? 0;
    this.zeroThreshold = definition.native?.zeroThreshold ?? 0;
    this.keepsExemplars = definition.exemplars === true;
    this.text = new ClassicHistogramText(this.exposedName, definition.buckets);
    if (region !== undefined) {
      this.addSeriesInto = (target, at, source, from) =>
        this.addWithNative(target, at, source, from);
    }
  }

  override get protobufKind(): ProtobufKind {
    return 'native-histogram';
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
      const index = this.indexer.index(value);
      const bucket = this.sumAt === 1 ? 0 : this.locator.bucketAt(index, value);
      const values = this.values;
      const base = series * this.stride;
      (values[base + bucket] as number) += 1;
      (values[base + this.sumAt] as number) += value;
      if (this.width !== 0) {
        // The native bucket at the series' schema: ceil(index / 2^shift), then one subtraction
        // to its slot. Inside the window is the common case, and only a series' first value
        // or one far from the others calls the region: V8 inlines a call only if it was
        // frequent when the caller was compiled, and a rare call keeps this small enough to
        // inline into every recorder.
        const at = base + this.regionAt;
        // The region's first slot is REDUCTION; written `at + REDUCTION`, the imported constant
        // is loaded on every call (9.2 against 10.3 ns a record).
        const shift = this.lookupShift + ((values[at] as number) | 0);
        const native = (index + (1 << shift) - 1) >> shift;
        const slot = native - ((values[at + OFFSET] as number) | 0);
        if (slot >= 0 && slot < this.width) {
          const countAt = at + COUNTS + slot;
          const count = values[countAt] as number;
          values[countAt] = count + 1;
          if (count === 0) (this.region as NativeRegion).populated(values, at, slot);
        } else {
          (this.region as NativeRegion).add(values, at, native, 1);
        }
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
    (this.values[base + this.sumAt] as number) += value;
    if (this.region !== undefined) (this.values[base + this.regionAt + ZERO_COUNT] as number) += 1;
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
    return this.scrapeValues()[series * this.stride + this.sumAt] as number;
  }

  /**
   * The native buckets of `series` as a scrape reads them (combined across threads and
   * processes): its schema, zero bucket and populated buckets, lowest index first.
   */
  nativeOf(series: number): NativeBuckets | undefined {
    const region = this.region;
    if (region === undefined || !this.hasSeries(series)) return undefined;
    const values = this.scrapeValues();
    const at = series * this.stride + this.regionAt;
    return {
      schema: region.schemaOf(values, at),
      zeroCount: values[at + ZERO_COUNT] as number,
      buckets: region.buckets(values, at),
    };
  }

  /** The label names and values of `series`, in declaration order. */
  labelPairs(series: number): [string, string][] {
    const values = this.seriesLabelValues[series] ?? [];
    return this.labels.map((label, i) => [label.name, values[i] ?? '']);
  }

  override reset(): void {
    super.reset();
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

  /** Two copies of a series add up: classic numbers by addition, native buckets by merging. */
  private addWithNative(
    target: Float64Array,
    at: number,
    source: Float64Array,
    from: number,
  ): void {
    // Every observation is counted in the zero bucket or a native bucket: a copy with neither
    // observed nothing (a cluster primary's own copy, usually), and adding it changes nothing.
    const region = from + this.regionAt;
    if (source[region + POPULATED] === 0 && source[region + ZERO_COUNT] === 0) return;
    for (let k = 0; k < this.regionAt; k++)
      (target[at + k] as number) += source[from + k] as number;
    (this.region as NativeRegion).merge(target, at + this.regionAt, source, from + this.regionAt);
  }

  private keepExemplar(series: number, bucket: number, value: number, exemplar: unknown): void {
    if (!this.keepsExemplars) return;
    const kept = checkedExemplar(exemplar, value);
    if (kept === undefined) this.reject('invalid_exemplar');
    else this.exemplars[series * (this.bounds.length + 1) + bucket] = kept;
  }

  protected override releaseSeriesState(series: number): void {
    const width = this.bounds.length + 1;
    this.exemplars.fill(undefined, series * width, (series + 1) * width);
  }

  private header(format: ExpositionFormat): string {
    const header = familyHeader(this.exposedName, 'histogram', this.help, this.unit, format);
    this.headers[format] = header;
    return header;
  }
}
