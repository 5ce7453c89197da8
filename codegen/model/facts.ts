import type { TestSeries } from '../promql/alert-test.ts';
import type { HistogramKind } from '../promql/series-names.ts';
import type { MetricsSpec } from '../spec/schema.ts';
import type { TestSeriesModel } from './rule-types.ts';
import type { SeriesEstimate } from './series-budget.ts';

/** A spec the validator accepted, with what it resolved while checking it. */
export interface ValidSpec {
  readonly spec: MetricsSpec;
  readonly facts: SpecFacts;
}

/**
 * What validation works out on its way (it must, to check the spec) and hands on, so that the
 * model reads each of these instead of working it out again. Keyed by the names the validator
 * has proved unique; the model treats a missing entry as an internal error.
 */
export interface SpecFacts {
  /** The job Prometheus scrapes: the spec's, or the namespace with `-` for `_`. */
  readonly scrapeJob: string;
  /** Every bucket layout, by name. */
  readonly layouts: ReadonlyMap<string, ResolvedLayout>;
  /** The recorder each metric gets, its own or the default one, by metric name. */
  readonly recorders: ReadonlyMap<string, string>;
  /** The most series each metric can expose, by metric name. */
  readonly seriesEstimates: ReadonlyMap<string, SeriesEstimate>;
  /** The labels on each recording rule's result, by record; absent where data decides them. */
  readonly queryLabels: ReadonlyMap<string, ReadonlySet<string>>;
  /** Each alert's rule tests: the firing test, the silent one, then the spec's cases. */
  readonly alertTests: ReadonlyMap<string, readonly ResolvedAlertTest[]>;
  /** Each SLO's selectors, parsed, by SLO name. */
  readonly sloSelectors: ReadonlyMap<string, SloSelectors>;
}

export interface ResolvedLayout {
  /** Classic upper bounds without +Inf; empty for a native-only layout. */
  readonly bounds: readonly number[];
  readonly kind: HistogramKind;
}

export interface ResolvedAlertTest {
  /** `fires`, `stays silent`, or the case's own name. */
  readonly name: string;
  /** When to evaluate: the case's `at`, else the test's; undefined for the default. */
  readonly at: string | undefined;
  readonly series: readonly TestSeriesModel[];
  /**
   * Firing tests: the labels of the alert besides `alertname` and `severity`, each told by the
   * series or stated by the test. Undefined where the alert must stay silent.
   */
  readonly labels: Readonly<Record<string, string>> | undefined;
  /** What `{{ $value }}` renders to when it fires. */
  readonly value: string | undefined;
}

export interface SloSelectors {
  readonly errors: TestSeries | undefined;
  readonly good: TestSeries | undefined;
  readonly total: TestSeries;
}

/** The validator has already proved every reference resolves and every fact is there. */
export function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`internal error: unresolved reference ${String(key)}`);
  return value;
}
