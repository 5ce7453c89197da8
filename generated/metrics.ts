// Generated from metrics.yaml by `metrics-kit generate`. Do not edit: change metrics.yaml instead.
import {
  checkRuntimeVersion,
  combineSlots,
  type Exemplar,
  MetricSet,
  type MetricsRegistry,
  type NativeResolution,
} from 'metrics-kit';

checkRuntimeVersion('^0.2.0', 'metrics.yaml');

/** Outcome of processing an event. */
export type ResultLabel = 'success' | 'error' | 'dropped' | 'filtered';
/** The values of the `result` label by name, as in `ResultLabel.Success`. */
export const ResultLabel = {
  Success: 'success',
  Error: 'error',
  Dropped: 'dropped',
  Filtered: 'filtered',
} as const satisfies Record<string, ResultLabel>;
/** Every value of the `result` label, in declaration order. */
export const resultLabelValues: readonly ResultLabel[] = [
  'success',
  'error',
  'dropped',
  'filtered',
];

/** Kind of window. */
export type WindowTypeLabel = 'tumbling' | 'sliding' | 'session';
/** The values of the `window_type` label by name, as in `WindowTypeLabel.Tumbling`. */
export const WindowTypeLabel = {
  Tumbling: 'tumbling',
  Sliding: 'sliding',
  Session: 'session',
} as const satisfies Record<string, WindowTypeLabel>;
/** Every value of the `window_type` label, in declaration order. */
export const windowTypeLabelValues: readonly WindowTypeLabel[] = ['tumbling', 'sliding', 'session'];

/** Aggregate function computed over a window. */
export type AggregateTypeLabel =
  | 'count'
  | 'sum'
  | 'min'
  | 'max'
  | 'avg'
  | 'distinct'
  | 'percentile';
/** The values of the `aggregate_type` label by name, as in `AggregateTypeLabel.Count`. */
export const AggregateTypeLabel = {
  Count: 'count',
  Sum: 'sum',
  Min: 'min',
  Max: 'max',
  Avg: 'avg',
  Distinct: 'distinct',
  Percentile: 'percentile',
} as const satisfies Record<string, AggregateTypeLabel>;
/** Every value of the `aggregate_type` label, in declaration order. */
export const aggregateTypeLabelValues: readonly AggregateTypeLabel[] = [
  'count',
  'sum',
  'min',
  'max',
  'avg',
  'distinct',
  'percentile',
];

/** State backend operation. */
export type OperationLabel = 'get' | 'put' | 'delete' | 'scan';
/** The values of the `operation` label by name, as in `OperationLabel.Get`. */
export const OperationLabel = {
  Get: 'get',
  Put: 'put',
  Delete: 'delete',
  Scan: 'scan',
} as const satisfies Record<string, OperationLabel>;
/** Every value of the `operation` label, in declaration order. */
export const operationLabelValues: readonly OperationLabel[] = ['get', 'put', 'delete', 'scan'];

/** State backend that served the operation. */
export type BackendLabel = 'memory' | 'rocksdb' | 'redis' | 'postgres';
/** The values of the `backend` label by name, as in `BackendLabel.Memory`. */
export const BackendLabel = {
  Memory: 'memory',
  Rocksdb: 'rocksdb',
  Redis: 'redis',
  Postgres: 'postgres',
} as const satisfies Record<string, BackendLabel>;
/** Every value of the `backend` label, in declaration order. */
export const backendLabelValues: readonly BackendLabel[] = [
  'memory',
  'rocksdb',
  'redis',
  'postgres',
];

/** Cache layer, from the in-process L1 to the remote L3. */
export type LayerLabel = 'l1' | 'l2' | 'l3';
/** The values of the `layer` label by name, as in `LayerLabel.L1`. */
export const LayerLabel = {
  L1: 'l1',
  L2: 'l2',
  L3: 'l3',
} as const satisfies Record<string, LayerLabel>;
/** Every value of the `layer` label, in declaration order. */
export const layerLabelValues: readonly LayerLabel[] = ['l1', 'l2', 'l3'];

/** How a gap in a time series was filled, or dropped. */
export type StrategyLabel = 'forward' | 'backward' | 'linear' | 'zero' | 'drop';
/** The values of the `strategy` label by name, as in `StrategyLabel.Forward`. */
export const StrategyLabel = {
  Forward: 'forward',
  Backward: 'backward',
  Linear: 'linear',
  Zero: 'zero',
  Drop: 'drop',
} as const satisfies Record<string, StrategyLabel>;
/** Every value of the `strategy` label, in declaration order. */
export const strategyLabelValues: readonly StrategyLabel[] = [
  'forward',
  'backward',
  'linear',
  'zero',
  'drop',
];

/** Stage of the pipeline where the error arose. */
export type ErrorTypeLabel =
  | 'deserialization'
  | 'validation'
  | 'processing'
  | 'state'
  | 'sink'
  | 'timeout';
/** The values of the `error_type` label by name, as in `ErrorTypeLabel.Deserialization`. */
export const ErrorTypeLabel = {
  Deserialization: 'deserialization',
  Validation: 'validation',
  Processing: 'processing',
  State: 'state',
  Sink: 'sink',
  Timeout: 'timeout',
} as const satisfies Record<string, ErrorTypeLabel>;
/** Every value of the `error_type` label, in declaration order. */
export const errorTypeLabelValues: readonly ErrorTypeLabel[] = [
  'deserialization',
  'validation',
  'processing',
  'state',
  'sink',
  'timeout',
];

