import type { BucketLayoutModel } from '../model/model.ts';

/** How to read the native resolution column, once above the table. */
export const NATIVE_NOTE = [
  'A layout with native resolution is also a Prometheus native histogram: sparse buckets whose',
  'bounds grow by 2^(2^-schema), exposed in the protobuf format that Prometheus asks for when',
  'started with `--enable-feature=native-histograms`; query it by its bare name',
  '(`histogram_quantile(0.95, sum by (job) (rate(x[5m])))`, `histogram_count`, `histogram_sum`).',
  'A series halves its resolution (schema - 1) when it has more populated buckets than the',
  'maximum. Text scrapes see the classic upper bounds (only `+Inf` for a native-only layout).',
].join('\n');

/** `schema 3 (factor 1.091), ≤ 160 buckets, zero threshold 2.9e-39`, or `-` for classic only. */
export function nativeResolutionText(layout: BucketLayoutModel): string {
  const native = layout.native;
  if (native === undefined) return '-';
  return `schema ${native.schema} (factor ${native.factor.toPrecision(4)}), ≤ ${native.maxBuckets} buckets, zero threshold ${native.zeroThreshold.toPrecision(2)}`;
}
