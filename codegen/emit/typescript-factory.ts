import type {
  CompositeModel,
  LabelModel,
  MetricModel,
  MetricsModel,
  ParameterModel,
} from '../model/model.ts';
import { arrayLiteral, stringLiteral } from './ts-syntax.ts';
import { type CodeBlockWriter, type Statement, writeDoc } from './ts-writer.ts';
import {
  lifecycleReturnNames,
  writeLifecycleRecorders,
  writeRemoveSeries,
} from './typescript-lifecycle.ts';
import {
  compositeParameters,
  EXEMPLAR_PARAMETER,
  familyMethod,
  familyOptionLines,
  recorderParameters,
} from './typescript-native.ts';

/**
 * The factory `create<Namespace>Metrics`: registers each metric and returns its recorders.
 * Per-metric recorders are local functions and composites call them, so the storage behind a
 * recorder can change without touching the recorder interface or the composites.
 */
export function factoryFunction(model: MetricsModel): Statement {
  const description = [
    `Registers every \`${model.namespace}\` metric in the registry and returns its typed recorders.`,
    'Call it once per registry: registering the same names twice throws, before anything is registered.',
    '@example',
    `const metrics = ${model.factoryName}({ registry: new Registry() });`,
    exampleCall(model),
  ];
  return (writer) => {
    writeDoc(writer, description.join('\n'));
    writer
      .write(
        `export function ${model.factoryName}(options: ${model.optionsName} = {}): ${model.interfaceName}`,
      )
      .block(() => writeFactoryBody(writer, model));
  };
}

/** A call that compiles, preferring a metric with labels since it shows more of the API. */
function exampleCall(model: MetricsModel): string {
  const metric = model.metrics.find((m) => m.labels.length > 0) ?? model.metrics[0];
  if (metric === undefined) return '';
  const labels = metric.labels.map((label) => {
    const first = label.values[0];
    if (first !== undefined) return `${label.tsType}.${first.key}`;
    return label.tsType === 'number' ? '0' : "'example'";
  });
  const value = metric.type === 'counter' ? [] : ['1'];
  return `metrics.${metric.recorderName}(${[...labels, ...value].join(', ')});`;
}

function writeFactoryBody(writer: CodeBlockWriter, model: MetricsModel): void {
  writer.writeLine(
    `const set = new MetricSet({ registry: options.registry, namespace: ${stringLiteral(model.namespace)} });`,
  );
  for (const metric of model.metrics) writeFamilyDeclaration(writer, metric);
  writer.writeLine('set.register();');
  for (const metric of model.metrics) writeMetricRecorder(writer, metric);
  const composites = model.groups.flatMap((group) => group.composites);
  for (const composite of composites) writeCompositeRecorder(writer, composite);
  for (const metric of model.metrics) writeLifecycleRecorders(writer, metric);
  writeRemoveSeries(writer, model);
  writer.write('return ').inlineBlock(() => {
    for (const name of [
      ...model.metrics.map((m) => m.recorderName),
      ...composites.map((c) => c.name),
      ...lifecycleReturnNames(model),
    ]) {
      writer.writeLine(`${name},`);
    }
  });
  writer.write(';');
}

function writeFamilyDeclaration(writer: CodeBlockWriter, metric: MetricModel): void {
  writer.write(`const ${metric.variableName} = set.${familyMethod(metric)}(`).inlineBlock(() => {
    writer.writeLine(`name: ${stringLiteral(metric.exposedName)},`);
    writer.writeLine(`help: ${stringLiteral(metric.help)},`);
    if (metric.unit !== undefined) writer.writeLine(`unit: ${stringLiteral(metric.unit)},`);
    if (metric.labels.length > 0) {
      writer.writeLine(`labels: ${arrayLiteral(metric.labels.map(labelDefinition))},`);
    }
    if (metric.bucketLayout !== undefined) {
      writer.writeLine(`buckets: ${metric.bucketLayout.constName},`);
    }
    for (const line of familyOptionLines(metric)) writer.writeLine(line);
    // How threads and cluster workers combine the gauge (src/multicore/); sum when omitted.
    if (metric.type === 'gauge' && metric.aggregate !== 'sum') {
      writer.writeLine(`aggregate: ${stringLiteral(metric.aggregate)},`);
    }
  });
  writer.write(');').newLine();
}

