import type {
  AggregateTypeLabel,
  BackendLabel,
  ErrorTypeLabel,
  LayerLabel,
  OperationLabel,
  ResultLabel,
  StrategyLabel,
  WindowTypeLabel,
} from '../../generated/metrics.ts';

/**
 * The simulated processor's behaviour, in one place so that it reads as a description of the
 * workload. Durations are in seconds, rates per second, shares per event.
 */
export const RULES = {
  /** Events per second producers write to the input topics, before waves and bursts. */
  rate: 3000,
  /** Events per second the pipeline can process: bursts above it queue up. */
  capacity: 6000,
  /** Events per second the consumer can fetch when catching up. */
  fetchCapacity: 12_000,
  /** Events the pipeline buffers before the consumer pauses: the backpressure limit. */
  queueLimit: 2000,
  /** Events waiting in Kafka when the processor starts. */
  startupBacklog: 40_000,
  /** How long a record takes to become fetchable, so that lag never quite reaches zero. */
  fetchDelay: 0.25,
  /** How long an event waits at each hand-off between operators. */
  handoffLatency: 0.005,
  secondsBetweenBursts: 20,
  commitErrorsPerSecond: 0.05,
  /** The consumer group rebalances now and then: a partition moves away, earlier ones return. */
  secondsBetweenRebalances: 60,
  parallelism: 4,
  watermarkUpdatesPerSecond: 15,
  /** How far the watermark trails the newest event time. */
  outOfOrderness: 2,
  outOfOrderShare: 0.01,
  lateShare: 0.001,
  aggregatesPerWindow: 2.5,
  stateOperationsPerEvent: 2,
  /** How much longer a scan takes than a point operation on the same backend. */
  scanCost: 12,
  duplicateShare: 0.03,
  /** A small LRU, so that a fresh start fills it and evicts within seconds. */
  dedupCapacity: 10_000,
  normalizedShare: 0.4,
  outlierShare: 0.002,
  gapShare: 0.01,
};

/** The most individual observations a histogram family gets per tick. */
export const MAX_SAMPLES = 48;

export const RESULTS: Record<ResultLabel, { weight: number; median: number; sigma: number }> = {
  success: { weight: 0.955, median: 0.0025, sigma: 0.8 },
  filtered: { weight: 0.03, median: 0.0003, sigma: 0.5 },
  dropped: { weight: 0.009, median: 0.0004, sigma: 0.5 },
  // Failures include timeouts, so they are slower than successes.
  error: { weight: 0.006, median: 0.012, sigma: 1.2 },
};

export const PIPELINE_ERRORS: Record<ErrorTypeLabel, number> = {
  deserialization: 0.2,
  validation: 0.35,
  processing: 0.2,
  state: 0.05,
  sink: 0.1,
  timeout: 0.1,
};

export const WINDOWS: Record<
  WindowTypeLabel,
  { createdPerEvent: number; lifetime: number; medianSize: number; sizeSigma: number }
> = {
  tumbling: { createdPerEvent: 0.007, lifetime: 5, medianSize: 300, sizeSigma: 0.8 },
  // Sliding windows overlap, so there are more of them, each holding more events.
  sliding: { createdPerEvent: 0.02, lifetime: 10, medianSize: 900, sizeSigma: 0.7 },
  // Sessions are per user: many small ones and the odd very long one.
  session: { createdPerEvent: 0.005, lifetime: 30, medianSize: 25, sizeSigma: 1.5 },
};

export const AGGREGATES: Record<
  AggregateTypeLabel,
  { weight: number; median: number; errorShare: number }
> = {
  count: { weight: 0.25, median: 0.0002, errorShare: 0.0001 },
  sum: { weight: 0.2, median: 0.0003, errorShare: 0.0005 },
  min: { weight: 0.1, median: 0.0003, errorShare: 0.0002 },
  max: { weight: 0.1, median: 0.0003, errorShare: 0.0002 },
  avg: { weight: 0.15, median: 0.0004, errorShare: 0.0005 },
  // Exact distinct counts and percentiles hold every value, so they are slower and fail more.
  distinct: { weight: 0.1, median: 0.002, errorShare: 0.002 },
  percentile: { weight: 0.1, median: 0.006, errorShare: 0.003 },
};

export const OPERATIONS: Record<OperationLabel, number> = {
  get: 0.55,
  put: 0.3,
  delete: 0.1,
  scan: 0.05,
};

/**
 * Entries expire after `ttl`, so a backend's size drifts towards what its traffic sustains:
 * some grow from their start, some shrink. Memory is also capped, and evicts the overflow.
 */
export const BACKENDS: Record<
  BackendLabel,
  {
    weight: number;
    median: number;
    entryBytes: number;
    ttl: number;
    initialEntries: number;
    capacity: number;
  }
> = {
  memory: {
    weight: 0.4,
    median: 0.00002,
    entryBytes: 512,
    ttl: 60,
    initialEntries: 5000,
    capacity: 25_000,
  },
  rocksdb: {
    weight: 0.35,
    median: 0.00025,
    entryBytes: 1024,
    ttl: 900,
    initialEntries: 2_000_000,
    capacity: Number.POSITIVE_INFINITY,
  },
  redis: {
    weight: 0.2,
    median: 0.0008,
    entryBytes: 768,
    ttl: 300,
    initialEntries: 60_000,
    capacity: Number.POSITIVE_INFINITY,
  },
  postgres: {
    weight: 0.05,
    median: 0.003,
    entryBytes: 2048,
    ttl: 86_400,
    initialEntries: 5_000_000,
    capacity: Number.POSITIVE_INFINITY,
  },
};

/** The share of lookups reaching a layer that it answers. */
export const CACHE_HIT_RATE: Record<LayerLabel, number> = { l1: 0.8, l2: 0.6, l3: 0.5 };

export const FILL_STRATEGIES: Record<StrategyLabel, number> = {
  forward: 0.4,
  linear: 0.3,
  backward: 0.1,
  zero: 0.1,
  drop: 0.1,
};

/** Input topics; `weight` is each topic's share of the traffic. */
export const CONSUMED_TOPICS = [
  { topic: 'orders', weight: 0.3, partitions: 6 },
  { topic: 'payments', weight: 0.1, partitions: 3 },
  { topic: 'clicks', weight: 0.6, partitions: 8 },
] as const;

/** Where the aggregates go. */
export const OUTPUT_TOPIC = { topic: 'aggregates', partitions: 4 } as const;

/** Median time of one execution of each operator of the job graph, in pipeline order. */
export const OPERATORS: Record<string, number> = {
  parse: 0.0001,
  dedup: 0.00005,
  enrich: 0.0015,
  normalize: 0.0002,
  window: 0.0003,
  aggregate: 0.0008,
  sink: 0.004,
};

export function mapRecord<K extends string, V, R>(
  record: Readonly<Record<K, V>>,
  map: (value: V) => R,
): Record<K, R> {
  return Object.fromEntries(
    (Object.entries(record) as [K, V][]).map(([key, value]) => [key, map(value)]),
  ) as Record<K, R>;
}

export function weightsOf<K extends string>(record: Readonly<Record<K, { weight: number }>>) {
  return mapRecord(record, (value) => value.weight);
}
