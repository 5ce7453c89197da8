import type { MetricFamily } from '../families/family.ts';
import type { SeriesEntry } from './cluster-protocol.ts';

/**
 * A worker's series directory as the primary last heard it: which free-form series were
 * created, reused or removed since. A family whose `seriesVersion` did not step has none; in
 * one that did, a series is recognised by the label values array the family builds when it
 * creates it.
 */
export class SeriesChanges {
  /** Per family, per series: the label values last announced (undefined: none, or removed). */
  private readonly announced: (readonly string[] | undefined)[][];
  /** Per family, its `seriesVersion` when last looked at: unchanged, nothing to look for. */
  private readonly versions: number[];

  constructor(private readonly families: readonly MetricFamily[]) {
    this.announced = families.map(() => []);
    this.versions = families.map(() => -1);
  }

  /** Per family, its entries since the previous call (null: none); undefined when none at all. */
  next(): (SeriesEntry[] | null)[] | undefined {
    let out: (SeriesEntry[] | null)[] | undefined;
    for (const [i, family] of this.families.entries()) {
      if (family.free === undefined || family.seriesVersion === this.versions[i]) continue;
      this.versions[i] = family.seriesVersion;
      const entries = changesOf(family, this.announced[i] as (readonly string[] | undefined)[]);
      if (entries === undefined) continue;
      out ??= this.families.map(() => null);
      out[i] = entries;
    }
    return out;
  }
}

function changesOf(
  family: MetricFamily,
  announced: (readonly string[] | undefined)[],
): SeriesEntry[] | undefined {
  let out: SeriesEntry[] | undefined;
  let places: Map<number, readonly [keys: readonly (string | number)[], slot: number]> | undefined;
  for (let series = 0; series < family.seriesCount; series++) {
    // A live series returns the same array until it is removed; a removed one a new empty one.
    let now: readonly string[] | undefined = family.labelValuesOf(series);
    if (now === announced[series]) continue;
    if (!family.hasSeries(series)) now = undefined;
    if (now === announced[series]) continue;
    announced[series] = now;
    out ??= [];
    if (now === undefined) {
      out.push([series, null, 0]);
      continue;
    }
    places ??= placesOf(family);
    const place = places.get(series);
    if (place !== undefined) out.push([series, [...place[0]], place[1]]);
  }
  return out;
}

/** Where each series sits: its combination's keys and its enum slot (the rare path). */
function placesOf(family: MetricFamily) {
  const places = new Map<number, readonly [readonly (string | number)[], number]>();
  for (const combination of family.free?.combinations() ?? []) {
    for (const [slot, series] of combination.series.entries()) {
      if (series >= 0) places.set(series, [combination.keys, slot]);
    }
  }
  return places;
}
