import { defaultRecorderName, RESERVED_WORDS } from '../model/names.ts';
import { formatPath, type SpecPath } from '../parse/diagnostics.ts';
import { namespacedName } from '../promql/series-names.ts';
import type { CompositeSpec, MetricSpec } from '../spec/schema.ts';
import { didYouMean } from '../suggest.ts';
import { checkComposite } from './composites.ts';
import type { Located, SpecEntities } from './entities.ts';
import type { Problems } from './problems.ts';
import { lintMetricName, lintUnit } from './promlint.ts';
import { checkSeriesClashes } from './series-clashes.ts';

/**
 * Checks every metric and composite recorder against the definitions and each other. Returns
 * the recorder each metric gets, by metric name.
 */
export function checkMetrics(spec: SpecEntities, problems: Problems): Map<string, string> {
  const metrics = spec.metrics;
  checkGroupIds(spec.groupIds, problems);
  const byName = new Map<string, Located<MetricSpec>>();
  for (const metric of metrics) {
    checkMetric(spec, metric, problems);
    const earlier = byName.get(metric.value.name);
    if (earlier === undefined) byName.set(metric.value.name, metric);
    else {
      problems.at(
        [...metric.path, 'name'],
        `duplicate metric "${namespacedName(spec.namespace, metric.value.name)}" (first declared at ${formatPath(earlier.path)})`,
      );
    }
  }
  checkSeriesClashes(spec.namespace, [...byName.values()], problems);
  const recorders = checkRecorderNames([...byName.values()], spec.composites, problems);
  for (const composite of spec.composites) {
    checkComposite(composite, byName, spec.declaredMetrics, problems);
  }
  return recorders;
}

interface RecorderClaim {
  readonly name: string;
  readonly path: SpecPath;
  readonly derived: boolean;
}

/**
 * Recorder names are claimed group by group, metrics before composites, as a reader meets them.
 * Returns each metric's recorder, by metric name.
 */
function checkRecorderNames(
  metrics: readonly Located<MetricSpec>[],
  composites: readonly Located<CompositeSpec>[],
  problems: Problems,
): Map<string, string> {
  const recorders = new Map<string, string>();
  const claims: RecorderClaim[] = [
    ...metrics.map(({ value: metric, path }) => {
      const name = metric.recorder ?? defaultRecorderName(metric.name, metric.type);
      recorders.set(metric.name, name);
      const derived = metric.recorder === undefined;
      return { name, path: [...path, derived ? 'name' : 'recorder'], derived };
    }),
    ...composites.map(({ value, path }) => ({
      name: value.name,
      path: [...path, 'name'],
      derived: false,
    })),
  ];
  // Paths start with ['groups', g]; the sort is stable, so metrics stay before composites.
  claims.sort((a, b) => Number(a.path[1]) - Number(b.path[1]));
  const claimed = new Map<string, SpecPath>();
  for (const claim of claims) {
    const earlier = claimed.get(claim.name);
    const what = claim.derived
      ? `recorder "${claim.name}" (derived from the name)`
      : `recorder "${claim.name}"`;
    if (RESERVED_WORDS.has(claim.name))
      problems.at(claim.path, `"${claim.name}" is a reserved word in TypeScript`);
    else if (earlier !== undefined) {
      problems.at(
        claim.path,
        `${what} is already generated for ${formatPath(earlier.slice(0, -1))}; rename one of them`,
      );
    } else claimed.set(claim.name, claim.path);
  }
  return recorders;
}

function checkGroupIds(groupIds: readonly Located<string>[], problems: Problems): void {
  const seen = new Set<string>();
  for (const { value: id, path } of groupIds) {
    if (seen.has(id)) problems.at(path, `duplicate group id "${id}"`);
    seen.add(id);
  }
}

function checkMetric(
  spec: SpecEntities,
  { value: metric, path }: Located<MetricSpec>,
  problems: Problems,
) {
  const fullName = namespacedName(spec.namespace, metric.name);
  for (const message of lintMetricName(fullName, metric.type, metric.name))
    problems.at([...path, 'name'], message);
  for (const message of lintUnit(fullName, metric.unit)) {
    problems.at(metric.unit === undefined ? [...path, 'name'] : [...path, 'unit'], message);
  }
  const definedLabels = [...spec.declaredLabels];
  const seenLabels = new Set<string>();
  metric.labels?.forEach((label, l) => {
    const labelPath = [...path, 'labels', l];
    if (!definedLabels.includes(label)) {
      problems.at(
        labelPath,
        `undefined label "${label}"${didYouMean(label, definedLabels)}; define it under "labels"`,
      );
    } else if (seenLabels.has(label)) {
      problems.at(labelPath, `duplicate label "${label}"`);
    }
    seenLabels.add(label);
  });
  checkBucketsReference(spec, metric, path, problems);
  if (metric.exemplars === true && metric.type === 'gauge') {
    problems.at(
      [...path, 'exemplars'],
      'exemplars apply to counters and histograms only; OpenMetrics allows none on a gauge',
    );
  }
  if (metric.aggregate !== undefined && metric.type !== 'gauge') {
    problems.at(
      [...path, 'aggregate'],
      `"aggregate" applies to gauges only; a ${metric.type} is summed as a rate`,
    );
  }
}

function checkBucketsReference(
  spec: SpecEntities,
  metric: MetricSpec,
  path: SpecPath,
  problems: Problems,
) {
  const layouts = [...spec.declaredLayouts];
  if (metric.type !== 'histogram') {
    if (metric.buckets !== undefined) {
      problems.at(
        [...path, 'buckets'],
        `buckets apply to histograms only, not to a ${metric.type}`,
      );
    }
    return;
  }
  if (metric.buckets === undefined) {
    problems.at(path, `histogram "${metric.name}" needs "buckets": ${expectedLayouts(layouts)}`);
  } else if (!layouts.includes(metric.buckets)) {
    problems.at(
      [...path, 'buckets'],
      `undefined bucket layout "${metric.buckets}"${didYouMean(metric.buckets, layouts)}; expected ${expectedLayouts(layouts)}`,
    );
  }
}

function expectedLayouts(names: readonly string[]): string {
  return names.length === 0
    ? 'a layout defined under "buckets" (none is yet)'
    : `one of ${names.map((n) => `"${n}"`).join(', ')}`;
}
