import { exposedName, namespacedName } from './series-names.ts';

/**
 * Series a spec's rules may select that no metric of the spec declares: the runtime's own
 * self-metrics (src/metric-set.ts), named after the namespace, and Prometheus's `up`. Listed
 * once here so that the validator's reserved names, the PromQL checker, METRICS.md, the
 * dashboard and `verify` agree on them; test/self-metrics.test.ts holds them to the runtime's.
 */
export interface RuntimeSeries {
  /** As a spec would declare it: after `<namespace>_`, without a counter's `_total`. */
  readonly name: string;
  readonly type: 'counter' | 'gauge';
  readonly help: string;
  /** Label name → its values, or undefined for values of any kind. */
  readonly labels: Readonly<Record<string, readonly string[] | undefined>>;
}

/** The reasons `src/families/rejections.ts` counts; kept equal by a test. */
export const REJECTION_REASONS = [
  'invalid_label_value',
  'invalid_value',
  'invalid_exemplar',
] as const;

/** A self-metric of the runtime, and what the dashboard's panel of it shows. */
export interface SelfMetric extends RuntimeSeries {
  readonly title: string;
}

export const SELF_METRICS: readonly SelfMetric[] = [
  {
    name: 'metrics_rejected',
    type: 'counter',
    title: 'Recordings dropped per second',
    help: 'Recordings dropped because a label value or the value was not valid, by metric and reason.',
    labels: { metric: undefined, reason: REJECTION_REASONS },
  },
  {
    name: 'metrics_label_overflow',
    type: 'counter',
    title: 'Label values folded into __overflow__ per second',
    help: 'Recordings whose free-form label value was folded into the __overflow__ series because the label had reached its max_values.',
    labels: { metric: undefined, label: undefined },
  },
  {
    name: 'metrics_series',
    type: 'gauge',
    title: 'Series exposed',
    help: 'Series currently exposed, by metric: grows with new label values, shrinks when series are removed.',
    labels: { metric: undefined },
  },
];

/**
 * Exposed besides the self-metrics by a cluster primary (`combineClusterMetrics`,
 * src/multicore/cluster-primary.ts): a spec may not declare them, and `verify` expects them.
 */
export const CLUSTER_SELF_METRICS: readonly RuntimeSeries[] = [
  {
    name: 'metrics_cluster_snapshot_timeouts',
    type: 'counter',
    help: 'Scrapes that rendered a cluster worker from its last snapshot because it did not answer in time.',
    labels: {},
  },
  {
    name: 'metrics_cluster_workers',
    type: 'gauge',
    help: 'Cluster workers whose snapshots the primary combines.',
    labels: {},
  },
];

/** Written by Prometheus for every scrape: 1 when the target answered, 0 when it did not. */
export const UP_SERIES: RuntimeSeries = {
  name: 'up',
  type: 'gauge',
  help: 'Whether the last scrape of the target succeeded.',
  labels: {},
};

/** The name the runtime exposes a self-metric under: `processor_metrics_rejected_total`. */
export function selfMetricName(namespace: string, series: RuntimeSeries): string {
  return exposedName(namespacedName(namespace, series.name), series.type);
}
