/**
 * The runtime behind generated metrics modules and the `/metrics`, `/health` and `/ready`
 * endpoints. Runtime-neutral: the Node, Bun and Deno servers live in `node.ts`, `bun.ts` and
 * `deno.ts` beside this file.
 */
export { authFromEnv, type MetricsAuth, MetricsAuthError } from './app/auth.ts';
export { createMetricsApp, type MetricsAppOptions } from './app/create-metrics-app.ts';
export {
  Readiness,
  type ReadinessCheck,
  type ReadinessOutcome,
  type ReadinessReport,
} from './app/readiness.ts';
export { CONTENT_TYPES, type ExpositionFormat } from './exposition/text-format.ts';
export { CounterFamily } from './families/counter-family.ts';
export { type Exemplar, MAX_EXEMPLAR_CHARACTERS } from './families/exemplar.ts';
export { ExemplarCounterFamily } from './families/exemplar-counter-family.ts';
export { type FamilyDefinition, MetricFamily } from './families/family.ts';
export { OVERFLOW_VALUE } from './families/free-labels.ts';
export { GaugeFamily } from './families/gauge-family.ts';
export { HistogramFamily } from './families/histogram-family.ts';
export { combineSlots, type LabelDefinition } from './families/labels.ts';
export {
  type NativeHistogramDefinition,
  NativeHistogramFamily,
} from './families/native-histogram-family.ts';
export type { NativeResolution } from './families/native-region.ts';
export { REJECTION_REASONS, type RejectionReason } from './families/rejections.ts';
export type { SeriesSelector } from './families/remove-matching.ts';
export { MetricSet, type MetricSetOptions } from './metric-set.ts';
export {
  ClusterMetricsHub,
  type ClusterMetricsOptions,
  combineClusterMetrics,
} from './multicore/cluster-primary.ts';
export {
  type ShareClusterMetricsOptions,
  shareClusterMetrics,
} from './multicore/cluster-worker.ts';
export { combineThreadMetrics, ThreadMetricsHub } from './multicore/thread-hub.ts';
export type { ThreadMetricsData } from './multicore/thread-protocol.ts';
export { shareThreadMetrics } from './multicore/thread-worker.ts';
export type { MetricsRegistry } from './registry.ts';
export { negotiateFormat, type ScrapeFormat } from './scrape/negotiate.ts';
export { PROTOBUF_CONTENT_TYPE, renderProtobuf } from './scrape/protobuf.ts';
export { renderMetrics } from './scrape/render.ts';
export { MetricsServerError } from './server/listen-options.ts';
export type { MetricsServer, MetricsServerOptions } from './server/server-options.ts';
export { checkRuntimeVersion, RUNTIME_VERSION } from './version.ts';
