// Generated from metrics.yaml by `npm run codegen`. Do not edit: change metrics.yaml instead.
import {
  Counter,
  Gauge,
  Histogram,
  type OpenMetricsContentType,
  type PrometheusContentType,
  type Registry,
  register,
} from 'prom-client';

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
/** Window sizes from 1 to 10,000 events. Upper bounds; +Inf is added on exposure. */
export const windowSizeBuckets: readonly number[] = [
  1, 2.03, 4.12, 8.38, 17, 34.6, 70.2, 143, 289, 588, 1190, 2420, 4920, 10000,
];

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
   */
  recordEventProcessed(result: ResultLabel, amount?: number): void;
  /**
   * Time spent processing one event, by result.
   *
   * Histogram `processor_event_processing_duration_seconds` in seconds, buckets `duration`.
   * @param result Outcome of processing an event.
   * @param seconds The observed value, in seconds.
   */
  recordEventProcessingDuration(result: ResultLabel, seconds: number): void;
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
   */
  recordOperatorDuration(operator: string, seconds: number): void;
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
}

export interface ProcessorMetricsOptions {
  /** Where the metrics are registered; prom-client's global `register` when omitted. */
  registry?: Registry<PrometheusContentType> | Registry<OpenMetricsContentType>;
}

/**
 * Registers every `processor` metric in the registry and returns its typed recorders.
 * Call it once per registry: prom-client rejects a second registration of the same name.
 * @example
 * const metrics = createProcessorMetrics({ registry: new Registry() });
 * metrics.recordEventProcessed(ResultLabel.Success);
 */
