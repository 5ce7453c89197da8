import type { SpecVersion } from '../diff/spec-version.ts';
import type { MetricModel } from '../model/model.ts';
import { CLUSTER_SELF_METRICS, SELF_METRICS } from '../promql/runtime-series.ts';
import {
  COUNTER_SUFFIX,
  CREATED_SUFFIX,
  classicSeries,
  namespacedName,
} from '../promql/series-names.ts';
import { didYouMean } from '../suggest.ts';
import type { ExposedFamily, ExposedSample } from './exposition.ts';

export type FindingKind =
  | 'missing'
  | 'undeclared'
  | 'type'
  | 'unit'
  | 'labels'
  | 'enum_value'
  | 'label_limit'
  | 'buckets'
  | 'counter_total';

/** One way the scraped service differs from its spec. */
export interface Finding {
  readonly kind: FindingKind;
  readonly metric: string;
  /** `metrics.yaml:95`: the metric's declaration, or the namespace for an undeclared family. */
  readonly spec: string;
  readonly message: string;
}

/** The runtime's own families, registered beside the spec's, as a spec would declare them. */
function selfMetricKeys(namespace: string): string[] {
  return [...SELF_METRICS, ...CLUSTER_SELF_METRICS].map((series) =>
    namespacedName(namespace, series.name),
  );
}

/** A family's name as the spec declares it: counters' TYPE lines name them either way. */
function familyKey(family: ExposedFamily): string {
  return family.type === 'counter' && family.name.endsWith(COUNTER_SUFFIX)
    ? family.name.slice(0, -COUNTER_SUFFIX.length)
    : family.name;
}

/**
 * Holds scraped families against the spec. Label checks look at the series that exist, so a
 * family with free-form labels that has recorded nothing yet passes them.
 */
export function checkScrape(
  version: SpecVersion,
  families: readonly ExposedFamily[],
  hasUnits: boolean,
): Finding[] {
  const findings: Finding[] = [];
  const byKey = new Map(families.map((family) => [familyKey(family), family]));
  const namespace = version.model.namespace;
  for (const metric of version.model.metrics) {
    const line = version.locate('metric', metric.fullName);
    const spec = line === undefined ? version.file : `${line.file}:${line.line}`;
    const report = (kind: FindingKind, message: string) =>
      findings.push({ kind, metric: metric.fullName, spec, message });
    const family = byKey.get(metric.fullName);
    if (family === undefined) {
      const hint = didYouMean(metric.fullName, [...byKey.keys()]);
      report('missing', `not exposed${hint}`);
      continue;
    }
    checkFamily(metric, family, hasUnits, report);
  }
  const declared = new Set([
    ...version.model.metrics.map((m) => m.fullName),
    ...selfMetricKeys(namespace),
  ]);
  const namespaceLine = version.at(['namespace']);
  for (const family of families) {
    const key = familyKey(family);
    if (!key.startsWith(namespacedName(namespace, '')) || declared.has(key)) continue;
    if (family.samples.length === 0 && family.type === 'untyped') continue;
    findings.push({
      kind: 'undeclared',
      metric: family.name,
      spec:
        namespaceLine === undefined ? version.file : `${namespaceLine.file}:${namespaceLine.line}`,
      message: `exposed in namespace ${namespace} but not declared in the spec (${family.type})`,
    });
  }
  return findings;
}

function checkFamily(
  metric: MetricModel,
  family: ExposedFamily,
  hasUnits: boolean,
  report: (kind: FindingKind, message: string) => void,
): void {
  if (family.type !== metric.type) {
    report('type', `exposed as ${family.type}, declared ${metric.type}`);
  }
  if (metric.type === 'counter' || family.type === 'counter') {
    const bare = family.samples.find((sample) => sample.name === metric.fullName);
    if (bare !== undefined)
      report('counter_total', `counter samples named ${bare.name}, without _total`);
  }
  if (hasUnits && family.unit !== metric.unit) {
    const exposed = family.unit === undefined ? 'no # UNIT' : `# UNIT ${family.unit}`;
    report(
      'unit',
      `${exposed}, declared ${metric.unit === undefined ? 'without a unit' : `unit ${metric.unit}`}`,
    );
  }
  const samples = family.samples.filter((sample) => !sample.name.endsWith(CREATED_SUFFIX));
  if (samples.length === 0) return;
  checkLabelNames(metric, samples, report);
  for (const label of metric.labels) {
    const values = new Set(samples.flatMap((sample) => sample.labels.get(label.name) ?? []));
    if (label.kind === 'enum') {
      const allowed = label.values.map((value) => value.value);
      for (const value of values) {
        if (allowed.includes(value)) continue;
        const hint = didYouMean(value, allowed);
        report(
          'enum_value',
          `label ${label.name} has value "${value}"${hint}, not one of ${allowed.join(', ')}`,
        );
      }
    } else if (label.maxValues !== undefined) {
      const distinct = [...values].filter((value) => value !== '__overflow__').length;
      if (distinct > label.maxValues) {
        report(
          'label_limit',
          `label ${label.name} has ${distinct} distinct values, above its max_values of ${label.maxValues}`,
        );
      }
    }
  }
  if (metric.type === 'histogram' && metric.bucketLayout !== undefined) {
    checkBuckets(metric, samples, report);
  }
}

function checkLabelNames(
  metric: MetricModel,
  samples: readonly ExposedSample[],
  report: (kind: FindingKind, message: string) => void,
): void {
  const expected = metric.labels.map((label) => label.name).sort();
  const seen = new Set<string>();
  for (const sample of samples) {
    const names = [...sample.labels.keys()].filter((name) => name !== 'le').sort();
    const key = names.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    if (key === expected.join(',')) continue;
    const missing = expected.filter((name) => !names.includes(name));
    const extra = names.filter((name) => !expected.includes(name));
    const parts = [
      ...(missing.length > 0 ? [`without ${missing.join(', ')}`] : []),
      ...(extra.length > 0 ? [`with undeclared ${extra.join(', ')}`] : []),
    ];
    report(
      'labels',
      `series ${parts.join(' and ')} (declared labels: ${expected.join(', ') || 'none'})`,
    );
  }
}

function checkBuckets(
  metric: MetricModel,
  samples: readonly ExposedSample[],
  report: (kind: FindingKind, message: string) => void,
): void {
  const bounds = new Set<number>();
  const { bucket } = classicSeries(metric.fullName);
  for (const sample of samples) {
    if (sample.name !== bucket) continue;
    const le = sample.labels.get('le');
    if (le !== undefined) bounds.add(le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le));
  }
  if (bounds.size === 0) return;
  const declared = [...(metric.bucketLayout?.bounds ?? []), Number.POSITIVE_INFINITY];
  const missing = declared.filter((bound) => !bounds.has(bound));
  const extra = [...bounds].filter((bound) => !declared.includes(bound)).sort((a, b) => a - b);
  if (missing.length === 0 && extra.length === 0) return;
  const show = (list: number[]) =>
    list.map((n) => (n === Number.POSITIVE_INFINITY ? '+Inf' : String(n))).join(', ');
  const parts = [
    ...(missing.length > 0 ? [`missing le ${show(missing)}`] : []),
    ...(extra.length > 0 ? [`undeclared le ${show(extra)}`] : []),
  ];
  report('buckets', `buckets differ from layout ${metric.bucketLayout?.name}: ${parts.join('; ')}`);
}
