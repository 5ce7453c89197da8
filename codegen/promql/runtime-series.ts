/**
 * Series a spec's rules may select that no metric of the spec declares: the runtime's own
 * self-metrics (src/metric-set.ts), named after the namespace, and Prometheus's `up`. Listed
 * once here so that the PromQL checker, METRICS.md and the dashboard agree on them.
 */
export interface RuntimeSeries {
  /** After `<namespace>_`; `up` is not namespaced. */
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

export const SELF_METRICS: readonly RuntimeSeries[] = [
  {
    name: 'metrics_rejected_total',
    type: 'counter',
    help: 'Recordings dropped because a label value or the value was not valid, by metric and reason.',
    labels: { metric: undefined, reason: REJECTION_REASONS },
  },
  {
    name: 'metrics_label_overflow_total',
    type: 'counter',
    help: 'Recordings whose free-form label value was folded into the __overflow__ series because the label had reached its max_values.',
    labels: { metric: undefined, label: undefined },
  },
  {
    name: 'metrics_series',
    type: 'gauge',
    help: 'Series currently exposed, by metric: grows with new label values, shrinks when series are removed.',
    labels: { metric: undefined },
  },
];

/** Written by Prometheus for every scrape: 1 when the target answered, 0 when it did not. */
export const UP_SERIES: RuntimeSeries = {
  name: 'up',
  type: 'gauge',
  help: 'Whether the last scrape of the target succeeded.',
  labels: {},
};

export function selfMetricName(namespace: string, series: RuntimeSeries): string {
  return `${namespace}_${series.name}`;
}