function labelDefinition(label: LabelModel): string {
  const name = `name: ${stringLiteral(label.name)}`;
  if (label.kind === 'enum') return `{ ${name}, values: ${label.valuesConstName} }`;
  const kind = label.tsType === 'number' ? 'integer' : 'string';
  return `{ ${name}, maxValues: ${label.maxValues ?? 0}, kind: '${kind}' }`;
}

const RECORD_METHOD = { counter: 'inc', gauge: 'set', histogram: 'observe' } as const;

function writeMetricRecorder(writer: CodeBlockWriter, metric: MetricModel): void {
  const value = metric.parameters.at(-1)?.name ?? 'value';
  writer
    .write(`const ${metric.recorderName} = ${parameterList(recorderParameters(metric))}: void =>`)
    .space()
    .inlineBlock(() => {
      const series = seriesExpression(metric);
      const layout = metric.bucketLayout;
      // Native and exemplar histograms find their buckets themselves, from one index computed
      // from the value's bits; a classic one gets its bucket from the layout's search function.
      const bucket =
        layout === undefined || familyMethod(metric) !== 'histogram'
          ? ''
          : `${layout.bucketFunctionName}(${value}), `;
      const exemplar = metric.exemplars ? `, ${EXEMPLAR_PARAMETER.name}` : '';
      writer.writeLine(
        `${metric.variableName}.${RECORD_METHOD[metric.type]}(${series}, ${bucket}${value}${exemplar});`,
      );
    });
  writer.write(';').newLine();
}

/**
 * The series a call records into: a fixed slot computed from enum indexes, plus, for free-form
 * labels, the first series of their combination found by the family's index.
 */
function seriesExpression(metric: MetricModel): string {
  const enumLabels = metric.labels.filter((label) => label.kind === 'enum');
  const freeLabels = metric.labels.filter((label) => label.kind === 'free');
  let slot = '';
  for (const label of enumLabels) {
    const index = `${label.indexFunctionName}(${label.parameterName})`;
    slot = slot === '' ? index : `combineSlots(${slot}, ${index}, ${label.values.length})`;
  }
  if (freeLabels.length === 0) return slot === '' ? '0' : slot;
  const values = freeLabels.map((label) => label.parameterName);
  const slotArgument = slot === '' ? '' : `, ${slot}`;
  if (values.length <= 2) {
    const method = values.length === 1 ? 'seriesOf' : 'seriesOf2';
    return `${metric.variableName}.${method}(${values.join(', ')}${slotArgument})`;
  }
  return `${metric.variableName}.seriesOfAll(${arrayLiteral(values)}${slotArgument})`;
}

function writeCompositeRecorder(writer: CodeBlockWriter, composite: CompositeModel): void {
  writer
    .write(`const ${composite.name} = ${parameterList(compositeParameters(composite))}: void =>`)
    .space()
    .inlineBlock(() => {
      for (const step of composite.steps) {
        const labels = step.metric.labels.map((label) => label.parameterName);
        // A counter adds 1; its amount is written out only when an exemplar follows it.
        const counterAmount = step.metric.exemplars ? ['1'] : [];
        const value =
          step.metric.type === 'counter'
            ? counterAmount
            : [step.metric.parameters.at(-1)?.name ?? 'value'];
        const exemplar = step.metric.exemplars ? [EXEMPLAR_PARAMETER.name] : [];
        const call = `${step.metric.recorderName}(${[...labels, ...value, ...exemplar].join(', ')});`;
        writer.writeLine(step.when === undefined ? call : `if (${step.when}) ${call}`);
      }
    });
  writer.write(';').newLine();
}

function parameterList(parameters: readonly ParameterModel[]): string {
  const list = parameters.map((parameter) =>
    parameter.defaultValue !== undefined
      ? `${parameter.name} = ${parameter.defaultValue}`
      : `${parameter.name}${'optional' in parameter ? '?' : ''}: ${parameter.tsType}`,
  );
  return `(${list.join(', ')})`;
}
