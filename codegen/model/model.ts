import { exposedName, namespacedName } from '../promql/series-names.ts';
import type { CompositeSpec, LabelDefinition, MetricSpec } from '../spec/schema.ts';
import { mustGet, type SpecFacts, type ValidSpec } from './facts.ts';
import type {
  BucketLayoutModel,
  CompositeModel,
  GroupModel,
  LabelModel,
  MetricModel,
  MetricsModel,
  ParameterModel,
} from './model-types.ts';
import {
  anchorOf,
  camelCase,
  enumKey,
  labelParameterName,
  lifecycleNames,
  pascalCase,
  valueParameterName,
} from './names.ts';
import { nativeResolutionModel } from './native-buckets.ts';
import { rulesModel, scrapeModel } from './rules.ts';

export type * from './model-types.ts';
export type {
  AlertModel,
  AlertTestModel,
  QueryModel,
  ScrapeModel,
  TestSeriesModel,
} from './rules.ts';
export type { SloModel } from './slo.ts';

/** The model of a spec the validator accepted, from the spec and what validation resolved. */
export function buildModel({ spec, facts }: ValidSpec, sourceFile: string): MetricsModel {
  const labels = Object.entries(spec.labels ?? {}).map(([name, definition]) =>
    labelModel(name, definition),
  );
  const labelByName = new Map(labels.map((label) => [label.name, label]));
  const histogramsByLayout = new Map<string, string[]>();
  for (const metric of spec.groups.flatMap((group) => group.metrics)) {
    if (metric.buckets === undefined) continue;
    const users = histogramsByLayout.get(metric.buckets) ?? [];
    users.push(namespacedName(spec.namespace, metric.name));
    histogramsByLayout.set(metric.buckets, users);
  }
  const bucketLayouts = Object.entries(spec.buckets ?? {}).map(([name, layout]) => {
    const { bounds, kind } = mustGet(facts.layouts, name);
    return {
      name,
      description: layout.description,
      bounds,
      native: layout.native && nativeResolutionModel(layout.native),
      kind,
      usedBy: histogramsByLayout.get(name) ?? [],
      constName: `${camelCase(name)}Buckets`,
      nativeConstName: `${camelCase(name)}Native`,
      bucketFunctionName: `${camelCase(name)}Bucket`,
    } satisfies BucketLayoutModel;
  });
  const layoutByName = new Map(bucketLayouts.map((layout) => [layout.name, layout]));
  const context = { namespace: spec.namespace, labelByName, layoutByName, facts };

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
  const scrape = scrapeModel(spec, facts.scrapeJob);
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
    ...rulesModel(spec, facts, scrape.testTarget),
    scrape,
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
  readonly facts: SpecFacts;
}

function metricModel(metric: MetricSpec, groupId: string, context: ModelContext): MetricModel {
  const fullName = namespacedName(context.namespace, metric.name);
  const labels = (metric.labels ?? []).map((name) => mustGet(context.labelByName, name));
  const recorderName = mustGet(context.facts.recorders, metric.name);
  return {
    name: metric.name,
    fullName,
    exposedName: exposedName(fullName, metric.type),
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
    seriesEstimate: mustGet(context.facts.seriesEstimates, metric.name),
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
