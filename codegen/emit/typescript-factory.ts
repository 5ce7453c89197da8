import type { CodeBlockWriter, StatementStructures } from 'ts-morph';
import { StructureKind } from 'ts-morph';
import type {
  CompositeModel,
  LabelModel,
  MetricModel,
  MetricsModel,
  ParameterModel,
} from '../model.ts';
import { camelCase } from '../names.ts';
import { arrayLiteral, stringLiteral } from './ts-syntax.ts';

/**
 * The factory `create<Namespace>Metrics`: registers each metric and returns its recorders.
 * Per-metric recorders are local functions and composites call them, so the storage behind a
 * recorder can change without touching the recorder interface or the composites.
 */

export const PROM_CLIENT_CLASSES = {
  counter: 'Counter',
  gauge: 'Gauge',
  histogram: 'Histogram',
} as const;

export function bucketVariableName(layoutName: string): string {
  return `${camelCase(layoutName)}Buckets`;
}

export function factoryFunction(model: MetricsModel): StatementStructures {
  return {
    kind: StructureKind.Function,
    isExported: true,
    name: model.factoryName,
    docs: [
      {
        description: `Registers every \`${model.namespace}\` metric in the registry and returns its typed recorders.\nCall it once per registry: prom-client rejects a second registration of the same name.`,
        tags: [
          {
            tagName: 'example',
            text: `\nconst metrics = ${model.factoryName}({ registry: new Registry() });\n${exampleCall(model)}`,
          },
        ],
      },
    ],
    parameters: [{ name: 'options', type: `${model.interfaceName}Options`, initializer: '{}' }],
    returnType: model.interfaceName,
    statements: (writer) => writeFactoryBody(writer, model),
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
  writer.writeLine('const registry = options.registry ?? register;');
  for (const metric of model.metrics) writeMetricDeclaration(writer, metric);
  for (const metric of model.metrics) writeMetricRecorder(writer, metric);
  const composites = model.groups.flatMap((group) => group.composites);
  for (const composite of composites) writeCompositeRecorder(writer, composite);
  writer.write('return ').inlineBlock(() => {
    for (const name of [
      ...model.metrics.map((m) => m.recorderName),
      ...composites.map((c) => c.name),
    ]) {
      writer.writeLine(`${name},`);
    }
  });
  writer.write(';');
}

function writeMetricDeclaration(writer: CodeBlockWriter, metric: MetricModel): void {
  writer
    .write(`const ${metric.variableName} = new ${PROM_CLIENT_CLASSES[metric.type]}(`)
    .inlineBlock(() => {
      writer.writeLine(`name: ${stringLiteral(metric.exposedName)},`);
      writer.writeLine(`help: ${stringLiteral(metric.help)},`);
      if (metric.labels.length > 0) {
        writer.writeLine(
          `labelNames: ${arrayLiteral(metric.labels.map((l) => stringLiteral(l.name)))} as const,`,
        );
      }
      if (metric.bucketLayout !== undefined) {
        writer.writeLine(`buckets: [...${bucketVariableName(metric.bucketLayout.name)}],`);
      }
      writer.writeLine('registers: [registry],');
    });
  writer.write(');').newLine();
}

function writeMetricRecorder(writer: CodeBlockWriter, metric: MetricModel): void {
  const value = metric.parameters.at(-1)?.name ?? 'value';
  const labels = metric.labels.length === 0 ? '' : `${labelObject(metric.labels)}, `;
  const call = metric.type === 'counter' ? 'inc' : metric.type === 'gauge' ? 'set' : 'observe';
  writer
    .write(`const ${metric.recorderName} = ${parameterList(metric.parameters)}: void =>`)
    .space()
    .inlineBlock(() => {
      writer.writeLine(`${metric.variableName}.${call}(${labels}${value});`);
    });
  writer.write(';').newLine();
}

function writeCompositeRecorder(writer: CodeBlockWriter, composite: CompositeModel): void {
  writer
    .write(`const ${composite.name} = ${parameterList(composite.parameters)}: void =>`)
    .space()
    .inlineBlock(() => {
      for (const step of composite.steps) {
        const labels = step.metric.labels.map((label) => label.parameterName);
        const value =
          step.metric.type === 'counter' ? [] : [step.metric.parameters.at(-1)?.name ?? 'value'];
        const call = `${step.metric.recorderName}(${[...labels, ...value].join(', ')});`;
        writer.writeLine(step.when === undefined ? call : `if (${step.when}) ${call}`);
      }
    });
  writer.write(';').newLine();
}

function labelObject(labels: readonly LabelModel[]): string {
  const entries = labels.map((label) =>
    label.name === label.parameterName ? label.name : `${label.name}: ${label.parameterName}`,
  );
  return `{ ${entries.join(', ')} }`;
}

function parameterList(parameters: readonly ParameterModel[]): string {
  const list = parameters.map((parameter) =>
    parameter.defaultValue === undefined
      ? `${parameter.name}: ${parameter.tsType}`
      : `${parameter.name} = ${parameter.defaultValue}`,
  );
  return `(${list.join(', ')})`;
}
