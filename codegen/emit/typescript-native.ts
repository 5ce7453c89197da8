import type {
  BucketLayoutModel,
  CompositeModel,
  MetricModel,
  MetricsModel,
  ParameterModel,
} from '../model/model.ts';
import { numberLiteral } from './ts-syntax.ts';
import { type Statement, writeDoc } from './ts-writer.ts';

/**
 * What native histograms and exemplars add to the generated module: a resolution constant per
 * native layout, the family each metric is created as, and the optional exemplar parameter.
 */

/** The optional last parameter of recorders for metrics with exemplars. */
export const EXEMPLAR_PARAMETER: ParameterModel & { readonly optional: true } = {
  name: 'exemplar',
  tsType: 'Exemplar',
  description:
    'Labels linking this recording to a trace, such as `{ trace_id }` (at most 128 characters in all); the latest per series or bucket is exposed in OpenMetrics and protobuf, and one that cannot be is dropped and counted.',
  optional: true,
};

/** A recorder's parameters, with the exemplar when the metric keeps exemplars. */
export function recorderParameters(metric: MetricModel): readonly ParameterModel[] {
  return metric.exemplars ? [...metric.parameters, EXEMPLAR_PARAMETER] : metric.parameters;
}

/**
 * A composite recorder's parameters, with the exemplar when one of its metrics keeps exemplars:
 * the exemplar goes to each of those (a trace behind a state operation is behind its count and
 * its duration alike).
 */
export function compositeParameters(composite: CompositeModel): readonly ParameterModel[] {
  return composite.steps.some((step) => step.metric.exemplars)
    ? [...composite.parameters, EXEMPLAR_PARAMETER]
    : composite.parameters;
}

/** The `MetricSet` method that creates the metric's family. */
export function familyMethod(metric: MetricModel): string {
  if (metric.type === 'counter') return metric.exemplars ? 'exemplarCounter' : 'counter';
  if (metric.type !== 'histogram') return metric.type;
  return metric.exemplars || metric.bucketLayout?.native !== undefined
    ? 'nativeHistogram'
    : 'histogram';
}

/** Extra lines in the family declaration: the native resolution and exemplars. */
export function familyOptionLines(metric: MetricModel): string[] {
  if (familyMethod(metric) !== 'nativeHistogram') return [];
  const layout = metric.bucketLayout;
  return [
    ...(layout?.native === undefined ? [] : [`native: ${layout.nativeConstName},`]),
    ...(metric.exemplars ? ['exemplars: true,'] : []),
  ];
}

/** Layouts whose bucket index is computed: native-only layouts have only +Inf, bucket 0. */
export function hasClassicBounds(layout: BucketLayoutModel): boolean {
  return layout.bounds.length > 0;
}

/** `export const durationNative: NativeResolution = { … }`, for a layout with a native resolution. */
export function nativeStatement(layout: BucketLayoutModel): Statement[] {
  const native = layout.native;
  if (native === undefined) return [];
  const resolution = `{ schema: ${native.schema}, maxBuckets: ${native.maxBuckets}, zeroThreshold: ${numberLiteral(native.zeroThreshold)} }`;
  return [
    (writer) => {
      writeDoc(
        writer,
        `Native resolution of layout \`${layout.name}\`: schema ${native.schema} (buckets grow by ${native.factor.toPrecision(4)}), at most ${native.maxBuckets} populated buckets per series before the resolution is halved.`,
      );
      writer.writeLine(`export const ${layout.nativeConstName}: NativeResolution = ${resolution};`);
    },
  ];
}

/** Type imports the module needs from the runtime for these features. */
export function nativeTypeImports(model: MetricsModel): string[] {
  return [
    ...(model.metrics.some((metric) => metric.exemplars) ? ['Exemplar'] : []),
    ...(model.bucketLayouts.some((layout) => layout.native !== undefined)
      ? ['NativeResolution']
      : []),
  ];
}
