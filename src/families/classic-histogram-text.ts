import { braced, formatSampleValue } from '../exposition/text-format.ts';
import { openMetricsExemplar, type StoredExemplar } from './exemplar.ts';
import { flat } from './family.ts';

/** What the text of a classic histogram is rendered from: one family's storage. */
export interface ClassicHistogramStorage {
  readonly seriesCount: number;
  /**
   * Numbers per series: bucket counts (not cumulative), +Inf, the sum, then anything else the
   * family keeps per series (native buckets).
   */
  readonly stride: number;
  readonly values: Float64Array;
  /** Each series' label text; undefined for a removed series. */
  readonly labelTexts: readonly (string | undefined)[];
  /** The latest exemplar per bucket (series * (bounds + 1) + bucket), for OpenMetrics. */
  readonly exemplars?: readonly (StoredExemplar | undefined)[] | undefined;
}

/**
 * The `_bucket`, `_sum` and `_count` lines of a classic histogram, in both text formats. Line
 * prefixes are built once per series and reused at every scrape; a bucket still at zero (common
 * below the smallest observation) is one cached line.
 */
export class ClassicHistogramText {
  private readonly leTexts: readonly string[];
  private readonly bucketPrefixes: (readonly string[])[] = [];
  private readonly zeroBucketLines: (readonly string[])[] = [];
  private readonly sumPrefixes: string[] = [];
  private readonly countPrefixes: string[] = [];
  /** The label text each series' prefixes were built from; a reused index holds other labels. */
  private readonly prefixLabels: (string | undefined)[] = [];

  constructor(
    private readonly name: string,
    bounds: readonly number[],
  ) {
    this.leTexts = [...bounds.map(formatSampleValue), '+Inf'].map((le) => `le="${le}"} `);
  }

  append(text: string, storage: ClassicHistogramStorage): string {
    let out = text;
    const { values, stride, labelTexts, exemplars } = storage;
    const last = this.leTexts.length - 1;
    for (let series = 0; series < storage.seriesCount; series++) {
      const labels = labelTexts[series];
      if (labels === undefined) continue; // removed
      if (this.prefixLabels[series] !== labels) this.buildPrefixes(series, labels);
      const base = series * stride;
      const prefixes = this.bucketPrefixes[series] as readonly string[];
      const zeroLines = this.zeroBucketLines[series] as readonly string[];
      let cumulative = 0;
      for (let bucket = 0; bucket <= last; bucket++) {
        cumulative += values[base + bucket] as number;
        if (cumulative === 0) {
          out += zeroLines[bucket];
          continue;
        }
        const exemplar = exemplars?.[series * (last + 1) + bucket];
        const suffix = exemplar === undefined ? '' : openMetricsExemplar(exemplar);
        out += `${prefixes[bucket]}${formatSampleValue(cumulative)}${suffix}\n`;
      }
      out += `${this.sumPrefixes[series]}${formatSampleValue(values[base + last + 1] as number)}\n`;
      out += `${this.countPrefixes[series]}${formatSampleValue(cumulative)}\n`;
    }
    return out;
  }

  private buildPrefixes(series: number, labels: string): void {
    const bucket = `${this.name}_bucket{${labels === '' ? '' : `${labels},`}`;
    const prefixes = this.leTexts.map((le) => flat(bucket + le));
    this.prefixLabels[series] = labels;
    this.bucketPrefixes[series] = prefixes;
    this.zeroBucketLines[series] = prefixes.map((prefix) => flat(`${prefix}0\n`));
    this.sumPrefixes[series] = flat(`${this.name}_sum${braced(labels)} `);
    this.countPrefixes[series] = flat(`${this.name}_count${braced(labels)} `);
  }
}