/** Processing durations from 1 ms to 30 s. Upper bounds; +Inf is added on exposure. */
export const durationBuckets: readonly number[] = [
  0.001, 0.00199, 0.00395, 0.00786, 0.0156, 0.0311, 0.0618, 0.123, 0.244, 0.486, 0.965, 1.92, 3.82,
  7.59, 15.1, 30,
];
/** Native resolution of layout `duration`: schema 3 (buckets grow by 1.091), at most 160 populated buckets per series before the resolution is halved. */
export const durationNative: NativeResolution = {
  schema: 3,
  maxBuckets: 160,
  zeroThreshold: 2.938735877055719e-39,
};
/** Window sizes from 1 to 10,000 events. Upper bounds; +Inf is added on exposure. */
export const windowSizeBuckets: readonly number[] = [
  1, 2.03, 4.12, 8.38, 17, 34.6, 70.2, 143, 289, 588, 1190, 2420, 4920, 10000,
];
/** Native resolution of layout `window_size`: schema 3 (buckets grow by 1.091), at most 160 populated buckets per series before the resolution is halved. */
export const windowSizeNative: NativeResolution = {
  schema: 3,
  maxBuckets: 160,
  zeroThreshold: 2.938735877055719e-39,
};

/** Free-form label values selecting series across metrics, for `removeSeries`: a metric carrying every given label loses the series with those values. */
export interface ProcessorSeriesSelector {
  /** Kafka topic. */
  readonly topic?: string;
  /** Kafka partition number. */
  readonly partition?: number;
  /** Pipeline operator, as named in the job graph. */
  readonly operator?: string;
}

