import type { CompositeModel, MetricModel, MetricsModel } from '../model/model.ts';
import { docText } from './ts-syntax.ts';
import {
  type CodeBlockWriter,
  type Statement,
  writeDoc,
  writeMethodSignature,
} from './ts-writer.ts';
import {
  removeSeriesMethod,
  specHasFreeLabels,
  writeLifecycleMethods,
} from './typescript-lifecycle.ts';
import { compositeParameters, recorderParameters } from './typescript-native.ts';

/** The interface the factory returns and the options it takes. */

/** `export interface ProcessorMetrics`: a method per metric, per composite, then lifecycle. */
export function recordersInterface(model: MetricsModel): Statement {
  const composites = model.groups.flatMap((group) => group.composites);
  return (writer) => {
    writeDoc(
      writer,
      `Typed recorders for the \`${model.namespace}\` metrics, one per metric plus composites.`,
    );
    writer.write(`export interface ${model.interfaceName}`).block(() => {
      for (const metric of model.metrics) writeMetricMethod(writer, metric);
      for (const composite of composites) writeCompositeMethod(writer, composite);
      for (const metric of model.metrics) writeLifecycleMethods(writer, metric);
      if (specHasFreeLabels(model)) writeMethodSignature(writer, removeSeriesMethod(model));
    });
  };
}

function writeMetricMethod(writer: CodeBlockWriter, metric: MetricModel): void {
  const unit = metric.unit === undefined ? '' : ` in ${metric.unit}`;
  const buckets =
    metric.bucketLayout === undefined ? '' : `, buckets \`${metric.bucketLayout.name}\``;
  const exposure = `${capitalized(metric.type)} \`${metric.exposedName}\`${unit}${buckets}.`;
  writeMethodSignature(writer, {
    name: metric.recorderName,
    parameters: recorderParameters(metric),
    description: `${docText(metric.help)}\n\n${exposure}`,
    returnType: 'void',
  });
}

function writeCompositeMethod(writer: CodeBlockWriter, composite: CompositeModel): void {
  const names = composite.steps.map((step) => `\`${step.metric.exposedName}\``).join(', ');
  writeMethodSignature(writer, {
    name: composite.name,
    parameters: compositeParameters(composite),
    description: `${docText(composite.help)}\n\nRecords ${names}.`,
    returnType: 'void',
  });
}

/** `export interface ProcessorMetricsOptions { registry?: MetricsRegistry }`. */
export function optionsInterface(model: MetricsModel): Statement {
  return (writer) => {
    writer.write(`export interface ${model.optionsName}`).block(() => {
      writeDoc(
        writer,
        "Where the metrics are registered; prom-client's global `register` when omitted.",
      );
      writer.writeLine('registry?: MetricsRegistry;');
    });
  };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
