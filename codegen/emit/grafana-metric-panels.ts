import type { MetricModel } from '../model/model.ts';
import { DASHBOARD_MATCHERS, RATE_INTERVAL } from '../promql/dashboard-query.ts';
import { histogramPanels } from './grafana-histogram-panels.ts';
import {
  aggregation,
  byLabels,
  legendOf,
  type PanelDraft,
  rateUnit,
  timeseries,
  titleOf,
  unitOf,
} from './grafana-panels.ts';

/** The panels one metric gets: a rate, a gauge, or a histogram's panels chosen by its layout. */
export function metricPanels(metric: MetricModel): PanelDraft[] {
  const labels = metric.labels.map((label) => label.name);
  const legend = legendOf(labels, metric.fullName);
  const matchers = `{${DASHBOARD_MATCHERS}}`;
  if (metric.type === 'counter') {
    const rate = `rate(${metric.exposedName}${matchers}[${RATE_INTERVAL}])`;
    const expr = `${aggregation('sum', labels)}(${rate})`;
    const title = `${titleOf(metric)} per second${byLabels(labels)}`;
    return [timeseries(title, metric.help, rateUnit(metric), [{ expr, legendFormat: legend }])];
  }
  if (metric.type === 'gauge') {
    // A lag or a delay is a symptom of one instance: keep the instance so that it shows.
    const kept = metric.aggregate === 'max' ? ['instance', ...labels] : labels;
    const expr = `${aggregation(metric.aggregate, kept)}(${metric.fullName}${matchers})`;
    const title = `${titleOf(metric)}${byLabels(kept)}`;
    const target = { expr, legendFormat: legendOf(kept, metric.fullName) };
    return [timeseries(title, metric.help, unitOf(metric), [target])];
  }
  return histogramPanels(metric, labels, legend);
}