/** Typed recorders for the `processor` metrics, one per metric plus composites. */
export interface ProcessorMetrics {
  /**
   * Total events received by the processor.
   *
   * Counter `processor_events_received_total`.
   * @param amount How much to add; 1 when omitted.
   */
  recordEventReceived(amount?: number): void;
  /**
   * Events processed, by result.
   *
   * Counter `processor_events_processed_total`.
   * @param result Outcome of processing an event.
   * @param amount How much to add; 1 when omitted.
   * @param exemplar Labels linking this recording to a trace, such as `{ trace_id }` (at most 128 characters in all); the latest per series or bucket is exposed in OpenMetrics and protobuf, and one that cannot be is dropped and counted.
   */
  recordEventProcessed(result: ResultLabel, amount?: number, exemplar?: Exemplar): void;
  /**
   * Time spent processing one event, by result.
   *
   * Histogram `processor_event_processing_duration_seconds` in seconds, buckets `duration`.
   * @param result Outcome of processing an event.
   * @param seconds The observed value, in seconds.
   * @param exemplar Labels linking this recording to a trace, such as `{ trace_id }` (at most 128 characters in all); the latest per series or bucket is exposed in OpenMetrics and protobuf, and one that cannot be is dropped and counted.
   */
  recordEventProcessingDuration(result: ResultLabel, seconds: number, exemplar?: Exemplar): void;
  /**
   * Current lag between event time and processing time.
   *
   * Gauge `processor_pipeline_lag_seconds` in seconds.
   * @param seconds The current value, in seconds.
   */
  setPipelineLag(seconds: number): void;
  /**
   * Events waiting because of backpressure.
   *
   * Gauge `processor_backpressure_events` in events.
   * @param value The current value, in events.
   */
  setBackpressureEvents(value: number): void;
  /**
   * Windows created, by window type.
   *
   * Counter `processor_windows_created_total`.
   * @param windowType Kind of window.
   * @param amount How much to add; 1 when omitted.
   */
  recordWindowCreated(windowType: WindowTypeLabel, amount?: number): void;
  /**
   * Windows triggered, by window type.
   *
   * Counter `processor_windows_triggered_total`.
   * @param windowType Kind of window.
   * @param amount How much to add; 1 when omitted.
   */
  recordWindowTriggered(windowType: WindowTypeLabel, amount?: number): void;
  /**
   * Windows currently open, by window type.
   *
   * Gauge `processor_windows_active`.
   * @param windowType Kind of window.
   * @param value The current value.
   */
  setWindowsActive(windowType: WindowTypeLabel, value: number): void;
  /**
   * Events in a window when it is triggered.
   *
   * Histogram `processor_window_size_events` in events, buckets `window_size`.
   * @param windowType Kind of window.
   * @param value The observed value, in events.
   */
  recordWindowSize(windowType: WindowTypeLabel, value: number): void;
  /**
   * Events that arrived after the watermark had passed their window.
   *
   * Counter `processor_late_events_total`.
   * @param amount How much to add; 1 when omitted.
   */
  recordLateEvent(amount?: number): void;
  /**
   * Aggregations computed, by aggregate type.
   *
   * Counter `processor_aggregations_computed_total`.
   * @param aggregateType Aggregate function computed over a window.
   * @param amount How much to add; 1 when omitted.
   */
  recordAggregationComputed(aggregateType: AggregateTypeLabel, amount?: number): void;
  /**
   * Time spent computing one aggregation.
   *
   * Histogram `processor_aggregation_duration_seconds` in seconds, buckets `duration`.
   * @param aggregateType Aggregate function computed over a window.
   * @param seconds The observed value, in seconds.
   */
  recordAggregationDuration(aggregateType: AggregateTypeLabel, seconds: number): void;
  /**
   * Aggregations that failed, by aggregate type.
   *
   * Counter `processor_aggregation_errors_total`.
   * @param aggregateType Aggregate function computed over a window.
   * @param amount How much to add; 1 when omitted.
   */
  recordAggregationError(aggregateType: AggregateTypeLabel, amount?: number): void;
  /**
   * State operations, by operation and backend.
   *
   * Counter `processor_state_operations_total`.
   * @param operation State backend operation.
   * @param backend State backend that served the operation.
   * @param amount How much to add; 1 when omitted.
   */
  recordStateOperationCount(
    operation: OperationLabel,
    backend: BackendLabel,
    amount?: number,
  ): void;
  /**
   * Time spent in one state operation.
   *
   * Histogram `processor_state_operation_duration_seconds` in seconds, buckets `duration`.
   * @param operation State backend operation.
   * @param backend State backend that served the operation.
   * @param seconds The observed value, in seconds.
   */
  recordStateOperationDuration(
    operation: OperationLabel,
    backend: BackendLabel,
    seconds: number,
  ): void;
  /**
   * State cache hits, by cache layer.
   *
   * Counter `processor_state_cache_hits_total`.
   * @param layer Cache layer, from the in-process L1 to the remote L3.
   * @param amount How much to add; 1 when omitted.
   */
  recordStateCacheHit(layer: LayerLabel, amount?: number): void;
  /**
   * State cache misses, by cache layer.
   *
   * Counter `processor_state_cache_misses_total`.
   * @param layer Cache layer, from the in-process L1 to the remote L3.
   * @param amount How much to add; 1 when omitted.
   */
  recordStateCacheMiss(layer: LayerLabel, amount?: number): void;
  /**
   * Current size of the state held by each backend.
   *
   * Gauge `processor_state_size_bytes` in bytes.
   * @param backend State backend that served the operation.
   * @param bytes The current value, in bytes.
   */
  setStateSizeBytes(backend: BackendLabel, bytes: number): void;
  /**
   * Entries evicted from state, by backend.
   *
   * Counter `processor_state_evictions_total`.
   * @param backend State backend that served the operation.
   * @param amount How much to add; 1 when omitted.
   */
  recordStateEviction(backend: BackendLabel, amount?: number): void;
  /**
   * Events checked for duplicates.
   *
   * Counter `processor_dedup_events_checked_total`.
   * @param amount How much to add; 1 when omitted.
   */
  recordDedupEventChecked(amount?: number): void;
  /**
   * Duplicate events found.
   *
   * Counter `processor_dedup_duplicates_found_total`.
   * @param amount How much to add; 1 when omitted.
   */
  recordDedupDuplicateFound(amount?: number): void;
  /**
   * Entries currently held in the deduplication cache.
   *
   * Gauge `processor_dedup_cache_size`.
   * @param value The current value.
   */
  setDedupCacheSize(value: number): void;
  /**
   * Entries evicted from the deduplication cache.
   *
   * Counter `processor_dedup_cache_evictions_total`.
   * @param amount How much to add; 1 when omitted.
   */
  recordDedupCacheEviction(amount?: number): void;
  /**
   * Events normalized.
   *
   * Counter `processor_normalization_events_total`.
   * @param amount How much to add; 1 when omitted.
   */
  recordNormalizationEvent(amount?: number): void;
  /**
   * Gap fill operations, by fill strategy.
   *
   * Counter `processor_normalization_fill_operations_total`.
   * @param strategy How a gap in a time series was filled, or dropped.
   * @param amount How much to add; 1 when omitted.
   */
  recordNormalizationFill(strategy: StrategyLabel, amount?: number): void;
  /**
   * Gaps filled in time series.
   *
   * Counter `processor_normalization_gaps_filled_total`.
   * @param amount How much to add; 1 when omitted.
   */
  recordNormalizationGapFilled(amount?: number): void;
  /**
   * Outliers detected in time series.
   *
   * Counter `processor_normalization_outliers_detected_total`.
   * @param amount How much to add; 1 when omitted.
   */
  recordNormalizationOutlierDetected(amount?: number): void;
  /**
   * Current lag of the watermark behind the newest event time.
   *
   * Gauge `processor_watermark_lag_seconds` in seconds.
   * @param seconds The current value, in seconds.
   */
  setWatermarkLag(seconds: number): void;
  /**
   * Watermark advances.
   *
   * Counter `processor_watermark_updates_total`.
   * @param amount How much to add; 1 when omitted.
   */
  recordWatermarkUpdate(amount?: number): void;
  /**
   * Events that arrived with an event time older than an earlier event.
   *
   * Counter `processor_out_of_order_events_total`.
   * @param amount How much to add; 1 when omitted.
   */
  recordOutOfOrderEvent(amount?: number): void;
  /**
   * Messages consumed from Kafka.
   *
   * Counter `processor_kafka_messages_consumed_total`.
   * @param topic Kafka topic.
   * @param partition Kafka partition number.
   * @param amount How much to add; 1 when omitted.
   */
  recordKafkaMessageConsumed(topic: string, partition: number, amount?: number): void;
  /**
   * Messages produced to Kafka.
   *
   * Counter `processor_kafka_messages_produced_total`.
   * @param topic Kafka topic.
   * @param partition Kafka partition number.
   * @param amount How much to add; 1 when omitted.
   */
  recordKafkaMessageProduced(topic: string, partition: number, amount?: number): void;
  /**
   * Consumer lag, in messages behind the partition's newest offset.
   *
   * Gauge `processor_kafka_consumer_lag`.
   * @param topic Kafka topic.
   * @param partition Kafka partition number.
   * @param value The current value.
   */
  setKafkaConsumerLag(topic: string, partition: number, value: number): void;
  /**
   * Offset commits that failed.
   *
   * Counter `processor_kafka_offset_commit_errors_total`.
   * @param topic Kafka topic.
   * @param partition Kafka partition number.
   * @param amount How much to add; 1 when omitted.
   */
  recordKafkaOffsetCommitError(topic: string, partition: number, amount?: number): void;
  /**
   * Pipeline errors, by error type.
   *
   * Counter `processor_pipeline_errors_total`.
   * @param errorType Stage of the pipeline where the error arose.
   * @param amount How much to add; 1 when omitted.
   */
  recordPipelineError(errorType: ErrorTypeLabel, amount?: number): void;
  /**
   * Pipeline operators currently running.
   *
   * Gauge `processor_pipeline_operators_active`.
   * @param value The current value.
   */
  setPipelineOperatorsActive(value: number): void;
  /**
   * Time spent in one operator execution.
   *
   * Histogram `processor_operator_duration_seconds` in seconds, buckets `duration`.
   * @param operator Pipeline operator, as named in the job graph.
   * @param seconds The observed value, in seconds.
   * @param exemplar Labels linking this recording to a trace, such as `{ trace_id }` (at most 128 characters in all); the latest per series or bucket is exposed in OpenMetrics and protobuf, and one that cannot be is dropped and counted.
   */
  recordOperatorDuration(operator: string, seconds: number, exemplar?: Exemplar): void;
  /**
   * Counts a state operation and observes how long it took.
   *
   * Records `processor_state_operations_total`, `processor_state_operation_duration_seconds`.
   * @param operation State backend operation.
   * @param backend State backend that served the operation.
   * @param seconds The observed value, in seconds.
   */
  recordStateOperation(operation: OperationLabel, backend: BackendLabel, seconds: number): void;
  /**
   * Counts a deduplication check and, when the event was a duplicate, the duplicate.
   *
   * Records `processor_dedup_events_checked_total`, `processor_dedup_duplicates_found_total`.
   * @param isDuplicate Whether to record `processor_dedup_duplicates_found_total` too.
   */
  recordDedupCheck(isDuplicate: boolean): void;
  /**
   * Creates the series of `processor_kafka_messages_consumed_total` for these values at zero, so `rate()` and `increase()` see their first events. Series that exist keep their values.
   * @param topic Kafka topic.
   * @param partition Kafka partition number.
   */
  initKafkaMessageConsumed(topic: string, partition: number): void;
  /**
   * Removes every series of `processor_kafka_messages_consumed_total` with these values; recording them again starts from zero.
   * @param topic Kafka topic.
   * @param partition Kafka partition number.
   */
  removeKafkaMessageConsumed(topic: string, partition: number): void;
  /**
   * Creates the series of `processor_kafka_messages_produced_total` for these values at zero, so `rate()` and `increase()` see their first events. Series that exist keep their values.
   * @param topic Kafka topic.
   * @param partition Kafka partition number.
   */
  initKafkaMessageProduced(topic: string, partition: number): void;
  /**
   * Removes every series of `processor_kafka_messages_produced_total` with these values; recording them again starts from zero.
   * @param topic Kafka topic.
   * @param partition Kafka partition number.
   */
  removeKafkaMessageProduced(topic: string, partition: number): void;
  /**
   * Creates the series of `processor_kafka_consumer_lag` for these values at zero, so `rate()` and `increase()` see their first events. Series that exist keep their values.
   * @param topic Kafka topic.
   * @param partition Kafka partition number.
   */
  initKafkaConsumerLag(topic: string, partition: number): void;
  /**
   * Removes every series of `processor_kafka_consumer_lag` with these values; recording them again starts from zero.
   * @param topic Kafka topic.
   * @param partition Kafka partition number.
   */
  removeKafkaConsumerLag(topic: string, partition: number): void;
  /**
   * Creates the series of `processor_kafka_offset_commit_errors_total` for these values at zero, so `rate()` and `increase()` see their first events. Series that exist keep their values.
   * @param topic Kafka topic.
   * @param partition Kafka partition number.
   */
  initKafkaOffsetCommitError(topic: string, partition: number): void;
  /**
   * Removes every series of `processor_kafka_offset_commit_errors_total` with these values; recording them again starts from zero.
   * @param topic Kafka topic.
   * @param partition Kafka partition number.
   */
  removeKafkaOffsetCommitError(topic: string, partition: number): void;
  /**
   * Creates the series of `processor_operator_duration_seconds` for these values at zero, so `rate()` and `increase()` see their first events. Series that exist keep their values.
   * @param operator Pipeline operator, as named in the job graph.
   */
  initOperatorDuration(operator: string): void;
  /**
   * Removes every series of `processor_operator_duration_seconds` with these values; recording them again starts from zero.
   * @param operator Pipeline operator, as named in the job graph.
   */
  removeOperatorDuration(operator: string): void;
  /**
   * Removes, from every metric carrying all the selected labels, the series with those values (a revoked partition: `{ topic, partition }`). Returns how many series were removed; an empty selector removes none.
   * @param selector Free-form label values to match.
   */
  removeSeries(selector: ProcessorSeriesSelector): number;
}

