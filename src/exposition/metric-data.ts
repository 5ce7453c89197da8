/**
 * What a prom-client metric's `get()` resolves to at runtime. prom-client's own typings say
 * `type` is a numeric enum, but the values are the strings `counter`, `gauge`, `histogram` and
 * `summary`; this describes what is really there.
 */
export interface SampleData {
  readonly value: number;
  readonly labels?: Readonly<Record<string, string | number | undefined>>;
  readonly sharedLabels?: Readonly<Record<string, string | number | undefined>>;
  readonly metricName?: string;
}

export interface MetricData {
  readonly name: string;
  readonly help: string;
  readonly type: string;
  readonly aggregator?: string;
  readonly values?: readonly SampleData[];
}

/** Anything a prom-client `Registry` holds: its own metrics, ours, or custom collectors. */
export interface CollectableMetric {
  readonly name: string;
  get(): Promise<MetricData> | MetricData;
}
