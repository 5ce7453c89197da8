/**
 * How a metric's names on the wire follow from its declaration: the namespace, the counter's
 * `_total`, a histogram's series. Every stage (validator, catalog, model, emitters, diff, verify)
 * builds them here, so they cannot drift apart.
 */

/** Which histogram series a layout puts in Prometheus: classic `_bucket`s, native, or both. */
export type HistogramKind = 'classic' | 'native' | 'both';

export type MetricTypeName = 'counter' | 'gauge' | 'histogram';

/** What one series of a metric holds. */
export type ExposedKind = 'counter' | 'gauge' | 'native' | 'bucket' | 'sum' | 'count';

export const COUNTER_SUFFIX = '_total';

/** The classic series of a histogram, besides the native histogram under the bare name. */
export const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'] as const;

/** OpenMetrics adds a `_created` series to counters and histograms. */
export const CREATED_SUFFIX = '_created';

/** `processor` and `events_received` → `processor_events_received`. */
export function namespacedName(namespace: string, name: string): string {
  return `${namespace}_${name}`;
}

/** The name a family is exposed under: counters gain `_total`. */
export function exposedName(fullName: string, type: MetricTypeName): string {
  return type === 'counter' ? `${fullName}${COUNTER_SUFFIX}` : fullName;
}

/** A histogram's classic series, by what they hold. */
export function classicSeries(fullName: string): {
  readonly bucket: string;
  readonly sum: string;
  readonly count: string;
} {
  const [bucket, sum, count] = HISTOGRAM_SUFFIXES;
  return { bucket: fullName + bucket, sum: fullName + sum, count: fullName + count };
}

/**
 * Every series name PromQL may select of a metric: a counter's `_total`, a gauge's own name; a
 * histogram's native histogram by its bare name (unless classic), its `_bucket`s (unless native
 * only), `_sum` and `_count`.
 */
export function exposedSeries(
  fullName: string,
  type: MetricTypeName,
  histogram: HistogramKind = 'classic',
): { readonly name: string; readonly kind: ExposedKind }[] {
  if (type === 'counter') return [{ name: exposedName(fullName, type), kind: 'counter' }];
  if (type === 'gauge') return [{ name: fullName, kind: 'gauge' }];
  const { bucket, sum, count } = classicSeries(fullName);
  return [
    ...(histogram === 'classic' ? [] : [{ name: fullName, kind: 'native' as const }]),
    ...(histogram === 'native' ? [] : [{ name: bucket, kind: 'bucket' as const }]),
    { name: sum, kind: 'sum' },
    { name: count, kind: 'count' },
  ];
}

/**
 * The suffixes of the series a type adds beside its own name, in any exposition format: what
 * another metric's name must not collide with.
 */
export function addedSuffixes(type: MetricTypeName): readonly string[] {
  if (type === 'counter') return [COUNTER_SUFFIX, CREATED_SUFFIX];
  if (type === 'gauge') return [];
  return [...HISTOGRAM_SUFFIXES, CREATED_SUFFIX];
}