export interface ProcessorMetricsOptions {
  /** Where the metrics are registered; prom-client's global `register` when omitted. */
  registry?: MetricsRegistry;
}

/** The slot of a `result` value; -1 for a value outside the enum. */
const resultIndex = (value: ResultLabel): number => {
  switch (value) {
    case 'success':
      return 0;
    case 'error':
      return 1;
    case 'dropped':
      return 2;
    case 'filtered':
      return 3;
    default:
      return -1;
  }
};

/** The slot of a `window_type` value; -1 for a value outside the enum. */
const windowTypeIndex = (value: WindowTypeLabel): number => {
  switch (value) {
    case 'tumbling':
      return 0;
    case 'sliding':
      return 1;
    case 'session':
      return 2;
    default:
      return -1;
  }
};

/** The slot of a `aggregate_type` value; -1 for a value outside the enum. */
const aggregateTypeIndex = (value: AggregateTypeLabel): number => {
  switch (value) {
    case 'count':
      return 0;
    case 'sum':
      return 1;
    case 'min':
      return 2;
    case 'max':
      return 3;
    case 'avg':
      return 4;
    case 'distinct':
      return 5;
    case 'percentile':
      return 6;
    default:
      return -1;
  }
};

/** The slot of a `operation` value; -1 for a value outside the enum. */
const operationIndex = (value: OperationLabel): number => {
  switch (value) {
    case 'get':
      return 0;
    case 'put':
      return 1;
    case 'delete':
      return 2;
    case 'scan':
      return 3;
    default:
      return -1;
  }
};

