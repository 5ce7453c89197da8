import type { MetricModel } from '../model/model.ts';
import { DASHBOARD_MATCHERS, RATE_INTERVAL } from '../promql/dashboard-query.ts';
import { classicSeries } from '../promql/series-names.ts';
import {
  aggregation,
  byLabels,
  heatmap,
  type PanelDraft,
  QUANTILES,
  type Target,
  timeseries,
  titleOf,
  unitOf,
} from './grafana-panels.ts';

/**
 * A histogram's panels, chosen by its layout. Classic: quantiles from `_bucket` and a heatmap of
 * the buckets. Native: quantiles from the native histogram (`histogram_quantile(q, sum by (…)
 * (rate(x[…])))`, no `le`), observations per second from `histogram_count` and the mean from
 * `histogram_sum` over it. Both: the native queries `or` the classic ones, so each panel has
 * data whether Prometheus scrapes protobuf (and stores native histograms only, as 2.42 does)
 * or text (and stores the buckets).
 */
export function histogramPanels(
  metric: MetricModel,
  labels: readonly string[],
  legend: string,
): PanelDraft[] {
  const kind = metric.bucketLayout?.kind ?? 'classic';
  const matchers = `{${DASHBOARD_MATCHERS}}`;
  const rateOf = (series: string) => `rate(${series}${matchers}[${RATE_INTERVAL}])`;
  const classic = classicSeries(metric.fullName);
  const native = rateOf(metric.fullName);
  const buckets = rateOf(classic.bucket);
  const sumBy = aggregation('sum', labels);
  const either = (nativeExpr: string, classicExpr: string): string =>
    kind === 'native'
      ? nativeExpr
      : kind === 'classic'
        ? classicExpr
        : `${nativeExpr} or ${classicExpr}`;
  const quantiles = QUANTILES.map((quantile) => {
    const name = `p${Math.round(quantile * 100)}`;
    const expr = either(
      `histogram_quantile(${quantile}, ${sumBy}(${native}))`,
      `histogram_quantile(${quantile}, ${aggregation('sum', ['le', ...labels])}(${buckets}))`,
    );
    return { expr, legendFormat: labels.length === 0 ? name : `${name} ${legend}` };
  });
  const title = titleOf(metric);
  const unit = unitOf(metric);
  const by = byLabels(labels);
  const panels = [timeseries(`${title}: p50, p95, p99${by}`, metric.help, unit, quantiles)];
  if (kind !== 'native') {
    const heatmapTarget: Target = {
      expr: `sum by (le) (${buckets})`,
      legendFormat: '{{le}}',
      format: 'heatmap',
    };
    panels.push(heatmap(`${title}: distribution`, metric.help, unit, heatmapTarget));
  }
  if (kind === 'classic') return panels;
  const count = either(
    `histogram_count(${sumBy}(${native}))`,
    `${sumBy}(${rateOf(classic.count)})`,
  );
  const sum = either(`histogram_sum(${sumBy}(${native}))`, `${sumBy}(${rateOf(classic.sum)})`);
  panels.push(
    timeseries(`${title}: observations per second${by}`, metric.help, 'ops', [
      { expr: count, legendFormat: legend },
    ]),
    timeseries(`${title}: mean${by}`, metric.help, unit, [
      { expr: `(${sum}) / (${count})`, legendFormat: legend },
    ]),
  );
  return panels;
}
