import {
  CLUSTER_SELF_METRICS,
  SELF_METRICS as SELF_METRIC_SERIES,
  selfMetricName,
} from '../promql/runtime-series.ts';
import { addedSuffixes, namespacedName } from '../promql/series-names.ts';
import type { MetricSpec } from '../spec/schema.ts';
import type { Located } from './entities.ts';
import type { Problems } from './problems.ts';

/** The series the runtime adds to a metric set (or a cluster primary adds), by the name a spec would declare them. */
const SELF_METRICS = new Map(
  [...SELF_METRIC_SERIES, ...CLUSTER_SELF_METRICS].map((series) => [series.name, series] as const),
);

/** Two metrics must not expose the same series name, e.g. a gauge `x_created` beside a counter `x`. */
export function checkSeriesClashes(
  namespace: string,
  metrics: readonly Located<MetricSpec>[],
  problems: Problems,
): void {
  const owners = new Map<string, string>();
  const own = (metric: { name: string; type: MetricSpec['type'] }, bare: boolean) => {
    const full = namespacedName(namespace, metric.name);
    for (const suffix of [...(bare ? [''] : []), ...addedSuffixes(metric.type)]) {
      owners.set(full + suffix, metric.name);
    }
  };
  for (const { value: metric } of metrics) own(metric, false);
  for (const series of SELF_METRICS.values()) own(series, true);
  for (const { value: metric, path } of metrics) {
    const name = namespacedName(namespace, metric.name);
    const reserved = SELF_METRICS.get(metric.name);
    if (reserved !== undefined) {
      problems.at(
        [...path, 'name'],
        `"${metric.name}" is reserved: the runtime exposes "${selfMetricName(namespace, reserved)}" as a self-metric`,
      );
      continue;
    }
    const owner = owners.get(name);
    if (owner !== undefined && owner !== metric.name) {
      problems.at(
        [...path, 'name'],
        `"${name}" is also a series of "${namespacedName(namespace, owner)}"; rename one of them`,
      );
    }
  }
}
