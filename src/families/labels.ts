import { escapeLabelValue } from '../exposition/text-format.ts';

/** A label whose values are all known ahead of time: each combination gets a fixed slot. */
export interface EnumLabel {
  readonly name: string;
  readonly values: readonly string[];
}

/** A label whose values arrive at runtime, admitted up to `maxValues` distinct values. */
export interface FreeLabel {
  readonly name: string;
  readonly maxValues: number;
  readonly kind: 'string' | 'integer';
}

export type LabelDefinition = EnumLabel | FreeLabel;

export function isEnumLabel(label: LabelDefinition): label is EnumLabel {
  return 'values' in label;
}

/**
 * The slot of a combination of enum label indexes, row-major in declaration order, or -1 when
 * any index is -1 (a value outside its enum). Generated recorders nest it for three or more.
 *
 * @example
 * combineSlots(operationIndex('put'), backendIndex('redis'), 4); // 1 * 4 + 2 = 6
 */
export function combineSlots(outer: number, inner: number, innerCount: number): number {
  return outer < 0 || inner < 0 ? -1 : outer * innerCount + inner;
}

/** Every combination of enum values, in slot order: `[['get','memory'], ['get','rocksdb'], …]`. */
export function enumCombinations(labels: readonly EnumLabel[]): string[][] {
  let combinations: string[][] = [[]];
  for (const label of labels) {
    combinations = combinations.flatMap((prefix) => label.values.map((v) => [...prefix, v]));
  }
  return combinations;
}

/** The values of one series in label declaration order, from its enum and free-form parts. */
export function orderedLabelValues(
  labels: readonly LabelDefinition[],
  enumValues: readonly string[],
  freeValues: readonly string[],
): string[] {
  let nextEnum = 0;
  let nextFree = 0;
  return labels.map((label) =>
    isEnumLabel(label) ? (enumValues[nextEnum++] ?? '') : (freeValues[nextFree++] ?? ''),
  );
}

/**
 * The escaped `name="value",…` text of one series, built once when the series is created so that
 * a scrape only concatenates.
 */
export function labelText(labels: readonly LabelDefinition[], values: readonly string[]): string {
  return labels.map((label, i) => `${label.name}="${escapeLabelValue(values[i] ?? '')}"`).join(',');
}
