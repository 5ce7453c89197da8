import type { MetricFamily } from '../families/family.ts';
import type { SeriesEntry, Snapshot } from './cluster-protocol.ts';
import { unsetValueOf } from './shared-values.ts';

/**
 * One worker's series mapped onto the primary's. Each process numbers its free-form series its
 * own way (lazily, reusing removed indexes); the primary admits each series it is told about
 * into its own family (so `max_values` and the overflow series hold across all workers
 * together) and remembers where it went. A series the worker removed maps nowhere; the
 * primary's series stays, holding what other workers and retired ones recorded.
 */
export class WorkerSeriesMap {
  private names: readonly string[] = [];
  /** Per worker family: the primary's series of each of the worker's series (-1: none). */
  private readonly targets: number[][] = [];
  private order = -1;
  /** The latest snapshot, per family name, in the primary's series order. */
  readonly latest = new Map<string, Float64Array>();

  constructor(private readonly families: ReadonlyMap<string, MetricFamily>) {}

  /** Takes a snapshot in, unless a later one already was (answers may arrive late). */
  apply(snapshot: Snapshot): void {
    if (snapshot.names !== undefined) this.names = snapshot.names;
    let at = 0;
    for (const [i, name] of this.names.entries()) {
      const length = snapshot.lengths[i] ?? 0;
      const family = this.families.get(name);
      const targets = this.targets[i] ?? [];
      this.targets[i] = targets;
      if (family !== undefined) {
        for (const entry of snapshot.entries[i] ?? []) map(family, targets, entry);
        if (snapshot.order > this.order) {
          this.latest.set(
            name,
            mapValues(family, snapshot.values.subarray(at, at + length), targets),
          );
        }
      }
      at += length;
    }
    this.order = Math.max(this.order, snapshot.order);
  }
}

function map(family: MetricFamily, targets: number[], [series, keys, slot]: SeriesEntry): void {
  targets[series] = keys === null ? -1 : family.seriesOfKeys(keys, slot);
}

function mapValues(family: MetricFamily, values: Float64Array, targets: readonly number[]) {
  if (family.free === undefined) return values.slice();
  const stride = family.stride;
  const out = new Float64Array(family.seriesCount * stride).fill(unsetValueOf(family));
  const byMax = family.type === 'gauge' && family.aggregate !== 'sum';
  for (let series = 0; series * stride < values.length; series++) {
    const target = targets[series];
    if (target === undefined || target < 0) continue;
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
