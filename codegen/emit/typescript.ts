import {
  type CodeBlockWriter,
  IndentationText,
  type InterfaceDeclarationStructure,
  type JSDocStructure,
  type MethodSignatureStructure,
  Project,
  QuoteKind,
  type StatementStructures,
  StructureKind,
  VariableDeclarationKind,
} from 'ts-morph';
import type {
  CompositeModel,
  LabelModel,
  MetricModel,
  MetricsModel,
  ParameterModel,
} from '../model.ts';
import { camelCase } from '../names.ts';
import { type GeneratedFile, generatedNotice } from './generated-file.ts';
import { arrayLiteral, docText, numberLiteral, stringLiteral, unionOf } from './ts-syntax.ts';

export const TYPESCRIPT_FILE = 'metrics.ts';

const BLANK_LINE = (writer: CodeBlockWriter) => writer.blankLineIfLastNot();

const PROM_CLIENT_CLASSES = { counter: 'Counter', gauge: 'Gauge', histogram: 'Histogram' } as const;

/**
 * The typed client: label unions and constants, bucket layouts, the recorder interface and the
 * factory. Built from structures in one call, which ts-morph prints in linear time.
 */
export function emitTypeScript(model: MetricsModel): GeneratedFile {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      quoteKind: QuoteKind.Single,
      indentationText: IndentationText.TwoSpaces,
      useTrailingCommas: true,
    },
  });
  const sections: (string | StatementStructures)[][] = [
    [`// ${generatedNotice(model.sourceFile)}`, importStatement(model)],
    ...model.labels.filter((label) => label.kind === 'enum').map(labelStatements),
    model.bucketLayouts.map(bucketStatement),
    [recordersInterface(model)],
    [optionsInterface(model)],
    [factoryFunction(model)],
  ];
  const statements = sections
    .filter((section) => section.length > 0)
    .flatMap((section, i) => (i === 0 ? section : [BLANK_LINE, ...section]));
  const file = project.createSourceFile(TYPESCRIPT_FILE, { statements });
  return { path: TYPESCRIPT_FILE, contents: `${file.getFullText().trimEnd()}\n` };
}

function importStatement(model: MetricsModel): StatementStructures {
  const types = new Set(model.metrics.map((metric) => metric.type));
  const classes = (['counter', 'gauge', 'histogram'] as const)
    .filter((type) => types.has(type))
    .map((type) => PROM_CLIENT_CLASSES[type]);
  return {
    kind: StructureKind.ImportDeclaration,
    moduleSpecifier: 'prom-client',
    namedImports: [
      ...classes,
      { name: 'OpenMetricsContentType', isTypeOnly: true },
      { name: 'PrometheusContentType', isTypeOnly: true },
      { name: 'Registry', isTypeOnly: true },
      'register',
    ],
  };
}

function labelStatements(label: LabelModel): (string | StatementStructures)[] {
  const values = label.values.map((entry) => entry.value);
  return [
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: label.tsType,
      type: unionOf(values),
      docs: [docText(label.description)],
    },
    // A string, not a structure: ts-morph misindents multi-line initializers, and
    // formatText() would cost a third of the whole run.
    [
      `/** The values of the \`${label.name}\` label by name, as in \`${label.tsType}.${label.values[0]?.key}\`. */`,
      `export const ${label.tsType} = {`,
      ...label.values.map((entry) => `  ${entry.key}: ${stringLiteral(entry.value)},`),
      `} as const satisfies Record<string, ${label.tsType}>;`,
    ].join('\n'),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`Every value of the \`${label.name}\` label, in declaration order.`],
      declarations: [
        {
          name: label.valuesConstName,
          type: `readonly ${label.tsType}[]`,
          initializer: arrayLiteral(values.map(stringLiteral)),
        },
      ],
    },
  ];
}

function bucketVariableName(layoutName: string): string {
  return `${camelCase(layoutName)}Buckets`;
}

function bucketStatement(layout: MetricsModel['bucketLayouts'][number]): StatementStructures {
  const description = layout.description ?? `Bucket layout \`${layout.name}\`.`;
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [`${docText(description)} Upper bounds; +Inf is added on exposure.`],
    declarations: [
      {
        name: bucketVariableName(layout.name),
        type: 'readonly number[]',
        initializer: arrayLiteral(layout.bounds.map(numberLiteral)),
      },
    ],
  };
}

function recordersInterface(model: MetricsModel): InterfaceDeclarationStructure {
  const composites = model.groups.flatMap((group) => group.composites);
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name: model.interfaceName,
    docs: [
      `Typed recorders for the \`${model.namespace}\` metrics, one per metric plus composites.`,
    ],
    methods: [...model.metrics.map(metricMethod), ...composites.map(compositeMethod)],
  };
}

function metricMethod(metric: MetricModel): MethodSignatureStructure {
  const unit = metric.unit === undefined ? '' : ` in ${metric.unit}`;
  const buckets =
    metric.bucketLayout === undefined ? '' : `, buckets \`${metric.bucketLayout.name}\``;
  const exposure = `${capitalized(metric.type)} \`${metric.exposedName}\`${unit}${buckets}.`;
  return methodSignature(
    metric.recorderName,
    metric.parameters,
    `${docText(metric.help)}\n\n${exposure}`,
  );
}

function compositeMethod(composite: CompositeModel): MethodSignatureStructure {
  const names = composite.steps.map((step) => `\`${step.metric.exposedName}\``).join(', ');
  return methodSignature(
    composite.name,
    composite.parameters,
    `${docText(composite.help)}\n\nRecords ${names}.`,
  );
}

function methodSignature(
  name: string,
  parameters: readonly ParameterModel[],
  description: string,
): MethodSignatureStructure {
  const docs: JSDocStructure = {
    kind: StructureKind.JSDoc,
    description,
    tags: parameters.map((parameter) => ({
      tagName: 'param',
      text: `${parameter.name} ${docText(parameter.description)}`,
    })),
  };
  return {
    kind: StructureKind.MethodSignature,
    name,
    docs: [docs],
    parameters: parameters.map((parameter) => ({
      name: parameter.name,
      type: parameter.tsType,
      hasQuestionToken: parameter.defaultValue !== undefined,
    })),
    returnType: 'void',
  };
}

function optionsInterface(model: MetricsModel): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name: `${model.interfaceName}Options`,
    properties: [
      {
        name: 'registry',
        type: 'Registry<PrometheusContentType> | Registry<OpenMetricsContentType>',
        hasQuestionToken: true,
        docs: ["Where the metrics are registered; prom-client's global `register` when omitted."],
      },
    ],
  };
}

function factoryFunction(model: MetricsModel): StatementStructures {
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

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
