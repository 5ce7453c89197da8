import type { MetricData } from '../exposition/metric-data.ts';
import { type ExpositionFormat, familyHeader } from '../exposition/text-format.ts';
import { ClassicHistogramData } from './classic-histogram-data.ts';
import { ClassicHistogramText } from './classic-histogram-text.ts';
import { type FamilyDefinition, MetricFamily } from './family.ts';

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
  private readonly text: ClassicHistogramText;
  /** prom-client's view, with bucket labels built once per series. */
  private readonly classicData = new ClassicHistogramData();
  private readonly headers: Partial<Record<ExpositionFormat, string>> = {};

  constructor(definition: HistogramDefinition) {
    super(definition, definition.buckets.length + 2);
    this.bounds = Float64Array.from(definition.buckets);
    this.text = new ClassicHistogramText(this.exposedName, definition.buckets);
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
    return this.text.append(text, {
      seriesCount: this.seriesCount,
      stride: this.stride,
      values: this.scrapeValues(),
      labelTexts: this.seriesLabelTexts,
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

  private header(format: ExpositionFormat): string {
    const header = familyHeader(this.exposedName, 'histogram', this.help, this.unit, format);
    this.headers[format] = header;
    return header;
  }
}
