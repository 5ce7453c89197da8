import { formatPath, type SpecPath } from '../diagnostics.ts';
import {
  defaultRecorderName,
  labelParameterName,
  RESERVED_WORDS,
  valueParameterName,
} from '../names.ts';
import type { CompositeSpec, MetricSpec } from '../spec-schema.ts';
import { didYouMean } from '../suggest.ts';
import type { Located, SpecEntities } from './entities.ts';
import type { Problems } from './problems.ts';
import { lintMetricName, lintUnit } from './promlint.ts';

/** Checks every metric and composite recorder against the definitions and each other. */
export function checkMetrics(spec: SpecEntities, problems: Problems): void {
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
        `duplicate metric "${spec.namespace}_${metric.value.name}" (first declared at ${formatPath(earlier.path)})`,
      );
    }
  }
  checkSeriesClashes(spec.namespace, [...byName.values()], problems);
  const recorders = new Map<string, SpecPath>();
  for (const metric of metrics) {
    const name = metric.value.recorder ?? defaultRecorderName(metric.value.name, metric.value.type);
    claimRecorderName(name, [...metric.path, 'recorder'], recorders, problems);
  }
  for (const composite of spec.composites) {
    claimRecorderName(composite.value.name, [...composite.path, 'name'], recorders, problems);
    checkComposite(composite, byName, spec.declaredMetrics, problems);
  }
}

/** Series each type adds on the wire (OpenMetrics adds `_created` to counters and histograms). */
const SERIES_SUFFIXES_BY_TYPE = {
  counter: ['_total', '_created'],
  gauge: [],
  histogram: ['_bucket', '_count', '_sum', '_created'],
} as const;

/** Two metrics must not expose the same series name, e.g. a gauge `x_created` beside a counter `x`. */
function checkSeriesClashes(
  namespace: string,
  metrics: readonly Located<MetricSpec>[],
  problems: Problems,
) {
  const owners = new Map<string, string>();
  for (const { value: metric } of metrics) {
    for (const suffix of SERIES_SUFFIXES_BY_TYPE[metric.type]) {
      owners.set(`${namespace}_${metric.name}${suffix}`, metric.name);
    }
  }
  for (const { value: metric, path } of metrics) {
    const name = `${namespace}_${metric.name}`;
    const owner = owners.get(name);
    if (owner !== undefined && owner !== metric.name) {
      problems.at(
        [...path, 'name'],
        `"${name}" is also a series of "${namespace}_${owner}"; rename one of them`,
      );
    }
  }
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
  const fullName = `${spec.namespace}_${metric.name}`;
  for (const message of lintMetricName(fullName, metric.type))
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
    problems.at(path, `histogram "${metric.name}" needs "buckets": one of ${listOrNone(layouts)}`);
  } else if (!layouts.includes(metric.buckets)) {
    problems.at(
      [...path, 'buckets'],
      `undefined bucket layout "${metric.buckets}"${didYouMean(metric.buckets, layouts)}; expected one of ${listOrNone(layouts)}`,
    );
  }
}

function claimRecorderName(
  name: string,
  path: SpecPath,
  claimed: Map<string, SpecPath>,
  problems: Problems,
) {
  const earlier = claimed.get(name);
  if (RESERVED_WORDS.has(name)) problems.at(path, `"${name}" is a reserved word in TypeScript`);
  else if (earlier !== undefined) {
    problems.at(
      path,
      `recorder "${name}" is already generated for ${formatPath(earlier)}; set "recorder" to another name`,
    );
  } else claimed.set(name, path);
}

function checkComposite(
  { value: composite, path }: Located<CompositeSpec>,
  byName: ReadonlyMap<string, Located<MetricSpec>>,
  declaredMetrics: ReadonlySet<string>,
  problems: Problems,
) {
  const used = new Set<string>();
  const valueUnits = new Map<string, string>();
  const labelParameters = new Set<string>();
  composite.records.forEach((step, s) => {
    const stepPath = [...path, 'records', s];
    const metric = byName.get(step.metric)?.value;
    if (metric === undefined && declaredMetrics.has(step.metric)) return;
    if (metric === undefined) {
      problems.at(
        [...stepPath, 'metric'],
        `undefined metric "${step.metric}"${didYouMean(step.metric, byName.keys())}`,
      );
      return;
    }
    if (used.has(step.metric))
      problems.at([...stepPath, 'metric'], `"${step.metric}" is recorded twice`);
    used.add(step.metric);
    for (const label of metric.labels ?? []) labelParameters.add(labelParameterName(label));
    if (metric.type !== 'counter') valueUnits.set(metric.unit ?? '', step.metric);
  });
  if (valueUnits.size > 1) {
    problems.at(
      [...path, 'records'],
      `records values in different units (${[...valueUnits.keys()].map((u) => u || 'none').join(', ')}); one call carries one value`,
    );
  }
  const valueParameter =
    valueUnits.size > 0 ? valueParameterName([...valueUnits.keys()][0] || undefined) : undefined;
  composite.records.forEach((step, s) => {
    if (step.when === undefined) return;
    if (
      labelParameters.has(step.when) ||
      step.when === valueParameter ||
      RESERVED_WORDS.has(step.when)
    ) {
      problems.at(
        [...path, 'records', s, 'when'],
        `"${step.when}" is already a parameter of "${composite.name}" or a reserved word`,
      );
    }
  });
}

function listOrNone(names: readonly string[]): string {
  return names.length === 0
    ? '(none defined under "buckets")'
    : names.map((n) => `"${n}"`).join(', ');
}