/** The slot of a `backend` value; -1 for a value outside the enum. */
const backendIndex = (value: BackendLabel): number => {
  switch (value) {
    case 'memory':
      return 0;
    case 'rocksdb':
      return 1;
    case 'redis':
      return 2;
    case 'postgres':
      return 3;
    default:
      return -1;
  }
};

/** The slot of a `layer` value; -1 for a value outside the enum. */
const layerIndex = (value: LayerLabel): number => {
  switch (value) {
    case 'l1':
      return 0;
    case 'l2':
      return 1;
    case 'l3':
      return 2;
    default:
      return -1;
  }
};

/** The slot of a `strategy` value; -1 for a value outside the enum. */
const strategyIndex = (value: StrategyLabel): number => {
  switch (value) {
    case 'forward':
      return 0;
    case 'backward':
      return 1;
    case 'linear':
      return 2;
    case 'zero':
      return 3;
    case 'drop':
      return 4;
    default:
      return -1;
  }
};

/** The slot of a `error_type` value; -1 for a value outside the enum. */
const errorTypeIndex = (value: ErrorTypeLabel): number => {
  switch (value) {
    case 'deserialization':
      return 0;
    case 'validation':
      return 1;
    case 'processing':
      return 2;
    case 'state':
      return 3;
    case 'sink':
      return 4;
    case 'timeout':
      return 5;
    default:
      return -1;
  }
};

/**
 * Registers every `processor` metric in the registry and returns its typed recorders.
 * Call it once per registry: registering the same names twice throws, before anything is registered.
 * @example
 * const metrics = createProcessorMetrics({ registry: new Registry() });
 * metrics.recordEventProcessed(ResultLabel.Success);
 */
