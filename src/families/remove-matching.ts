import type { MetricFamily } from './family.ts';
import type { Key } from './free-labels.ts';

/**
 * Free-form label values by label name, e.g. `{ topic: 'orders', partition: 3 }`; generated
 * clients type it from the spec (`ProcessorSeriesSelector`), which an index signature would
 * not accept.
 */
export type SeriesSelector = object;

/**
 * Removes, across `families`, every series whose free-form labels match all of `selector`: each
 * family carrying every selected label as a free-form label loses those series, and the others
 * are left alone. An empty selector removes nothing. A value not valid for its label (a
 * partition `'3'`) is dropped and counted as `invalid_label_value` on each family carrying the
 * label, as a recording would be. Returns how many series were removed.
 */
export function removeMatchingSeries(
  families: readonly MetricFamily[],
  selector: SeriesSelector,
): number {
  const values = selector as Readonly<Record<string, unknown>>;
  const names = Object.keys(values).filter((name) => values[name] !== undefined);
  if (names.length === 0) return 0;
  let removed = 0;
  for (const family of families) {
    const free = family.free;
    if (free === undefined || !names.every((name) => family.freeLabelNames.includes(name))) {
      continue;
    }
    const keys = new Map<string, Key>();
    for (const name of names) {
      const key = free.keyOf(values[name], family.freeLabelNames.indexOf(name));
      if (key === undefined) break;
      keys.set(name, key);
    }
    if (keys.size < names.length) family.rejectInvalidLabel();
    else removed += family.removeMatching(keys);
  }
  return removed;
}