export function createProcessorMetrics(options: ProcessorMetricsOptions = {}): ProcessorMetrics {
  const registry = options.registry ?? register;
  const eventsReceivedMetric = new Counter({
    name: 'processor_events_received_total',
    help: 'Total events received by the processor.',
    registers: [registry],
  });
  const eventsProcessedMetric = new Counter({
    name: 'processor_events_processed_total',
    help: 'Events processed, by result.',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const eventProcessingDurationSecondsMetric = new Histogram({
    name: 'processor_event_processing_duration_seconds',
    help: 'Time spent processing one event, by result.',
    labelNames: ['result'] as const,
    buckets: [...durationBuckets],
    registers: [registry],
  });
  const pipelineLagSecondsMetric = new Gauge({
    name: 'processor_pipeline_lag_seconds',
    help: 'Current lag between event time and processing time.',
    registers: [registry],
  });
  const backpressureEventsMetric = new Gauge({
    name: 'processor_backpressure_events',
    help: 'Events waiting because of backpressure.',
    registers: [registry],
  });
  const windowsCreatedMetric = new Counter({
    name: 'processor_windows_created_total',
    help: 'Windows created, by window type.',
    labelNames: ['window_type'] as const,
    registers: [registry],
  });
  const windowsTriggeredMetric = new Counter({
    name: 'processor_windows_triggered_total',
    help: 'Windows triggered, by window type.',
    labelNames: ['window_type'] as const,
    registers: [registry],
  });
  const windowsActiveMetric = new Gauge({
    name: 'processor_windows_active',
    help: 'Windows currently open, by window type.',
    labelNames: ['window_type'] as const,
    registers: [registry],
  });
  const windowSizeEventsMetric = new Histogram({
    name: 'processor_window_size_events',
    help: 'Events in a window when it is triggered.',
    labelNames: ['window_type'] as const,
    buckets: [...windowSizeBuckets],
    registers: [registry],
  });
  const lateEventsMetric = new Counter({
    name: 'processor_late_events_total',
    help: 'Events that arrived after the watermark had passed their window.',
    registers: [registry],
  });
  const aggregationsComputedMetric = new Counter({
    name: 'processor_aggregations_computed_total',
    help: 'Aggregations computed, by aggregate type.',
    labelNames: ['aggregate_type'] as const,
    registers: [registry],
  });
  const aggregationDurationSecondsMetric = new Histogram({
    name: 'processor_aggregation_duration_seconds',
    help: 'Time spent computing one aggregation.',
    labelNames: ['aggregate_type'] as const,
    buckets: [...durationBuckets],
    registers: [registry],
  });
  const aggregationErrorsMetric = new Counter({
    name: 'processor_aggregation_errors_total',
    help: 'Aggregations that failed, by aggregate type.',
    labelNames: ['aggregate_type'] as const,
    registers: [registry],
  });
  const stateOperationsMetric = new Counter({
    name: 'processor_state_operations_total',
    help: 'State operations, by operation and backend.',
    labelNames: ['operation', 'backend'] as const,
    registers: [registry],
  });
  const stateOperationDurationSecondsMetric = new Histogram({
    name: 'processor_state_operation_duration_seconds',
    help: 'Time spent in one state operation.',
    labelNames: ['operation', 'backend'] as const,
    buckets: [...durationBuckets],
    registers: [registry],
  });
  const stateCacheHitsMetric = new Counter({
    name: 'processor_state_cache_hits_total',
    help: 'State cache hits, by cache layer.',
    labelNames: ['layer'] as const,
    registers: [registry],
  });
  const stateCacheMissesMetric = new Counter({
    name: 'processor_state_cache_misses_total',
    help: 'State cache misses, by cache layer.',
    labelNames: ['layer'] as const,
    registers: [registry],
  });
  const stateSizeBytesMetric = new Gauge({
    name: 'processor_state_size_bytes',
    help: 'Current size of the state held by each backend.',
    labelNames: ['backend'] as const,
    registers: [registry],
  });
  const stateEvictionsMetric = new Counter({
    name: 'processor_state_evictions_total',
    help: 'Entries evicted from state, by backend.',
    labelNames: ['backend'] as const,
    registers: [registry],
  });
  const dedupEventsCheckedMetric = new Counter({
    name: 'processor_dedup_events_checked_total',
    help: 'Events checked for duplicates.',
    registers: [registry],
  });
  const dedupDuplicatesFoundMetric = new Counter({
    name: 'processor_dedup_duplicates_found_total',
    help: 'Duplicate events found.',
    registers: [registry],
  });
  const dedupCacheSizeMetric = new Gauge({
    name: 'processor_dedup_cache_size',
    help: 'Entries currently held in the deduplication cache.',
    registers: [registry],
  });
  const dedupCacheEvictionsMetric = new Counter({
    name: 'processor_dedup_cache_evictions_total',
    help: 'Entries evicted from the deduplication cache.',
    registers: [registry],
  });
  const normalizationEventsMetric = new Counter({
    name: 'processor_normalization_events_total',
    help: 'Events normalized.',
    registers: [registry],
  });
  const normalizationFillOperationsMetric = new Counter({
    name: 'processor_normalization_fill_operations_total',
    help: 'Gap fill operations, by fill strategy.',
    labelNames: ['strategy'] as const,
    registers: [registry],
  });
  const normalizationGapsFilledMetric = new Counter({
    name: 'processor_normalization_gaps_filled_total',
    help: 'Gaps filled in time series.',
    registers: [registry],
  });
  const normalizationOutliersDetectedMetric = new Counter({
    name: 'processor_normalization_outliers_detected_total',
    help: 'Outliers detected in time series.',
    registers: [registry],
  });
  const watermarkLagSecondsMetric = new Gauge({
    name: 'processor_watermark_lag_seconds',
    help: 'Current lag of the watermark behind the newest event time.',
    registers: [registry],
  });
  const watermarkUpdatesMetric = new Counter({
    name: 'processor_watermark_updates_total',
    help: 'Watermark advances.',
    registers: [registry],
  });
  const outOfOrderEventsMetric = new Counter({
    name: 'processor_out_of_order_events_total',
    help: 'Events that arrived with an event time older than an earlier event.',
    registers: [registry],
  });
  const kafkaMessagesConsumedMetric = new Counter({
    name: 'processor_kafka_messages_consumed_total',
    help: 'Messages consumed from Kafka.',
    labelNames: ['topic', 'partition'] as const,
    registers: [registry],
  });
  const kafkaMessagesProducedMetric = new Counter({
    name: 'processor_kafka_messages_produced_total',
    help: 'Messages produced to Kafka.',
    labelNames: ['topic', 'partition'] as const,
    registers: [registry],
  });
  const kafkaConsumerLagMetric = new Gauge({
    name: 'processor_kafka_consumer_lag',
    help: "Consumer lag, in messages behind the partition's newest offset.",
    labelNames: ['topic', 'partition'] as const,
    registers: [registry],
  });
  const kafkaOffsetCommitErrorsMetric = new Counter({
    name: 'processor_kafka_offset_commit_errors_total',
    help: 'Offset commits that failed.',
    labelNames: ['topic', 'partition'] as const,
    registers: [registry],
  });
  const pipelineErrorsMetric = new Counter({
    name: 'processor_pipeline_errors_total',
    help: 'Pipeline errors, by error type.',
    labelNames: ['error_type'] as const,
    registers: [registry],
  });
  const pipelineOperatorsActiveMetric = new Gauge({
    name: 'processor_pipeline_operators_active',
    help: 'Pipeline operators currently running.',
    registers: [registry],
  });
  const operatorDurationSecondsMetric = new Histogram({
    name: 'processor_operator_duration_seconds',
    help: 'Time spent in one operator execution.',
    labelNames: ['operator'] as const,
    buckets: [...durationBuckets],
    registers: [registry],
  });
  const recordEventReceived = (amount = 1): void => {
    eventsReceivedMetric.inc(amount);
  };
  const recordEventProcessed = (result: ResultLabel, amount = 1): void => {
    eventsProcessedMetric.inc({ result }, amount);
  };
  const recordEventProcessingDuration = (result: ResultLabel, seconds: number): void => {
    eventProcessingDurationSecondsMetric.observe({ result }, seconds);
  };
  const setPipelineLag = (seconds: number): void => {
    pipelineLagSecondsMetric.set(seconds);
  };
  const setBackpressureEvents = (value: number): void => {
    backpressureEventsMetric.set(value);
  };
  const recordWindowCreated = (windowType: WindowTypeLabel, amount = 1): void => {
    windowsCreatedMetric.inc({ window_type: windowType }, amount);
  };
  const recordWindowTriggered = (windowType: WindowTypeLabel, amount = 1): void => {
    windowsTriggeredMetric.inc({ window_type: windowType }, amount);
  };
  const setWindowsActive = (windowType: WindowTypeLabel, value: number): void => {
    windowsActiveMetric.set({ window_type: windowType }, value);
  };
  const recordWindowSize = (windowType: WindowTypeLabel, value: number): void => {
    windowSizeEventsMetric.observe({ window_type: windowType }, value);
  };
  const recordLateEvent = (amount = 1): void => {
    lateEventsMetric.inc(amount);
  };
  const recordAggregationComputed = (aggregateType: AggregateTypeLabel, amount = 1): void => {
    aggregationsComputedMetric.inc({ aggregate_type: aggregateType }, amount);
  };
  const recordAggregationDuration = (aggregateType: AggregateTypeLabel, seconds: number): void => {
    aggregationDurationSecondsMetric.observe({ aggregate_type: aggregateType }, seconds);
  };
  const recordAggregationError = (aggregateType: AggregateTypeLabel, amount = 1): void => {
    aggregationErrorsMetric.inc({ aggregate_type: aggregateType }, amount);
  };
  const recordStateOperationCount = (
    operation: OperationLabel,
    backend: BackendLabel,
    amount = 1,
  ): void => {
    stateOperationsMetric.inc({ operation, backend }, amount);
  };
  const recordStateOperationDuration = (
    operation: OperationLabel,
    backend: BackendLabel,
    seconds: number,
  ): void => {
    stateOperationDurationSecondsMetric.observe({ operation, backend }, seconds);
  };
  const recordStateCacheHit = (layer: LayerLabel, amount = 1): void => {
    stateCacheHitsMetric.inc({ layer }, amount);
  };
  const recordStateCacheMiss = (layer: LayerLabel, amount = 1): void => {
    stateCacheMissesMetric.inc({ layer }, amount);
  };
  const setStateSizeBytes = (backend: BackendLabel, bytes: number): void => {
    stateSizeBytesMetric.set({ backend }, bytes);
  };
  const recordStateEviction = (backend: BackendLabel, amount = 1): void => {
    stateEvictionsMetric.inc({ backend }, amount);
  };
  const recordDedupEventChecked = (amount = 1): void => {
    dedupEventsCheckedMetric.inc(amount);
  };
  const recordDedupDuplicateFound = (amount = 1): void => {
    dedupDuplicatesFoundMetric.inc(amount);
  };
  const setDedupCacheSize = (value: number): void => {
    dedupCacheSizeMetric.set(value);
  };
  const recordDedupCacheEviction = (amount = 1): void => {
    dedupCacheEvictionsMetric.inc(amount);
  };
  const recordNormalizationEvent = (amount = 1): void => {
    normalizationEventsMetric.inc(amount);
  };
  const recordNormalizationFill = (strategy: StrategyLabel, amount = 1): void => {
    normalizationFillOperationsMetric.inc({ strategy }, amount);
  };
  const recordNormalizationGapFilled = (amount = 1): void => {
    normalizationGapsFilledMetric.inc(amount);
  };
  const recordNormalizationOutlierDetected = (amount = 1): void => {
    normalizationOutliersDetectedMetric.inc(amount);
  };
  const setWatermarkLag = (seconds: number): void => {
    watermarkLagSecondsMetric.set(seconds);
  };
  const recordWatermarkUpdate = (amount = 1): void => {
    watermarkUpdatesMetric.inc(amount);
  };
  const recordOutOfOrderEvent = (amount = 1): void => {
    outOfOrderEventsMetric.inc(amount);
  };
  const recordKafkaMessageConsumed = (topic: string, partition: number, amount = 1): void => {
    kafkaMessagesConsumedMetric.inc({ topic, partition }, amount);
  };
  const recordKafkaMessageProduced = (topic: string, partition: number, amount = 1): void => {
    kafkaMessagesProducedMetric.inc({ topic, partition }, amount);
  };
  const setKafkaConsumerLag = (topic: string, partition: number, value: number): void => {
    kafkaConsumerLagMetric.set({ topic, partition }, value);
  };
  const recordKafkaOffsetCommitError = (topic: string, partition: number, amount = 1): void => {
    kafkaOffsetCommitErrorsMetric.inc({ topic, partition }, amount);
  };
  const recordPipelineError = (errorType: ErrorTypeLabel, amount = 1): void => {
    pipelineErrorsMetric.inc({ error_type: errorType }, amount);
  };
  const setPipelineOperatorsActive = (value: number): void => {
    pipelineOperatorsActiveMetric.set(value);
  };
  const recordOperatorDuration = (operator: string, seconds: number): void => {
    operatorDurationSecondsMetric.observe({ operator }, seconds);
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
  };
}
