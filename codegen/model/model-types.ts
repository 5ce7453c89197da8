import type { HistogramKind } from '../promql/series-names.ts';
import type { MetricType } from '../spec/schema.ts';
import type { NativeResolutionModel } from './native-buckets.ts';
import type { AlertModel, QueryModel } from './rule-types.ts';
import type { ScrapeModel } from './rules.ts';
import type { SeriesEstimate } from './series-budget.ts';
import type { SloModel } from './slo.ts';

/*
 * The model's types, apart from the code that builds them (model.ts), which re-exports them.
 */

/**
 * The validated spec with every default resolved and every derived name computed once,
 * so that emitters only read and never decide.
 */
export interface MetricsModel {
  /** The spec's file name, for "generated from" headers. */
  readonly sourceFile: string;
  readonly namespace: string;
  /** `createProcessorMetrics`. */
  readonly factoryName: string;
  /** `ProcessorMetrics`. */
  readonly interfaceName: string;
  /** `ProcessorMetricsOptions`: what the factory takes. */
  readonly optionsName: string;
  /** `ProcessorSeriesSelector`: what `removeSeries` takes, when some metric has free-form labels. */
  readonly selectorName: string;
  readonly labels: readonly LabelModel[];
  readonly bucketLayouts: readonly BucketLayoutModel[];
  readonly groups: readonly GroupModel[];
  /** Every metric in spec order. */
  readonly metrics: readonly MetricModel[];
  readonly queries: readonly QueryModel[];
  readonly alerts: readonly AlertModel[];
  readonly slos: readonly SloModel[];
  readonly scrape: ScrapeModel;
  readonly dashboard: { readonly title: string; readonly uid: string };
  /** Where METRICS.md is published ('' when the spec does not say): runbooks and SLOs link there. */
  readonly runbookBase: string;
}

export interface LabelModel {
  readonly name: string;
  readonly description: string;
  readonly kind: 'enum' | 'free';
  /** Enum values in spec order; empty for free-form labels. */
  readonly values: readonly EnumValueModel[];
  /** Free-form labels: distinct values kept per metric before folding into overflow. */
  readonly maxValues: number | undefined;
  /** TypeScript type of the recorder parameter: the union type's name, `string` or `number`. */
  readonly tsType: string;
  /** Enum labels: the name of the list of all values, `resultLabelValues`. */
  readonly valuesConstName: string;
  /** Enum labels: the generated function from a value to its slot, `resultIndex`. */
  readonly indexFunctionName: string;
  readonly parameterName: string;
}

export interface EnumValueModel {
  readonly value: string;
  /** Key in the const object: `Success`. */
  readonly key: string;
}

export interface BucketLayoutModel {
  readonly name: string;
  readonly description: string | undefined;
  /** Classic upper bounds; empty for a native-only layout (which still has its +Inf bucket). */
  readonly bounds: readonly number[];
  /** Native resolution, when the layout declares one. */
  readonly native: NativeResolutionModel | undefined;
  /** Which series Prometheus stores: classic `_bucket`s, native histograms, or either. */
  readonly kind: HistogramKind;
  /** Full names of the histograms using it. */
  readonly usedBy: readonly string[];
  /** The exported bounds, `durationBuckets`; its native resolution, `durationNative`. */
  readonly constName: string;
  readonly nativeConstName: string;
  /** The generated function from an observation to its bucket, `durationBucket`. */
  readonly bucketFunctionName: string;
}

export interface ParameterModel {
  readonly name: string;
  readonly tsType: string;
  readonly description: string;
  /** A default makes the parameter optional: counters increment by 1. */
  readonly defaultValue?: string;
}

export interface MetricModel {
  /** As declared, without namespace: `events_received`. */
  readonly name: string;
  /** Namespace applied: `processor_events_received`. */
  readonly fullName: string;
  /** As it appears on the wire: counters gain `_total`. */
  readonly exposedName: string;
  readonly type: MetricType;
  readonly help: string;
  readonly unit: string | undefined;
  readonly labels: readonly LabelModel[];
  readonly bucketLayout: BucketLayoutModel | undefined;
  readonly groupId: string;
  readonly recorderName: string;
  /** Label parameters in declaration order, then the value (or the optional increment). */
  readonly parameters: readonly ParameterModel[];
  /** Identifier for the metric inside the generated factory. */
  readonly variableName: string;
  /** Metrics with free-form labels: the recorders that create and remove a value's series. */
  readonly lifecycle: LifecycleModel | undefined;
  /** Gauges: how dashboards combine series across instances. */
  readonly aggregate: 'sum' | 'max' | 'min' | 'avg';
  /** Counters and histograms: the recorder takes an optional exemplar. */
  readonly exemplars: boolean;
  /** The most series it can expose, and what multiplies into that. */
  readonly seriesEstimate: SeriesEstimate;
}

/** `initKafkaConsumerLag` and `removeKafkaConsumerLag`, beside the recorder `setKafkaConsumerLag`. */
export interface LifecycleModel {
  readonly init: string;
  readonly remove: string;
}

export interface CompositeStepModel {
  readonly metric: MetricModel;
  /** Name of the boolean parameter that gates this step. */
  readonly when: string | undefined;
}

export interface CompositeModel {
  readonly name: string;
  readonly help: string;
  readonly steps: readonly CompositeStepModel[];
  readonly parameters: readonly ParameterModel[];
}

export interface GroupModel {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly anchor: string;
  readonly metrics: readonly MetricModel[];
  readonly composites: readonly CompositeModel[];
}
