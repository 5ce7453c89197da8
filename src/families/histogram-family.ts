import type { MetricData } from '../exposition/metric-data.ts';
import {
  braced,
  type ExpositionFormat,
  familyHeader,
  formatSampleValue,
} from '../exposition/text-format.ts';
import { ClassicHistogramData } from './classic-histogram-data.ts';
import { type FamilyDefinition, flat, MetricFamily } from './family.ts';

/** Number.MAX_VALUE as a literal: `value <= MAX_FINITE` is false for Infinity and NaN. */
const MAX_FINITE = 1.7976931348623157e308;

export interface HistogramDefinition extends FamilyDefinition {
  /** Finite, increasing, non-negative upper bounds; `+Inf` is implied. */
  readonly buckets: readonly number[];
}

/**
 * A classic histogram. Each series stores its bucket counts (not cumulative, so an observation
 * touches one bucket), the `+Inf` bucket and the sum: `buckets.length + 2` numbers. Cumulative
 * counts and `_count` are computed when rendering. Observations must be finite and non-negative:
 * OpenMetrics treats `_sum` as a counter, so a negative one would make the exposition invalid.
 */
export class HistogramFamily extends MetricFamily {
  readonly type = 'histogram';
  private readonly bounds: Float64Array;
  private readonly leTexts: readonly string[];
  /** Per series: each bucket's `name_bucket{labels,le="…"} `, and the `_sum` and `_count` prefixes. */
  private readonly bucketPrefixes: (readonly string[])[] = [];
  /** The same bucket lines at count zero, common below the smallest observation. */
  private readonly zeroBucketLines: (readonly string[])[] = [];
  private readonly sumPrefixes: string[] = [];
  private readonly countPrefixes: string[] = [];
  /** prom-client's view, with bucket labels built once per series. */
  private readonly classicData = new ClassicHistogramData();
  /** The label text each series' cached prefixes were built from. */
  private readonly prefixLabels: (string | undefined)[] = [];
  private readonly headers: Partial<Record<ExpositionFormat, string>> = {};

  constructor(definition: HistogramDefinition) {
    super(definition, definition.buckets.length + 2);
    this.bounds = Float64Array.from(definition.buckets);
    this.leTexts = [...definition.buckets.map(formatSampleValue), '+Inf'].map(
      (le) => `le="${le}"} `,
    );
  }

  /**
   * Records one observation into `bucket`, which the generated layout function computed from the
   * value (`buckets.length` for +Inf). `series` is -1 when a label value was not valid.
   */
  observe(series: number, bucket: number, value: number): void {
    // One test for every valid call keeps this small enough to inline into every recorder. The
    // bucket comes from the generated layout function; a caller passing its own must not write
    // into `_sum` or the next series (`>>> 0` fails NaN, -1 and 1.5).
    if (
      series >= 0 &&
      typeof value === 'number' &&
      value >= 0 &&
      value <= MAX_FINITE &&
      bucket >>> 0 === bucket &&
      bucket < this.stride - 1
    ) {
      const base = series * this.stride;
      (this.values[base + bucket] as number) += 1;
      (this.values[base + this.stride - 1] as number) += value;
    } else {
      this.reject(series < 0 ? 'invalid_label_value' : 'invalid_value');
    }
  }

  appendTo(text: string, format: ExpositionFormat): string {
    return this.appendSeries(text + (this.headers[format] ?? this.header(format)));
  }

  appendSeries(text: string): string {
    let out = text;
    const values = this.scrapeValues();
    const last = this.bounds.length;
    for (let series = 0; series < this.seriesCount; series++) {
      const labels = this.seriesLabelTexts[series];
      if (labels === undefined) continue; // removed
      // Built once per series; rebuilt when a removed series' index now holds other labels.
      if (this.prefixLabels[series] !== labels) this.buildPrefixes(series, labels);
      const base = series * this.stride;
      const bucketPrefixes = this.bucketPrefixes[series] as readonly string[];
      const zeroLines = this.zeroBucketLines[series] as readonly string[];
      let cumulative = 0;
      for (let bucket = 0; bucket <= last; bucket++) {
        cumulative += values[base + bucket] as number;
        out +=
          cumulative === 0
            ? zeroLines[bucket]
            : `${bucketPrefixes[bucket]}${formatSampleValue(cumulative)}\n`;
      }
      out += `${this.sumPrefixes[series]}${formatSampleValue(values[base + last + 1] as number)}\n`;
      out += `${this.countPrefixes[series]}${formatSampleValue(cumulative)}\n`;
    }
    return out;
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

  /** The line prefixes of one series, from its label text. */
  private buildPrefixes(series: number, labels: string): void {
    const bucket = `${this.exposedName}_bucket{${labels === '' ? '' : `${labels},`}`;
    const prefixes = this.leTexts.map((le) => flat(bucket + le));
    this.prefixLabels[series] = labels;
    this.bucketPrefixes[series] = prefixes;
    this.zeroBucketLines[series] = prefixes.map((prefix) => flat(`${prefix}0\n`));
    this.sumPrefixes[series] = flat(`${this.exposedName}_sum${braced(labels)} `);
    this.countPrefixes[series] = flat(`${this.exposedName}_count${braced(labels)} `);
  }

  private header(format: ExpositionFormat): string {
    const header = familyHeader(this.exposedName, 'histogram', this.help, this.unit, format);
    this.headers[format] = header;
    return header;
  }
}
