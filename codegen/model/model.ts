import type { HistogramKind } from '../promql/catalog.ts';
import type {
  CompositeSpec,
  LabelDefinition,
  MetricSpec,
  MetricsSpec,
  MetricType,
} from '../spec/schema.ts';
import { bucketBounds } from './buckets.ts';
import {
  anchorOf,
  camelCase,
  defaultRecorderName,
  enumKey,
  labelParameterName,
  lifecycleNames,
  pascalCase,
  valueParameterName,
} from './names.ts';
import { layoutKind, type NativeResolutionModel, nativeResolutionModel } from './native-buckets.ts';
import {
  type AlertModel,
  type QueryModel,
  rulesModel,
  type ScrapeModel,
  scrapeModel,
} from './rules.ts';
import type { SloModel } from './slo.ts';

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

export type {
  AlertModel,
  AlertTestModel,
  QueryModel,
  ScrapeModel,
  TestSeriesModel,
} from './rules.ts';
export type { SloModel } from './slo.ts';

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

export function buildModel(spec: MetricsSpec, sourceFile: string): MetricsModel {
  const labels = Object.entries(spec.labels ?? {}).map(([name, definition]) =>
    labelModel(name, definition),
  );
  const labelByName = new Map(labels.map((label) => [label.name, label]));
  const histogramsByLayout = new Map<string, string[]>();
  for (const metric of spec.groups.flatMap((group) => group.metrics)) {
    if (metric.buckets === undefined) continue;
    const users = histogramsByLayout.get(metric.buckets) ?? [];
    users.push(`${spec.namespace}_${metric.name}`);
    histogramsByLayout.set(metric.buckets, users);
  }
  const bucketLayouts = Object.entries(spec.buckets ?? {}).map(([name, layout]) => {
    const bounds = bucketBounds(layout);
    const native = layout.native && nativeResolutionModel(layout.native);
    const kind = layoutKind(layout);
    return {
      name,
      description: layout.description,
      bounds,
      native,
      kind,
      usedBy: histogramsByLayout.get(name) ?? [],
      constName: `${camelCase(name)}Buckets`,
      nativeConstName: `${camelCase(name)}Native`,
      bucketFunctionName: `${camelCase(name)}Bucket`,
    } satisfies BucketLayoutModel;
  });
  const layoutByName = new Map(bucketLayouts.map((layout) => [layout.name, layout]));
  const context = { namespace: spec.namespace, labelByName, layoutByName };

  const groups = spec.groups.map((group): GroupModel => {
    const metrics = group.metrics.map((metric) => metricModel(metric, group.id, context));
    return {
      id: group.id,
      title: group.title,
      description: group.description,
      anchor: anchorOf(group.title),
      metrics,
      composites: [],
    };
  });
  const metrics = groups.flatMap((group) => group.metrics);
  const metricByName = new Map(metrics.map((metric) => [metric.name, metric]));
  const withComposites = groups.map((group, g) => ({
    ...group,
    composites: (spec.groups[g]?.composites ?? []).map((composite) =>
      compositeModel(composite, metricByName),
    ),
  }));
  const pascalNamespace = pascalCase(spec.namespace);
  return {
    sourceFile,
    namespace: spec.namespace,
    factoryName: `create${pascalNamespace}Metrics`,
    interfaceName: `${pascalNamespace}Metrics`,
    optionsName: `${pascalNamespace}MetricsOptions`,
    selectorName: `${pascalNamespace}SeriesSelector`,
    labels,
    bucketLayouts,
    groups: withComposites,
    metrics,
    ...rulesModel(spec),
    scrape: scrapeModel(spec),
    runbookBase: spec.runbook_url ?? '',
    dashboard: {
      title: spec.dashboard?.title ?? `${pascalNamespace} metrics`,
      uid: spec.dashboard?.uid ?? `${spec.namespace.slice(0, 32)}-metrics`.replace(/_/g, '-'),
    },
  };
}

function labelModel(name: string, definition: LabelDefinition): LabelModel {
  const isEnum = definition.values !== undefined;
  return {
    name,
    description: definition.description,
    kind: isEnum ? 'enum' : 'free',
    values: (definition.values ?? []).map((value) => ({ value, key: enumKey(value) })),
    maxValues: definition.max_values,
    tsType: isEnum
      ? `${pascalCase(name)}Label`
      : definition.type === 'integer'
        ? 'number'
        : 'string',
    valuesConstName: `${camelCase(name)}LabelValues`,
    indexFunctionName: `${camelCase(name)}Index`,
    parameterName: labelParameterName(name),
  };
}

interface ModelContext {
  readonly namespace: string;
  readonly labelByName: ReadonlyMap<string, LabelModel>;
  readonly layoutByName: ReadonlyMap<string, BucketLayoutModel>;
}

function metricModel(metric: MetricSpec, groupId: string, context: ModelContext): MetricModel {
  const fullName = `${context.namespace}_${metric.name}`;
  const labels = (metric.labels ?? []).map((name) => mustGet(context.labelByName, name));
  const recorderName = metric.recorder ?? defaultRecorderName(metric.name, metric.type);
  return {
    name: metric.name,
    fullName,
    exposedName: metric.type === 'counter' ? `${fullName}_total` : fullName,
    type: metric.type,
    help: metric.help.trim(),
    unit: metric.unit,
    labels,
    bucketLayout:
      metric.buckets === undefined ? undefined : mustGet(context.layoutByName, metric.buckets),
    groupId,
    recorderName,
    parameters: [...labels.map(labelParameter), valueParameter(metric)],
    variableName: `${camelCase(metric.name)}Metric`,
    lifecycle: labels.some((label) => label.kind === 'free')
      ? lifecycleNames(recorderName)
      : undefined,
    aggregate: metric.aggregate ?? 'sum',
    exemplars: metric.exemplars === true,
  };
}

function labelParameter(label: LabelModel): ParameterModel {
  return { name: label.parameterName, tsType: label.tsType, description: label.description };
}

function valueParameter(metric: MetricSpec): ParameterModel {
  if (metric.type === 'counter') {
    return {
      name: 'amount',
      tsType: 'number',
      description: 'How much to add; 1 when omitted.',
      defaultValue: '1',
    };
  }
  const unit = metric.unit === undefined ? '' : `, in ${metric.unit}`;
  const verb = metric.type === 'gauge' ? 'The current value' : 'The observed value';
  return {
    name: valueParameterName(metric.unit),
    tsType: 'number',
    description: `${verb}${unit}.`,
  };
}

function compositeModel(
  composite: CompositeSpec,
  metricByName: ReadonlyMap<string, MetricModel>,
): CompositeModel {
  const steps = composite.records.map((step) => ({
    metric: mustGet(metricByName, step.metric),
    when: step.when,
  }));
  const parameters = new Map<string, ParameterModel>();
  for (const { metric } of steps) {
    for (const label of metric.labels) parameters.set(label.parameterName, labelParameter(label));
  }
  for (const { metric } of steps) {
    const value = metric.parameters.at(-1);
    if (metric.type !== 'counter' && value !== undefined) parameters.set(value.name, value);
  }
  for (const { metric, when } of steps) {
    if (when === undefined) continue;
    const description = `Whether to record \`${metric.exposedName}\` too.`;
    parameters.set(when, { name: when, tsType: 'boolean', description });
  }
  return {
    name: composite.name,
    help: composite.help.trim(),
    steps,
    parameters: [...parameters.values()],
  };
}

/** The validator has already proved every reference resolves. */
function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`internal error: unresolved reference ${String(key)}`);
  return value;
}
