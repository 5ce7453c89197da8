import type { SpecPath } from '../parse/diagnostics.ts';
import {
  type AlertSpec,
  alertSchema,
  type BucketLayout,
  bucketLayoutSchema,
  type CompositeSpec,
  compositeSchema,
  LABEL_NAME_PATTERN,
  type LabelDefinition,
  labelDefinitionSchema,
  type MetricSpec,
  metricSchema,
  type QuerySpec,
  querySchema,
  type SloSpec,
  sloSchema,
} from '../spec/schema.ts';

export interface Located<T> {
  readonly value: T;
  readonly path: SpecPath;
}

/**
 * The parts of a spec that are well-formed on their own, each with its path in the document.
 * Built even when other parts are malformed, so the meaning checks still run on what they can
 * and one run reports every problem. References to a part that exists but is malformed are
 * not reported again as undefined: the `declared*` sets hold every name that appears.
 */
export interface SpecEntities {
  readonly namespace: string;
  readonly labels: ReadonlyMap<string, LabelDefinition>;
  readonly declaredLabels: ReadonlySet<string>;
  readonly layouts: ReadonlyMap<string, BucketLayout>;
  readonly declaredLayouts: ReadonlySet<string>;
  readonly groupIds: readonly Located<string>[];
  readonly metrics: readonly Located<MetricSpec>[];
  readonly declaredMetrics: ReadonlySet<string>;
  /** Metrics with a name that are malformed otherwise (the schema reports them). */
  readonly malformedMetrics: readonly Located<{ name: string; type: unknown }>[];
  readonly composites: readonly Located<CompositeSpec>[];
  readonly queries: readonly Located<QuerySpec>[];
  readonly alerts: readonly Located<AlertSpec>[];
  readonly slos: readonly Located<SloSpec>[];
  /** Every recording rule name that appears, well-formed query or not. */
  readonly declaredRecords: ReadonlySet<string>;
  readonly hasRunbookUrl: boolean;
  /** The job Prometheus scrapes: the spec's, or the namespace with `-` for `_`. */
  readonly scrapeJob: string;
}

/** Undefined when the namespace itself is unusable: every name check depends on it. */
export function collectEntities(raw: unknown): SpecEntities | undefined {
  const root = asRecord(raw);
  const namespace = root.namespace;
  if (typeof namespace !== 'string' || !LABEL_NAME_PATTERN.test(namespace)) return undefined;
  const labels = wellFormedEntries(root.labels, (value) => labelDefinitionSchema.safeParse(value));
  const layouts = wellFormedEntries(root.buckets, (value) => bucketLayoutSchema.safeParse(value));
  const groups = Array.isArray(root.groups) ? root.groups.map(asRecord) : [];
  const groupIds: Located<string>[] = [];
  const metrics: Located<MetricSpec>[] = [];
  const composites: Located<CompositeSpec>[] = [];
  const declaredMetrics = new Set<string>();
  const malformedMetrics: Located<{ name: string; type: unknown }>[] = [];
  const queries: Located<QuerySpec>[] = [];
  const alerts: Located<AlertSpec>[] = [];
  const slos: Located<SloSpec>[] = [];
  const declaredRecords = new Set<string>();
  groups.forEach((group, g) => {
    listOf(group.queries).forEach((query, q) => {
      const record = asRecord(query).record;
      if (typeof record === 'string') declaredRecords.add(record);
      const parsed = querySchema.safeParse(query);
      if (parsed.success) queries.push({ value: parsed.data, path: ['groups', g, 'queries', q] });
    });
    listOf(group.alerts).forEach((alert, a) => {
      const parsed = alertSchema.safeParse(alert);
      if (parsed.success) alerts.push({ value: parsed.data, path: ['groups', g, 'alerts', a] });
    });
    listOf(group.slos).forEach((slo, i) => {
      const parsed = sloSchema.safeParse(slo);
      if (parsed.success) slos.push({ value: parsed.data, path: ['groups', g, 'slos', i] });
    });
    if (typeof group.id === 'string') groupIds.push({ value: group.id, path: ['groups', g, 'id'] });
    listOf(group.metrics).forEach((metric, m) => {
      const { name, type } = asRecord(metric);
      if (typeof name === 'string') declaredMetrics.add(name);
      const parsed = metricSchema.safeParse(metric);
      const path = ['groups', g, 'metrics', m];
      if (parsed.success) metrics.push({ value: parsed.data, path });
      else if (typeof name === 'string') malformedMetrics.push({ value: { name, type }, path });
    });
    listOf(group.composites).forEach((composite, c) => {
      const parsed = compositeSchema.safeParse(composite);
      if (parsed.success)
        composites.push({ value: parsed.data, path: ['groups', g, 'composites', c] });
    });
  });
  return {
    namespace,
    labels: labels.wellFormed,
    declaredLabels: labels.declared,
    layouts: layouts.wellFormed,
    declaredLayouts: layouts.declared,
    groupIds,
    metrics,
    declaredMetrics,
    malformedMetrics,
    composites,
    queries,
    alerts,
    slos,
    declaredRecords,
    hasRunbookUrl: root.runbook_url !== undefined,
    scrapeJob:
      typeof asRecord(root.scrape).job === 'string'
        ? String(asRecord(root.scrape).job).trim()
        : namespace.replace(/_/g, '-'),
  };
}

type SafeParse<T> = { success: true; data: T } | { success: false };

function wellFormedEntries<T>(raw: unknown, parse: (value: unknown) => SafeParse<T>) {
  const wellFormed = new Map<string, T>();
  const declared = new Set<string>();
  for (const [name, value] of Object.entries(asRecord(raw))) {
    declared.add(name);
    const parsed = parse(value);
    if (parsed.success && LABEL_NAME_PATTERN.test(name)) wellFormed.set(name, parsed.data);
  }
  return { wellFormed, declared };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
