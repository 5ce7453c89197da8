import type {
  CodeBlockWriter,
  InterfaceDeclarationStructure,
  JSDocStructure,
  MethodSignatureStructure,
  StatementStructures,
} from 'ts-morph';
import type {
  BucketLayoutModel,
  CompositeModel,
  LabelModel,
  MetricModel,
  MetricsModel,
  ParameterModel,
} from '../model/model.ts';
import { RUNTIME_RANGE } from '../versions.ts';
import { type GeneratedFile, generatedNotice } from './generated-file.ts';
import {
  IndentationText,
  Project,
  QuoteKind,
  StructureKind,
  VariableDeclarationKind,
} from './ts-morph.ts';
import { arrayLiteral, docText, numberLiteral, stringLiteral, unionOf } from './ts-syntax.ts';
import { bucketVariableName, factoryFunction } from './typescript-factory.ts';
import {
  hasFreeLabels,
  lifecycleMethods,
  removeSeriesMethod,
  selectorInterface,
  specHasFreeLabels,
} from './typescript-lifecycle.ts';
import { bucketIndexFunction, enumIndexFunction } from './typescript-lookups.ts';
import {
  familyMethod,
  hasClassicBounds,
  nativeStatement,
  nativeTypeImports,
  recorderParameters,
} from './typescript-native.ts';

export const TYPESCRIPT_FILE = 'metrics.ts';

const BLANK_LINE = (writer: CodeBlockWriter) => writer.blankLineIfLastNot();

/**
 * The typed client: label unions and constants, bucket layouts, the recorder interface and the
 * factory. Built from structures in one call, which ts-morph prints in linear time.
 */
export function emitTypeScript(model: MetricsModel, runtimeModule: string): GeneratedFile {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      quoteKind: QuoteKind.Single,
      indentationText: IndentationText.TwoSpaces,
      useTrailingCommas: true,
    },
  });
  const sections: (string | StatementStructures)[][] = [
    [`// ${generatedNotice(model.sourceFile)}`, importStatement(model, runtimeModule)],
    [versionCheck(model)],
    ...model.labels.filter((label) => label.kind === 'enum').map(labelStatements),
    model.bucketLayouts.flatMap((layout) => [bucketStatement(layout), ...nativeStatement(layout)]),
    specHasFreeLabels(model) ? [selectorInterface(model)] : [],
    [recordersInterface(model)],
    [optionsInterface(model)],
    usedEnumLabels(model).map(enumIndexFunction),
    usedBucketLayouts(model).map(bucketIndexFunction),
    [factoryFunction(model)],
  ];
  const statements = sections
    .filter((section) => section.length > 0)
    .flatMap((section, i) => (i === 0 ? section : [BLANK_LINE, ...section]));
  const file = project.createSourceFile(TYPESCRIPT_FILE, { statements });
  return { path: TYPESCRIPT_FILE, contents: `${file.getFullText().trimEnd()}\n` };
}

function importStatement(model: MetricsModel, runtimeModule: string): StatementStructures {
  const usesEnums = model.metrics.some(
    (metric) => metric.labels.filter((label) => label.kind === 'enum').length > 1,
  );
  return {
    kind: StructureKind.ImportDeclaration,
    moduleSpecifier: runtimeModule,
    // In Biome's order (by name, case aside), so the formatted output needs no reordering.
    namedImports: [
      { name: 'checkRuntimeVersion' },
      ...(usesEnums ? [{ name: 'combineSlots' }] : []),
      ...nativeTypeImports(model).map((name) => ({ name, isTypeOnly: true })),
      { name: 'MetricSet' },
      { name: 'MetricsRegistry', isTypeOnly: true },
    ].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase())),
  };
}

/** Fails at import, naming both versions, when the installed runtime is not one this code fits. */
function versionCheck(model: MetricsModel): string {
  return `checkRuntimeVersion(${stringLiteral(RUNTIME_RANGE)}, ${stringLiteral(model.sourceFile)});`;
}

/**
 * Bucket layouts that some classic histogram uses, in spec order: each gets a bucket function.
 * Native and exemplar histograms locate their buckets in the runtime.
 */
function usedBucketLayouts(model: MetricsModel): BucketLayoutModel[] {
  const classic = new Set(
    model.metrics
      .filter((metric) => familyMethod(metric) === 'histogram')
      .map((metric) => metric.bucketLayout?.name),
  );
  return model.bucketLayouts.filter(
    (layout) => classic.has(layout.name) && hasClassicBounds(layout),
  );
}

/** Enum labels that some metric uses, in spec order: each gets a slot function. */
function usedEnumLabels(model: MetricsModel): LabelModel[] {
  const used = new Set(model.metrics.flatMap((metric) => metric.labels.map((label) => label.name)));
  return model.labels.filter((label) => label.kind === 'enum' && used.has(label.name));
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
    methods: [
      ...model.metrics.map(metricMethod),
      ...composites.map(compositeMethod),
      ...model.metrics.filter(hasFreeLabels).flatMap(lifecycleMethods),
      ...(specHasFreeLabels(model) ? [removeSeriesMethod(model)] : []),
    ],
  };
}

function metricMethod(metric: MetricModel): MethodSignatureStructure {
  const unit = metric.unit === undefined ? '' : ` in ${metric.unit}`;
  const buckets =
    metric.bucketLayout === undefined ? '' : `, buckets \`${metric.bucketLayout.name}\``;
  const exposure = `${capitalized(metric.type)} \`${metric.exposedName}\`${unit}${buckets}.`;
  return methodSignature(
    metric.recorderName,
    recorderParameters(metric),
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
      hasQuestionToken: parameter.defaultValue !== undefined || 'optional' in parameter,
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
        type: 'MetricsRegistry',
        hasQuestionToken: true,
        docs: ["Where the metrics are registered; prom-client's global `register` when omitted."],
      },
    ],
  };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
