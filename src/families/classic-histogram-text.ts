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
  /**
   * Each series' lines as rendered last, with the bucket counts and sum they show: a series that
   * observed nothing since the last scrape costs a comparison of those numbers. Without
   * exemplars only (exemplars change without the numbers changing).
   */
  private readonly lastBlocks: string[] = [];
  private lastNumbers = new Float64Array(0);

  constructor(
    private readonly name: string,
    bounds: readonly number[],
  ) {
    this.leTexts = [...bounds.map(formatSampleValue), '+Inf'].map((le) => `le="${le}"} `);
  }

  append(text: string, storage: ClassicHistogramStorage): string {
    let out = text;
    const { values, stride, labelTexts, exemplars } = storage;
    const width = this.leTexts.length + 1; // buckets, +Inf and the sum
    if (exemplars === undefined && this.lastNumbers.length < storage.seriesCount * width) {
      // NaN matches no number: a series not rendered yet builds its lines.
      const grown = new Float64Array(storage.seriesCount * width * 2).fill(Number.NaN);
      grown.set(this.lastNumbers);
      this.lastNumbers = grown;
    }
    for (let series = 0; series < storage.seriesCount; series++) {
      const labels = labelTexts[series];
      if (labels === undefined) continue; // removed
      if (this.prefixLabels[series] !== labels) this.buildPrefixes(series, labels);
      const base = series * stride;
      if (exemplars !== undefined) {
        out += this.lines(series, values, base, exemplars);
      } else if (this.unchanged(values, base, series * width, width)) {
        out += this.lastBlocks[series];
      } else {
        const block = this.lines(series, values, base, undefined);
        this.lastNumbers.set(values.subarray(base, base + width), series * width);
        this.lastBlocks[series] = block;
        out += block;
      }
    }
    return out;
  }

  /** Whether a series' numbers are those its last rendered lines show. */
  private unchanged(values: Float64Array, base: number, at: number, width: number): boolean {
    const last = this.lastNumbers;
    for (let k = 0; k < width; k++) if (values[base + k] !== last[at + k]) return false;
    return true;
  }

  private lines(
    series: number,
    values: Float64Array,
    base: number,
    exemplars: readonly (StoredExemplar | undefined)[] | undefined,
  ): string {
    const last = this.leTexts.length - 1;
    const prefixes = this.bucketPrefixes[series] as readonly string[];
    const zeroLines = this.zeroBucketLines[series] as readonly string[];
    let out = '';
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
    // NaN matches no number: the next rendering of this series builds its lines.
    this.lastNumbers.fill(
      Number.NaN,
      series * (this.leTexts.length + 1),
      (series + 1) * (this.leTexts.length + 1),
    );
  }
}
