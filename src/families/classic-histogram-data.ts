import type { MetricData, SampleData } from '../exposition/metric-data.ts';

type Labels = Readonly<Record<string, string>>;
type BucketLabels = readonly Readonly<Record<string, string | number>>[];

/** What prom-client's view of a classic histogram needs from a family. */
export interface ClassicHistogramSource {
  readonly name: string;
  readonly help: string;
  readonly bounds: ArrayLike<number>;
  readonly stride: number;
  readonly seriesCount: number;
  /** Per series: the bucket counts (not cumulative), `+Inf`, the sum, then anything else. */
  readonly values: Float64Array;
  /** The label object of a live series, undefined for a removed one. */
  labelsOf(series: number): Labels | undefined;
}

/**
 * prom-client's `get()` of a classic histogram (also the classic part of a native one): each
 * bucket's labels with its `le` are built once per series and shared by every call, as
 * prom-client shares its own, so `getMetricsAsJSON()` allocates nothing per sample.
 */
export class ClassicHistogramData {
  private readonly bucketLabels: ({ labels: Labels; perBucket: BucketLabels } | undefined)[] = [];

  get(source: ClassicHistogramSource): MetricData {
    const samples: SampleData[] = [];
    const { values, stride } = source;
    const last = source.bounds.length;
    const bucketName = `${source.name}_bucket`;
    const sumName = `${source.name}_sum`;
    const countName = `${source.name}_count`;
    for (let series = 0; series < source.seriesCount; series++) {
      const labels = source.labelsOf(series);
      if (labels === undefined) continue;
      const bucketLabels = this.bucketLabelsOf(source, series, labels);
      const base = series * stride;
      let cumulative = 0;
      for (let bucket = 0; bucket <= last; bucket++) {
        cumulative += values[base + bucket] as number;
        const le = bucketLabels[bucket] as Readonly<Record<string, string | number>>;
        samples.push({ metricName: bucketName, labels: le, value: cumulative });
      }
      samples.push({ metricName: sumName, labels, value: values[base + last + 1] as number });
      samples.push({ metricName: countName, labels, value: cumulative });
    }
    return {
      name: source.name,
      help: source.help,
      type: 'histogram',
      aggregator: 'sum',
      values: samples,
    };
  }

  private bucketLabelsOf(
    source: ClassicHistogramSource,
    series: number,
    labels: Labels,
  ): BucketLabels {
    const cached = this.bucketLabels[series];
    if (cached !== undefined && cached.labels === labels) return cached.perBucket;
    const last = source.bounds.length;
    const perBucket = Array.from({ length: last + 1 }, (_, bucket) => ({
      ...labels,
      le: bucket < last ? (source.bounds[bucket] as number) : '+Inf',
    }));
    this.bucketLabels[series] = { labels, perBucket };
    return perBucket;
  }
}
