import type { LabelModel, MetricModel, MetricsModel, ParameterModel } from '../model/model.ts';
import { docText } from './ts-syntax.ts';
import {
  type CodeBlockWriter,
  type MethodSignature,
  type Statement,
  writeDoc,
  writeMethodSignature,
} from './ts-writer.ts';

/**
 * Series lifecycle in the generated client, for metrics with free-form labels: `init…` creates a
 * value's series at zero (a Kafka partition assigned), `remove…` removes them (a partition
 * revoked), and `removeSeries({ … })` removes a value's series from every metric carrying its
 * labels. The names come from the model (`metric.lifecycle`, `model.selectorName`).
 */

/** The runtime's `MetricSet.removeSeries`, returned under its own name. */
const REMOVE_SERIES = 'removeSeries';

/** Free-form labels some metric uses, in spec order. */
function usedFreeLabels(model: MetricsModel): LabelModel[] {
  const used = new Set(model.metrics.flatMap((metric) => metric.labels.map((label) => label.name)));
  return model.labels.filter((label) => label.kind === 'free' && used.has(label.name));
}

export function specHasFreeLabels(model: MetricsModel): boolean {
  return usedFreeLabels(model).length > 0;
}

/** `export interface ProcessorSeriesSelector { readonly topic?: string; … }` */
export function selectorInterface(model: MetricsModel): Statement {
  return (writer) => {
    writeDoc(
      writer,
      'Free-form label values selecting series across metrics, for `removeSeries`: a metric carrying every given label loses the series with those values.',
    );
    writer.write(`export interface ${model.selectorName}`).block(() => {
      for (const label of usedFreeLabels(model)) {
        writeDoc(writer, docText(label.description));
        writer.writeLine(`readonly ${label.name}?: ${label.tsType};`);
      }
    });
  };
}

function freeParameters(metric: MetricModel): ParameterModel[] {
  const free = new Set(
    metric.labels.filter((label) => label.kind === 'free').map((label) => label.parameterName),
  );
  return metric.parameters.filter((parameter) => free.has(parameter.name));
}

/** The interface's `init…` and `remove…` methods of one metric; none without free-form labels. */
export function writeLifecycleMethods(writer: CodeBlockWriter, metric: MetricModel): void {
  if (metric.lifecycle === undefined) return;
  const parameters = freeParameters(metric);
  const enumCount = metric.labels.some((label) => label.kind === 'enum')
    ? ', one per combination of its enum labels'
    : '';
  writeMethodSignature(writer, {
    name: metric.lifecycle.init,
    parameters,
    description: `Creates the series of \`${metric.exposedName}\` for these values at zero${enumCount}, so \`rate()\` and \`increase()\` see their first events. Series that exist keep their values.`,
    returnType: 'void',
  });
  writeMethodSignature(writer, {
    name: metric.lifecycle.remove,
    parameters,
    description: `Removes every series of \`${metric.exposedName}\` with these values; recording them again starts from zero.`,
    returnType: 'void',
  });
}

export function removeSeriesMethod(model: MetricsModel): MethodSignature {
  return {
    name: REMOVE_SERIES,
    parameters: [
      {
        name: 'selector',
        tsType: model.selectorName,
        description: 'Free-form label values to match.',
      },
    ],
    description:
      'Removes, from every metric carrying all the selected labels, the series with those values (a revoked partition: `{ topic, partition }`). Returns how many series were removed; an empty selector removes none.',
    returnType: 'number',
  };
}

/** The factory's local `init…` and `remove…` functions of one metric. */
export function writeLifecycleRecorders(writer: CodeBlockWriter, metric: MetricModel): void {
  if (metric.lifecycle === undefined) return;
  const parameters = freeParameters(metric);
  const list = parameters.map((p) => `${p.name}: ${p.tsType}`).join(', ');
  const values = `[${parameters.map((p) => p.name).join(', ')}]`;
  for (const [name, method] of [
    [metric.lifecycle.init, 'initSeries'],
    [metric.lifecycle.remove, 'removeSeries'],
  ] as const) {
    writer
      .write(`const ${name} = (${list}): void =>`)
      .space()
      .inlineBlock(() => writer.writeLine(`${metric.variableName}.${method}(${values});`));
    writer.write(';').newLine();
  }
}

/** The factory's `removeSeries`, over every metric's free-form labels. */
export function writeRemoveSeries(writer: CodeBlockWriter, model: MetricsModel): void {
  if (!specHasFreeLabels(model)) return;
  writer.writeLine(
    `const ${REMOVE_SERIES} = (selector: ${model.selectorName}): number => set.removeSeries(selector);`,
  );
}

/** Names the factory returns for lifecycle, after the recorders. */
export function lifecycleReturnNames(model: MetricsModel): string[] {
  const names = model.metrics.flatMap((metric) =>
    metric.lifecycle === undefined ? [] : [metric.lifecycle.init, metric.lifecycle.remove],
  );
  return specHasFreeLabels(model) ? [...names, REMOVE_SERIES] : names;
}
