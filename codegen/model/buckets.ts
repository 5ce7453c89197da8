import type { BucketLayout } from '../spec/schema.ts';

/** Significant digits kept by `exponential_range`, so `le` labels stay readable and stable. */
const RANGE_SIGNIFICANT_DIGITS = 3;

export type BucketForm = 'values' | 'exponential' | 'exponential_range' | 'linear';
export const BUCKET_FORMS: readonly BucketForm[] = [
  'values',
  'exponential',
  'exponential_range',
  'linear',
];

/** The forms a layout declares; a valid layout declares exactly one. */
export function declaredForms(layout: BucketLayout): BucketForm[] {
  return BUCKET_FORMS.filter((form) => layout[form] !== undefined);
}

/** The upper bounds of a layout, without +Inf (always added on exposure). */
export function bucketBounds(layout: BucketLayout): number[] {
  if (layout.values !== undefined) return [...layout.values];
  if (layout.exponential !== undefined) {
    const { start, factor, count } = layout.exponential;
    return Array.from({ length: count }, (_, i) => roundFloat(start * factor ** i));
  }
  if (layout.exponential_range !== undefined) {
    const { min, max, count } = layout.exponential_range;
    const factor = (max / min) ** (1 / (count - 1));
    return Array.from({ length: count }, (_, i) => {
      if (i === 0) return min;
      if (i === count - 1) return max;
      return Number((min * factor ** i).toPrecision(RANGE_SIGNIFICANT_DIGITS));
    });
  }
  if (layout.linear !== undefined) {
    const { start, width, count } = layout.linear;
    return Array.from({ length: count }, (_, i) => roundFloat(start + width * i));
  }
  return [];
}

/** Drops float noise such as 0.30000000000000004 that would otherwise reach `le` labels. */
function roundFloat(value: number): number {
  return Number(value.toPrecision(12));
}
