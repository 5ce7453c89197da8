import type { HistogramKind } from '../promql/series-names.ts';
import {
  type BucketLayout,
  NATIVE_SCHEMA_MAX,
  NATIVE_SCHEMA_MIN,
  type NativeResolution,
} from '../spec/schema.ts';
import { bucketBounds, declaredForms } from './buckets.ts';
import type { ResolvedLayout } from './facts.ts';

/** Populated buckets per series before resolution is halved, when the spec does not say. */
export const DEFAULT_MAX_BUCKETS = 160;

/** client_golang's DefNativeHistogramZeroThreshold, 2^-128: only denormal-scale values are "zero". */
export const DEFAULT_ZERO_THRESHOLD = 2 ** -128;

/** A layout's native resolution with every default resolved. */
export interface NativeResolutionModel {
  readonly schema: number;
  readonly maxBuckets: number;
  readonly zeroThreshold: number;
  /** The bucket growth factor of `schema`, 2^(2^-schema), for documentation. */
  readonly factor: number;
}

/**
 * The schema from -4 to 8 with the widest buckets whose factor 2^(2^-schema) is at most
 * `factor`, as client_golang's `pickSchema` (its doc says "largest"; a factor below 2^(2^-8)
 * still gives 8). Runs once per layout at codegen time: no logarithm reaches the hot path.
 */
export function pickSchema(factor: number): number {
  const floor = Math.floor(Math.log2(Math.log2(factor)));
  if (floor <= -NATIVE_SCHEMA_MAX) return NATIVE_SCHEMA_MAX;
  if (floor >= -NATIVE_SCHEMA_MIN) return NATIVE_SCHEMA_MIN;
  return floor === 0 ? 0 : -floor;
}

export function nativeResolutionModel(native: NativeResolution): NativeResolutionModel {
  const schema = native.schema ?? pickSchema(native.factor ?? 2);
  return {
    schema,
    maxBuckets: native.max_buckets ?? DEFAULT_MAX_BUCKETS,
    zeroThreshold: native.zero_threshold ?? DEFAULT_ZERO_THRESHOLD,
    factor: 2 ** (2 ** -schema),
  };
}

/** Which histogram series a layout puts in Prometheus: classic buckets, native, or both. */
export function layoutKind(layout: BucketLayout): HistogramKind {
  if (layout.native === undefined) return 'classic';
  return declaredForms(layout).length === 0 ? 'native' : 'both';
}

/** Each layout's bounds and kind, worked out once for the validator's checks and the model. */
export function resolveLayouts(
  layouts: ReadonlyMap<string, BucketLayout>,
): Map<string, ResolvedLayout> {
  return new Map(
    [...layouts].map(([name, layout]) => [
      name,
      { bounds: bucketBounds(layout), kind: layoutKind(layout) },
    ]),
  );
}