export function createProcessorMetrics(options: ProcessorMetricsOptions = {}): ProcessorMetrics {
  const set = new MetricSet({ registry: options.registry, namespace: 'processor' });
  const eventsReceivedMetric = set.counter({
    name: 'processor_events_received_total',
    help: 'Total events received by the processor.',
  });
  const eventsProcessedMetric = set.exemplarCounter({
    name: 'processor_events_processed_total',
    help: 'Events processed, by result.',
    labels: [{ name: 'result', values: resultLabelValues }],
  });
  const eventProcessingDurationSecondsMetric = set.nativeHistogram({
    name: 'processor_event_processing_duration_seconds',
    help: 'Time spent processing one event, by result.',
    unit: 'seconds',
    labels: [{ name: 'result', values: resultLabelValues }],
    buckets: durationBuckets,
    native: durationNative,
    exemplars: true,
  });
  const pipelineLagSecondsMetric = set.gauge({
    name: 'processor_pipeline_lag_seconds',
    help: 'Current lag between event time and processing time.',
    unit: 'seconds',
    aggregate: 'max',
  });
  const backpressureEventsMetric = set.gauge({
    name: 'processor_backpressure_events',
    help: 'Events waiting because of backpressure.',
    unit: 'events',
  });
  const windowsCreatedMetric = set.counter({
    name: 'processor_windows_created_total',
    help: 'Windows created, by window type.',
    labels: [{ name: 'window_type', values: windowTypeLabelValues }],
  });
  const windowsTriggeredMetric = set.counter({
    name: 'processor_windows_triggered_total',
    help: 'Windows triggered, by window type.',
    labels: [{ name: 'window_type', values: windowTypeLabelValues }],
  });
  const windowsActiveMetric = set.gauge({
    name: 'processor_windows_active',
    help: 'Windows currently open, by window type.',
    labels: [{ name: 'window_type', values: windowTypeLabelValues }],
  });
  const windowSizeEventsMetric = set.nativeHistogram({
    name: 'processor_window_size_events',
    help: 'Events in a window when it is triggered.',
    unit: 'events',
    labels: [{ name: 'window_type', values: windowTypeLabelValues }],
    buckets: windowSizeBuckets,
    native: windowSizeNative,
  });
  const lateEventsMetric = set.counter({
    name: 'processor_late_events_total',
    help: 'Events that arrived after the watermark had passed their window.',
  });
  const aggregationsComputedMetric = set.counter({
    name: 'processor_aggregations_computed_total',
    help: 'Aggregations computed, by aggregate type.',
    labels: [{ name: 'aggregate_type', values: aggregateTypeLabelValues }],
  });
  const aggregationDurationSecondsMetric = set.nativeHistogram({
    name: 'processor_aggregation_duration_seconds',
    help: 'Time spent computing one aggregation.',
    unit: 'seconds',
    labels: [{ name: 'aggregate_type', values: aggregateTypeLabelValues }],
    buckets: durationBuckets,
    native: durationNative,
  });
  const aggregationErrorsMetric = set.counter({
    name: 'processor_aggregation_errors_total',
    help: 'Aggregations that failed, by aggregate type.',
    labels: [{ name: 'aggregate_type', values: aggregateTypeLabelValues }],
  });
  const stateOperationsMetric = set.counter({
    name: 'processor_state_operations_total',
    help: 'State operations, by operation and backend.',
    labels: [
      { name: 'operation', values: operationLabelValues },
      { name: 'backend', values: backendLabelValues },
    ],
  });
  const stateOperationDurationSecondsMetric = set.nativeHistogram({
    name: 'processor_state_operation_duration_seconds',
    help: 'Time spent in one state operation.',
    unit: 'seconds',
    labels: [
      { name: 'operation', values: operationLabelValues },
      { name: 'backend', values: backendLabelValues },
    ],
    buckets: durationBuckets,
    native: durationNative,
  });
  const stateCacheHitsMetric = set.counter({
    name: 'processor_state_cache_hits_total',
    help: 'State cache hits, by cache layer.',
    labels: [{ name: 'layer', values: layerLabelValues }],
  });
  const stateCacheMissesMetric = set.counter({
    name: 'processor_state_cache_misses_total',
    help: 'State cache misses, by cache layer.',
    labels: [{ name: 'layer', values: layerLabelValues }],
  });
  const stateSizeBytesMetric = set.gauge({
    name: 'processor_state_size_bytes',
    help: 'Current size of the state held by each backend.',
    unit: 'bytes',
    labels: [{ name: 'backend', values: backendLabelValues }],
  });
  const stateEvictionsMetric = set.counter({
    name: 'processor_state_evictions_total',
    help: 'Entries evicted from state, by backend.',
    labels: [{ name: 'backend', values: backendLabelValues }],
  });
  const dedupEventsCheckedMetric = set.counter({
    name: 'processor_dedup_events_checked_total',
    help: 'Events checked for duplicates.',
  });
  const dedupDuplicatesFoundMetric = set.counter({
    name: 'processor_dedup_duplicates_found_total',
    help: 'Duplicate events found.',
  });
  const dedupCacheSizeMetric = set.gauge({
    name: 'processor_dedup_cache_size',
    help: 'Entries currently held in the deduplication cache.',
  });
  const dedupCacheEvictionsMetric = set.counter({
    name: 'processor_dedup_cache_evictions_total',
    help: 'Entries evicted from the deduplication cache.',
  });
  const normalizationEventsMetric = set.counter({
    name: 'processor_normalization_events_total',
    help: 'Events normalized.',
  });
  const normalizationFillOperationsMetric = set.counter({
    name: 'processor_normalization_fill_operations_total',
    help: 'Gap fill operations, by fill strategy.',
    labels: [{ name: 'strategy', values: strategyLabelValues }],
  });
  const normalizationGapsFilledMetric = set.counter({
    name: 'processor_normalization_gaps_filled_total',
    help: 'Gaps filled in time series.',
  });
  const normalizationOutliersDetectedMetric = set.counter({
    name: 'processor_normalization_outliers_detected_total',
    help: 'Outliers detected in time series.',
  });
  const watermarkLagSecondsMetric = set.gauge({
    name: 'processor_watermark_lag_seconds',
    help: 'Current lag of the watermark behind the newest event time.',
    unit: 'seconds',
    aggregate: 'max',
  });
  const watermarkUpdatesMetric = set.counter({
    name: 'processor_watermark_updates_total',
    help: 'Watermark advances.',
  });
  const outOfOrderEventsMetric = set.counter({
    name: 'processor_out_of_order_events_total',
    help: 'Events that arrived with an event time older than an earlier event.',
  });
  const kafkaMessagesConsumedMetric = set.counter({
    name: 'processor_kafka_messages_consumed_total',
    help: 'Messages consumed from Kafka.',
    labels: [
      { name: 'topic', maxValues: 64, kind: 'string' },
      { name: 'partition', maxValues: 256, kind: 'integer' },
    ],
  });
  const kafkaMessagesProducedMetric = set.counter({
    name: 'processor_kafka_messages_produced_total',
    help: 'Messages produced to Kafka.',
    labels: [
      { name: 'topic', maxValues: 64, kind: 'string' },
      { name: 'partition', maxValues: 256, kind: 'integer' },
    ],
  });
  const kafkaConsumerLagMetric = set.gauge({
    name: 'processor_kafka_consumer_lag',
    help: "Consumer lag, in messages behind the partition's newest offset.",
    labels: [
      { name: 'topic', maxValues: 64, kind: 'string' },
      { name: 'partition', maxValues: 256, kind: 'integer' },
    ],
  });
  const kafkaOffsetCommitErrorsMetric = set.counter({
    name: 'processor_kafka_offset_commit_errors_total',
    help: 'Offset commits that failed.',
    labels: [
      { name: 'topic', maxValues: 64, kind: 'string' },
      { name: 'partition', maxValues: 256, kind: 'integer' },
    ],
  });
  const pipelineErrorsMetric = set.counter({
    name: 'processor_pipeline_errors_total',
    help: 'Pipeline errors, by error type.',
    labels: [{ name: 'error_type', values: errorTypeLabelValues }],
  });
  const pipelineOperatorsActiveMetric = set.gauge({
    name: 'processor_pipeline_operators_active',
    help: 'Pipeline operators currently running.',
  });
  const operatorDurationSecondsMetric = set.nativeHistogram({
    name: 'processor_operator_duration_seconds',
    help: 'Time spent in one operator execution.',
    unit: 'seconds',
    labels: [{ name: 'operator', maxValues: 64, kind: 'string' }],
    buckets: durationBuckets,
    native: durationNative,
    exemplars: true,
  });
  set.register();
  const recordEventReceived = (amount = 1): void => {
    eventsReceivedMetric.inc(0, amount);
  };
  const recordEventProcessed = (result: ResultLabel, amount = 1, exemplar?: Exemplar): void => {
    eventsProcessedMetric.inc(resultIndex(result), amount, exemplar);
  };
  const recordEventProcessingDuration = (
    result: ResultLabel,
    seconds: number,
    exemplar?: Exemplar,
  ): void => {
    eventProcessingDurationSecondsMetric.observe(resultIndex(result), seconds, exemplar);
  };
  const setPipelineLag = (seconds: number): void => {
    pipelineLagSecondsMetric.set(0, seconds);
  };
  const setBackpressureEvents = (value: number): void => {
    backpressureEventsMetric.set(0, value);
  };
  const recordWindowCreated = (windowType: WindowTypeLabel, amount = 1): void => {
    windowsCreatedMetric.inc(windowTypeIndex(windowType), amount);
  };
  const recordWindowTriggered = (windowType: WindowTypeLabel, amount = 1): void => {
    windowsTriggeredMetric.inc(windowTypeIndex(windowType), amount);
  };
  const setWindowsActive = (windowType: WindowTypeLabel, value: number): void => {
    windowsActiveMetric.set(windowTypeIndex(windowType), value);
  };
  const recordWindowSize = (windowType: WindowTypeLabel, value: number): void => {
    windowSizeEventsMetric.observe(windowTypeIndex(windowType), value);
  };
  const recordLateEvent = (amount = 1): void => {
    lateEventsMetric.inc(0, amount);
  };
  const recordAggregationComputed = (aggregateType: AggregateTypeLabel, amount = 1): void => {
    aggregationsComputedMetric.inc(aggregateTypeIndex(aggregateType), amount);
  };
  const recordAggregationDuration = (aggregateType: AggregateTypeLabel, seconds: number): void => {
    aggregationDurationSecondsMetric.observe(aggregateTypeIndex(aggregateType), seconds);
  };
  const recordAggregationError = (aggregateType: AggregateTypeLabel, amount = 1): void => {
    aggregationErrorsMetric.inc(aggregateTypeIndex(aggregateType), amount);
  };
  const recordStateOperationCount = (
    operation: OperationLabel,
    backend: BackendLabel,
    amount = 1,
  ): void => {
    stateOperationsMetric.inc(
      combineSlots(operationIndex(operation), backendIndex(backend), 4),
      amount,
    );
  };
  const recordStateOperationDuration = (
    operation: OperationLabel,
    backend: BackendLabel,
    seconds: number,
  ): void => {
    stateOperationDurationSecondsMetric.observe(
      combineSlots(operationIndex(operation), backendIndex(backend), 4),
      seconds,
    );
  };
  const recordStateCacheHit = (layer: LayerLabel, amount = 1): void => {
    stateCacheHitsMetric.inc(layerIndex(layer), amount);
  };
  const recordStateCacheMiss = (layer: LayerLabel, amount = 1): void => {
    stateCacheMissesMetric.inc(layerIndex(layer), amount);
  };
  const setStateSizeBytes = (backend: BackendLabel, bytes: number): void => {
    stateSizeBytesMetric.set(backendIndex(backend), bytes);
  };
  const recordStateEviction = (backend: BackendLabel, amount = 1): void => {
    stateEvictionsMetric.inc(backendIndex(backend), amount);
  };
  const recordDedupEventChecked = (amount = 1): void => {
    dedupEventsCheckedMetric.inc(0, amount);
  };
  const recordDedupDuplicateFound = (amount = 1): void => {
    dedupDuplicatesFoundMetric.inc(0, amount);
  };
  const setDedupCacheSize = (value: number): void => {
    dedupCacheSizeMetric.set(0, value);
  };
  const recordDedupCacheEviction = (amount = 1): void => {
    dedupCacheEvictionsMetric.inc(0, amount);
  };
  const recordNormalizationEvent = (amount = 1): void => {
    normalizationEventsMetric.inc(0, amount);
  };
  const recordNormalizationFill = (strategy: StrategyLabel, amount = 1): void => {
    normalizationFillOperationsMetric.inc(strategyIndex(strategy), amount);
  };
  const recordNormalizationGapFilled = (amount = 1): void => {
    normalizationGapsFilledMetric.inc(0, amount);
  };
  const recordNormalizationOutlierDetected = (amount = 1): void => {
    normalizationOutliersDetectedMetric.inc(0, amount);
  };
  const setWatermarkLag = (seconds: number): void => {
    watermarkLagSecondsMetric.set(0, seconds);
  };
  const recordWatermarkUpdate = (amount = 1): void => {
    watermarkUpdatesMetric.inc(0, amount);
  };
  const recordOutOfOrderEvent = (amount = 1): void => {
    outOfOrderEventsMetric.inc(0, amount);
  };
  const recordKafkaMessageConsumed = (topic: string, partition: number, amount = 1): void => {
    kafkaMessagesConsumedMetric.inc(
      kafkaMessagesConsumedMetric.seriesOf2(topic, partition),
      amount,
    );
  };
  const recordKafkaMessageProduced = (topic: string, partition: number, amount = 1): void => {
    kafkaMessagesProducedMetric.inc(
      kafkaMessagesProducedMetric.seriesOf2(topic, partition),
      amount,
    );
  };
  const setKafkaConsumerLag = (topic: string, partition: number, value: number): void => {
    kafkaConsumerLagMetric.set(kafkaConsumerLagMetric.seriesOf2(topic, partition), value);
  };
  const recordKafkaOffsetCommitError = (topic: string, partition: number, amount = 1): void => {
    kafkaOffsetCommitErrorsMetric.inc(
      kafkaOffsetCommitErrorsMetric.seriesOf2(topic, partition),
      amount,
    );
  };
  const recordPipelineError = (errorType: ErrorTypeLabel, amount = 1): void => {
    pipelineErrorsMetric.inc(errorTypeIndex(errorType), amount);
  };
  const setPipelineOperatorsActive = (value: number): void => {
    pipelineOperatorsActiveMetric.set(0, value);
  };
  const recordOperatorDuration = (operator: string, seconds: number, exemplar?: Exemplar): void => {
    operatorDurationSecondsMetric.observe(
      operatorDurationSecondsMetric.seriesOf(operator),
      seconds,
      exemplar,
    );
  };
  const recordStateOperation = (
    operation: OperationLabel,
    backend: BackendLabel,
    seconds: number,
  ): void => {
    recordStateOperationCount(operation, backend);
    recordStateOperationDuration(operation, backend, seconds);
  };
  const recordDedupCheck = (isDuplicate: boolean): void => {
    recordDedupEventChecked();
    if (isDuplicate) recordDedupDuplicateFound();
  };
  const initKafkaMessageConsumed = (topic: string, partition: number): void => {
    kafkaMessagesConsumedMetric.initSeries([topic, partition]);
  };
  const removeKafkaMessageConsumed = (topic: string, partition: number): void => {
    kafkaMessagesConsumedMetric.removeSeries([topic, partition]);
  };
  const initKafkaMessageProduced = (topic: string, partition: number): void => {
    kafkaMessagesProducedMetric.initSeries([topic, partition]);
  };
  const removeKafkaMessageProduced = (topic: string, partition: number): void => {
    kafkaMessagesProducedMetric.removeSeries([topic, partition]);
  };
  const initKafkaConsumerLag = (topic: string, partition: number): void => {
    kafkaConsumerLagMetric.initSeries([topic, partition]);
  };
  const removeKafkaConsumerLag = (topic: string, partition: number): void => {
    kafkaConsumerLagMetric.removeSeries([topic, partition]);
  };
  const initKafkaOffsetCommitError = (topic: string, partition: number): void => {
    kafkaOffsetCommitErrorsMetric.initSeries([topic, partition]);
  };
  const removeKafkaOffsetCommitError = (topic: string, partition: number): void => {
    kafkaOffsetCommitErrorsMetric.removeSeries([topic, partition]);
  };
  const initOperatorDuration = (operator: string): void => {
    operatorDurationSecondsMetric.initSeries([operator]);
  };
  const removeOperatorDuration = (operator: string): void => {
    operatorDurationSecondsMetric.removeSeries([operator]);
  };
  const removeSeries = (selector: ProcessorSeriesSelector): number => set.removeSeries(selector);
  return {
    recordEventReceived,
    recordEventProcessed,
    recordEventProcessingDuration,
    setPipelineLag,
    setBackpressureEvents,
    recordWindowCreated,
    recordWindowTriggered,
    setWindowsActive,
    recordWindowSize,
    recordLateEvent,
    recordAggregationComputed,
    recordAggregationDuration,
    recordAggregationError,
    recordStateOperationCount,
    recordStateOperationDuration,
    recordStateCacheHit,
    recordStateCacheMiss,
    setStateSizeBytes,
    recordStateEviction,
    recordDedupEventChecked,
    recordDedupDuplicateFound,
    setDedupCacheSize,
    recordDedupCacheEviction,
    recordNormalizationEvent,
    recordNormalizationFill,
    recordNormalizationGapFilled,
    recordNormalizationOutlierDetected,
    setWatermarkLag,
    recordWatermarkUpdate,
    recordOutOfOrderEvent,
    recordKafkaMessageConsumed,
    recordKafkaMessageProduced,
    setKafkaConsumerLag,
    recordKafkaOffsetCommitError,
    recordPipelineError,
    setPipelineOperatorsActive,
    recordOperatorDuration,
    recordStateOperation,
    recordDedupCheck,
    initKafkaMessageConsumed,
    removeKafkaMessageConsumed,
    initKafkaMessageProduced,
    removeKafkaMessageProduced,
    initKafkaConsumerLag,
    removeKafkaConsumerLag,
    initKafkaOffsetCommitError,
    removeKafkaOffsetCommitError,
    initOperatorDuration,
    removeOperatorDuration,
    removeSeries,
  };
}
