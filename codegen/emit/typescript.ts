import type { BucketLayoutModel, LabelModel, MetricsModel } from '../model/model.ts';
import { RUNTIME_RANGE } from '../versions.ts';
import { type GeneratedFile, generatedNotice } from './generated-file.ts';
import { arrayLiteral, docText, numberLiteral, stringLiteral, unionOf } from './ts-syntax.ts';
import { type Statement, writeDoc, writeSections } from './ts-writer.ts';
import { factoryFunction } from './typescript-factory.ts';
import { optionsInterface, recordersInterface } from './typescript-interface.ts';
import { selectorInterface, specHasFreeLabels } from './typescript-lifecycle.ts';
import { bucketIndexFunction, enumIndexFunction } from './typescript-lookups.ts';
import {
  familyMethod,
  hasClassicBounds,
  nativeStatement,
  nativeTypeImports,
} from './typescript-native.ts';

export const TYPESCRIPT_FILE = 'metrics.ts';

/**
 * The typed client: label unions and constants, bucket layouts, the recorder interface and the
 * factory, in sections one blank line apart; each function is a section of its own.
 */
export function emitTypeScript(model: MetricsModel, runtimeModule: string): GeneratedFile {
  const contents = writeSections([
    [header(model), importStatement(model, runtimeModule)],
    [versionCheck(model)],
    ...model.labels.filter((label) => label.kind === 'enum').map(labelStatements),
    model.bucketLayouts.flatMap((layout) => [bucketStatement(layout), ...nativeStatement(layout)]),
    specHasFreeLabels(model) ? [selectorInterface(model)] : [],
    [recordersInterface(model)],
    [optionsInterface(model)],
    ...usedEnumLabels(model).map((label) => [enumIndexFunction(label)]),
    ...usedBucketLayouts(model).map((layout) => [bucketIndexFunction(layout)]),
    [factoryFunction(model)],
  ]);
  return { path: TYPESCRIPT_FILE, contents };
}

function header(model: MetricsModel): Statement {
  return (writer) => writer.writeLine(`// ${generatedNotice(model.sourceFile)}`);
}

function importStatement(model: MetricsModel, runtimeModule: string): Statement {
  const usesEnums = model.metrics.some(
    (metric) => metric.labels.filter((label) => label.kind === 'enum').length > 1,
  );
  // In Biome's order (by name, case aside), so the formatted output needs no reordering. Plain
  // comparison of these ASCII names, not localeCompare: its first call loads ICU's collator.
  const names = [
    'checkRuntimeVersion',
    ...(usesEnums ? ['combineSlots'] : []),
    ...nativeTypeImports(model).map((name) => `type ${name}`),
    'MetricSet',
    'type MetricsRegistry',
  ].sort((a, b) => (bareName(a) < bareName(b) ? -1 : 1));
  return (writer) =>
    writer.writeLine(`import { ${names.join(', ')} } from ${stringLiteral(runtimeModule)};`);
}

function bareName(specifier: string): string {
  return specifier.replace(/^type /, '').toLowerCase();
}

/** Fails at import, naming both versions, when the installed runtime is not one this code fits. */
function versionCheck(model: MetricsModel): Statement {
  return (writer) =>
    writer.writeLine(
      `checkRuntimeVersion(${stringLiteral(RUNTIME_RANGE)}, ${stringLiteral(model.sourceFile)});`,
    );
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

/** The union type, the const object of its values by key, and the list of its values. */
function labelStatements(label: LabelModel): Statement[] {
  const values = label.values.map((entry) => entry.value);
  return [
    (writer) => {
      writeDoc(writer, docText(label.description));
      writer.writeLine(`export type ${label.tsType} = ${unionOf(values)};`);
    },
    (writer) => {
      writeDoc(
        writer,
        `The values of the \`${label.name}\` label by name, as in \`${label.tsType}.${label.values[0]?.key}\`.`,
      );
      writer.write(`export const ${label.tsType} = `).inlineBlock(() => {
        for (const entry of label.values) {
          writer.writeLine(`${entry.key}: ${stringLiteral(entry.value)},`);
        }
      });
      writer.write(` as const satisfies Record<string, ${label.tsType}>;`).newLine();
    },
    (writer) => {
      writeDoc(writer, `Every value of the \`${label.name}\` label, in declaration order.`);
      writer.writeLine(
        `export const ${label.valuesConstName}: readonly ${label.tsType}[] = ${arrayLiteral(values.map(stringLiteral))};`,
      );
    },
  ];
}

function bucketStatement(layout: BucketLayoutModel): Statement {
  const description = layout.description ?? `Bucket layout \`${layout.name}\`.`;
  return (writer) => {
    writeDoc(writer, `${docText(description)} Upper bounds; +Inf is added on exposure.`);
    writer.writeLine(
      `export const ${layout.constName}: readonly number[] = ${arrayLiteral(layout.bounds.map(numberLiteral))};`,
    );
  };
}
