import type { MetricFamily } from '../families/family.ts';
import { changedSlot, IMAGE, lengthSlot, type SeriesEntry } from './cluster-protocol.ts';
import { unsetValueOf } from './shared-values.ts';

/**
 * One worker's series mapped onto the primary's. Each process numbers its free-form series its
 * own way (lazily, reusing removed indexes); the primary admits each series it is told about
 * into its own family (so `max_values` and the overflow series hold across all workers
 * together) and remembers where it went. A series the worker removed maps nowhere; the
 * primary's series stays, holding what other workers and retired ones recorded.
 */
export class WorkerSeriesMap {
  private families: (MetricFamily | undefined)[] = [];
  /** Per worker family: the primary's series of each of the worker's series (-1: none). */
  private readonly targets: number[][] = [];
  /** Per worker family: the worker's tick of the numbers last mapped (-1: map again). */
  private readonly mapped: number[] = [];
  /** How many directory messages were applied: an image is taken only if it follows as many. */
  private directory = 0;
  /** When the numbers taken in were read in the worker (monotonic ms); -Infinity before any. */
  takenAt = Number.NEGATIVE_INFINITY;
  /** The latest numbers, per family name, in the primary's series order. */
  readonly latest = new Map<string, Float64Array>();

  /** @param changed called with a family's name whenever its `latest` numbers change */
  constructor(
    private readonly byName: ReadonlyMap<string, MetricFamily>,
    private readonly changed: (name: string) => void = () => {},
  ) {}

  setNames(names: readonly string[]): void {
    this.families = names.map((name) => this.byName.get(name));
  }

  /** Applies the series a worker created, reused or removed (one directory message). */
  applySeries(series: readonly (readonly SeriesEntry[] | null)[]): void {
    for (const [i, entries] of series.entries()) {
      const family = this.families[i];
      if (entries === null || family === undefined) continue;
      const targets = this.targets[i] ?? [];
      this.targets[i] = targets;
      for (const [index, keys, slot] of entries) {
        targets[index] = keys === null ? -1 : family.seriesOfKeys(keys, slot);
      }
      this.mapped[i] = -1;
    }
    this.directory++;
  }

  /**
   * Takes in an image, unless it follows another directory than the one applied (a directory
   * message is still on its way) or is older than what was taken; returns whether the numbers
   * now are the image's (or newer).
   */
  applyImage(image: Float64Array): boolean {
    if (image[IMAGE.directory] !== this.directory) return false;
    const takenAt = image[IMAGE.takenAt] as number;
    if (takenAt <= this.takenAt) return true;
    const count = image[IMAGE.families] as number;
    let at = lengthSlot(0) + 2 * count;
    for (let i = 0; i < count; i++) {
      const length = image[lengthSlot(i)] as number;
      const changed = image[changedSlot(i, count)] as number;
      const family = this.families[i];
      if (family !== undefined && changed !== this.mapped[i]) {
        const name = family.exposedName;
        const numbers = image.subarray(at, at + length);
        this.latest.set(name, mapValues(family, numbers, this.targets[i], this.latest.get(name)));
        this.mapped[i] = changed;
        this.changed(name);
      }
      at += length;
    }
    this.takenAt = takenAt;
    return true;
  }
}

/** The worker's numbers in the primary's series order, into `reuse` when it is long enough. */
function mapValues(
  family: MetricFamily,
  values: Float64Array,
  targets: readonly number[] | undefined,
  reuse: Float64Array | undefined,
): Float64Array {
  if (family.free === undefined) {
    const out = reuse?.length === values.length ? reuse : new Float64Array(values.length);
    out.set(values);
    return out;
  }
  const stride = family.stride;
  const length = family.seriesCount * stride;
  const out = reuse !== undefined && reuse.length >= length ? reuse : new Float64Array(length);
  out.fill(unsetValueOf(family));
  const byMax = family.type === 'gauge' && family.aggregate !== 'sum';
  const addSeries = family.addSeriesInto;
  for (let series = 0; series * stride < values.length; series++) {
    const target = targets?.[series];
    if (target === undefined || target < 0) continue;
    if (addSeries !== undefined) {
      addSeries(out, target * stride, values, series * stride);
      continue;
    }
    for (let k = 0; k < stride; k++) {
      const value = values[series * stride + k] as number;
      const at = target * stride + k;
      // Two series land on one only in overflow: counts add, gauges take the max.
      const current = out[at] as number;
      out[at] = byMax
        ? Number.isNaN(current)
          ? value
          : Math.max(current, value)
        : current + value;
    }
  }
  return out;
}
