import type { ResolvedLayout } from '../model/facts.ts';
import {
  type BudgetLabel,
  describeEstimate,
  estimateSeries,
  formatCount,
  type SeriesEstimate,
} from '../model/series-budget.ts';
import { namespacedName } from '../promql/series-names.ts';
import type { MetricSpec } from '../spec/schema.ts';
import type { Located, SpecEntities } from './entities.ts';
import type { Problems } from './problems.ts';

/** How many of the largest metrics a spec-wide budget problem names. */
const CONTRIBUTORS_SHOWN = 3;

/**
 * The cardinality budget: a metric's `max_series` bounds its worst case, the top-level
 * `max_series` the sum over the spec. Metrics whose labels or layout do not resolve are left to
 * the reference checks, which report them. Returns each metric's estimate, by metric name.
 */
export function checkBudget(
  spec: SpecEntities,
  layouts: ReadonlyMap<string, ResolvedLayout>,
  raw: unknown,
  problems: Problems,
): Map<string, SeriesEstimate> {
  const estimates: { name: string; estimate: SeriesEstimate }[] = [];
  const byMetric = new Map<string, SeriesEstimate>();
  for (const metric of spec.metrics) {
    const estimate = estimateOf(spec, layouts, metric);
    if (estimate === undefined) continue;
    byMetric.set(metric.value.name, estimate);
    const name = namespacedName(spec.namespace, metric.value.name);
    estimates.push({ name, estimate });
    const limit = metric.value.max_series;
    if (limit !== undefined && estimate.series > limit) {
      problems.at(
        [...metric.path, 'max_series'],
        `${name} can reach ${formatCount(estimate.series)} series (${describeEstimate(estimate)}), above its max_series of ${formatCount(limit)}`,
      );
    }
  }
  const total = estimates.reduce((sum, { estimate }) => sum + estimate.series, 0);
  const limit = topLevelLimit(raw);
  if (limit === undefined || total <= limit) return byMetric;
  const biggest = [...estimates]
    .sort((a, b) => b.estimate.series - a.estimate.series)
    .slice(0, CONTRIBUTORS_SHOWN)
    .map(
      ({ name, estimate }) =>
        `${name} ${formatCount(estimate.series)} (${describeEstimate(estimate)})`,
    );
  problems.at(
    ['max_series'],
    `the spec can reach ${formatCount(total)} series, above its max_series of ${formatCount(limit)}; the biggest: ${biggest.join(', ')}`,
  );
  return byMetric;
}

function estimateOf(
  spec: SpecEntities,
  layouts: ReadonlyMap<string, ResolvedLayout>,
  { value: metric }: Located<MetricSpec>,
): SeriesEstimate | undefined {
  const labels: BudgetLabel[] = [];
  for (const name of metric.labels ?? []) {
    const definition = spec.labels.get(name);
    if (definition === undefined) return undefined;
    labels.push({
      name,
      enumSize: definition.values?.length,
      maxValues: definition.max_values,
    });
  }
  let bounds: number | undefined;
  if (metric.type === 'histogram') {
    const layout = metric.buckets === undefined ? undefined : layouts.get(metric.buckets);
    if (layout === undefined) return undefined;
    bounds = layout.bounds.length;
  }
  return estimateSeries(metric.type, labels, bounds);
}

function topLevelLimit(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = (raw as Record<string, unknown>).max_series;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
