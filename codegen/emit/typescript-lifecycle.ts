import type {
  CodeBlockWriter,
  InterfaceDeclarationStructure,
  MethodSignatureStructure,
} from 'ts-morph';
import { StructureKind } from 'ts-morph';
import type { LabelModel, MetricModel, MetricsModel, ParameterModel } from '../model/model.ts';
import { docText } from './ts-syntax.ts';

/**
 * Series lifecycle in the generated client, for metrics with free-form labels: `init…` creates a
 * value's series at zero (a Kafka partition assigned), `remove…` removes them (a partition
 * revoked), and `removeSeries({ … })` removes a value's series from every metric carrying its
 * labels. Names come from the recorder's: its leading verb (`record`, `set`, `observe`, …)
 * becomes `init` or `remove`, so `setKafkaConsumerLag` gives `initKafkaConsumerLag` and
 * `removeKafkaConsumerLag`.
 */

export interface LifecycleNames {
  readonly init: string;
  readonly remove: string;
}

export function lifecycleNames(metric: MetricModel): LifecycleNames {
  const stem = metric.recorderName.replace(/^[a-z]+/, '');
  const subject = stem === '' ? capitalized(metric.recorderName) : stem;
  return { init: `init${subject}`, remove: `remove${subject}` };
}

export function hasFreeLabels(metric: MetricModel): boolean {
  return metric.labels.some((label) => label.kind === 'free');
}

/** The selector type of `removeSeries`: `ProcessorSeriesSelector`. */
export function selectorTypeName(model: MetricsModel): string {
  return `${model.interfaceName.replace(/Metrics$/, '')}SeriesSelector`;
}

/** Free-form labels some metric uses, in spec order. */
function usedFreeLabels(model: MetricsModel): LabelModel[] {
  const used = new Set(model.metrics.flatMap((metric) => metric.labels.map((label) => label.name)));
  return model.labels.filter((label) => label.kind === 'free' && used.has(label.name));
}

export function specHasFreeLabels(model: MetricsModel): boolean {
  return usedFreeLabels(model).length > 0;
}

/** `export interface ProcessorSeriesSelector { readonly topic?: string; … }` */
export function selectorInterface(model: MetricsModel): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name: selectorTypeName(model),
    docs: [
      'Free-form label values selecting series across metrics, for `removeSeries`: a metric carrying every given label loses the series with those values.',
    ],
    properties: usedFreeLabels(model).map((label) => ({
      name: label.name,
      type: label.tsType,
      isReadonly: true,
      hasQuestionToken: true,
      docs: [docText(label.description)],
    })),
  };
}

function freeParameters(metric: MetricModel): ParameterModel[] {
  const free = new Set(
    metric.labels.filter((label) => label.kind === 'free').map((label) => label.parameterName),
  );
  return metric.parameters.filter((parameter) => free.has(parameter.name));
}

/** The interface's `init…` and `remove…` methods of one metric. */
export function lifecycleMethods(metric: MetricModel): MethodSignatureStructure[] {
  const names = lifecycleNames(metric);
  const parameters = freeParameters(metric);
  const enumCount = metric.labels.some((label) => label.kind === 'enum')
    ? ', one per combination of its enum labels'
    : '';
  const method = (name: string, description: string): MethodSignatureStructure => ({
    kind: StructureKind.MethodSignature,
    name,
    docs: [
      {
        kind: StructureKind.JSDoc,
        description,
        tags: parameters.map((p) => ({
          tagName: 'param',
          text: `${p.name} ${docText(p.description)}`,
        })),
      },
    ],
    parameters: parameters.map((p) => ({ name: p.name, type: p.tsType })),
    returnType: 'void',
  });
  return [
    method(
      names.init,
      `Creates the series of \`${metric.exposedName}\` for these values at zero${enumCount}, so \`rate()\` and \`increase()\` see their first events. Series that exist keep their values.`,
    ),
    method(
      names.remove,
      `Removes every series of \`${metric.exposedName}\` with these values; recording them again starts from zero.`,
    ),
  ];
}

export function removeSeriesMethod(model: MetricsModel): MethodSignatureStructure {
  return {
    kind: StructureKind.MethodSignature,
    name: 'removeSeries',
    docs: [
      {
        kind: StructureKind.JSDoc,
        description:
          'Removes, from every metric carrying all the selected labels, the series with those values (a revoked partition: `{ topic, partition }`). Returns how many series were removed; an empty selector removes none.',
        tags: [{ tagName: 'param', text: 'selector Free-form label values to match.' }],
      },
    ],
    parameters: [{ name: 'selector', type: selectorTypeName(model) }],
    returnType: 'number',
  };
}

/** The factory's local `init…` and `remove…` functions of one metric. */
export function writeLifecycleRecorders(writer: CodeBlockWriter, metric: MetricModel): void {
  const names = lifecycleNames(metric);
  const parameters = freeParameters(metric);
  const list = parameters.map((p) => `${p.name}: ${p.tsType}`).join(', ');
  const values = `[${parameters.map((p) => p.name).join(', ')}]`;
  for (const [name, method] of [
    [names.init, 'initSeries'],
    [names.remove, 'removeSeries'],
  ] as const) {
    writer
      .write(`const ${name} = (${list}): void =>`)
      .space()
      .inlineBlock(() => writer.writeLine(`${metric.variableName}.${method}(${values});`));
    writer.write(';').newLine();
  }
}

/** Names the factory returns for lifecycle, after the recorders. */
export function lifecycleReturnNames(model: MetricsModel): string[] {
  const names = model.metrics.filter(hasFreeLabels).flatMap((metric) => {
    const { init, remove } = lifecycleNames(metric);
    return [init, remove];
  });
  return specHasFreeLabels(model) ? [...names, 'removeSeries'] : names;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
