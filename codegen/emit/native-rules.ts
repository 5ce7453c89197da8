import type { MetricModel, MetricsModel } from '../model/model.ts';
import { classicSeries } from '../promql/series-names.ts';

/** A recording rule as rules.yml holds it. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
}

/**
 * Recording rules for every histogram whose layout is native: per job, the p95, the rate of
 * observations (`histogram_count`) and the rate of their sum (`histogram_sum`) over 5 minutes.
 * For a layout with classic buckets too, each rule falls back (`or`) to the classic series, so
 * it has data whichever format Prometheus scrapes; classic-only histograms get none here, their
 * rules are the spec's own queries.
 */
export function nativeHistogramRules(model: MetricsModel): RecordingRule[] {
  // A rule the spec declares itself under the same name wins: names must be unique.
  const declared = new Set(model.queries.map((query) => query.record));
  return model.metrics.flatMap((metric) => {
    const kind = metric.bucketLayout?.kind;
    if (metric.type !== 'histogram' || kind === undefined || kind === 'classic') return [];
    return rulesOf(metric, kind === 'both').filter((rule) => !declared.has(rule.record));
  });
}

function rulesOf(metric: MetricModel, withClassic: boolean): RecordingRule[] {
  const name = metric.fullName;
  const classic = classicSeries(name);
  const rate = (series: string) => `sum by (job) (rate(${series}[5m]))`;
  const or = (classic: string) => (withClassic ? ` or ${classic}` : '');
  return [
    {
      record: `job:${name}:p95_rate5m`,
      expr: `histogram_quantile(0.95, ${rate(name)})${or(`histogram_quantile(0.95, sum by (job, le) (rate(${classic.bucket}[5m])))`)}`,
    },
    {
      record: `job:${name}:count_rate5m`,
      expr: `histogram_count(${rate(name)})${or(rate(classic.count))}`,
    },
    {
      record: `job:${name}:sum_rate5m`,
      expr: `histogram_sum(${rate(name)})${or(rate(classic.sum))}`,
    },
  ];
}
