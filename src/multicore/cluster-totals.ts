import type { MetricFamily } from '../families/family.ts';
import type { WorkerSeriesMap } from './cluster-mapping.ts';
import { combineShards, retire } from './combine.ts';

/**
 * What the primary renders per family: its own numbers, plus every live worker's latest, plus
 * the retired totals of workers that have exited. The workers' part is added up only when one
 * of them changed; a scrape then adds it to the primary's own numbers in one pass, rather than
 * summing every worker again (workers' snapshots change far less often than scrapes come when
 * they are idle; when they are busy, this costs one pass more).
 */
export class ClusterTotals {
  private readonly retired = new Map<string, Float64Array>();
  private readonly scratch = new Map<string, Float64Array>();
  /** Per family: the live workers' numbers and the retired totals, added up. */
  private readonly others = new Map<string, Float64Array>();
  /** Families whose `others` must be added up again. */
  private readonly stale = new Set<string>();

  /** A worker's numbers for this family changed, or a worker came or went. */
  changed(name: string): void {
    this.stale.add(name);
  }

  /** Folds an exited worker's latest counters and histograms into the retired totals. */
  retire(families: readonly MetricFamily[], worker: WorkerSeriesMap): void {
    for (const family of families) {
      const name = family.exposedName;
      const latest = worker.latest.get(name);
      this.stale.add(name);
      if (latest === undefined) continue;
      const folded = retire(family, this.retired.get(name), latest);
      if (folded !== undefined) this.retired.set(name, folded);
    }
  }

  combine(family: MetricFamily, workers: readonly WorkerSeriesMap[]): Float64Array {
    const name = family.exposedName;
    const scratch = this.scratch.get(name) ?? new Float64Array(0);
    let combined: Float64Array;
    if (family.type === 'gauge' && family.aggregate !== 'sum') {
      // max, min and avg do not add up: every shard is combined at every scrape.
      combined = combineShards(
        family,
        scratch,
        [family.values, ...latestOf(name, workers)],
        undefined,
      );
    } else {
      let others = this.others.get(name);
      if (others === undefined || this.stale.has(name)) {
        const retired = this.retired.get(name);
        others = combineShards(
          family,
          others ?? new Float64Array(0),
          latestOf(name, workers),
          retired,
        );
        this.others.set(name, others);
        this.stale.delete(name);
      }
      combined = addTo(family, scratch, others);
    }
    this.scratch.set(name, combined);
    return combined;
  }
}

function latestOf(name: string, workers: readonly WorkerSeriesMap[]): Float64Array[] {
  const latest: Float64Array[] = [];
  for (const worker of workers) {
    const numbers = worker.latest.get(name);
    if (numbers !== undefined) latest.push(numbers);
  }
  return latest;
}

/** The family's own numbers plus `others`, into `scratch` (a larger one when it is too small). */
function addTo(family: MetricFamily, scratch: Float64Array, others: Float64Array): Float64Array {
  const length = family.seriesCount * family.stride;
  const out = scratch.length >= length ? scratch : new Float64Array(length * 2);
  const own = family.values;
  // `others` may be shorter: the primary's own recording created series since it was added up.
  const shared = Math.min(length, others.length);
  const addSeries = family.addSeriesInto;
  if (addSeries !== undefined) {
    // Series merge rather than add: start from the workers' numbers and merge the primary's own
    // in, which are usually empty (a series' merge then returns at once).
    out.set(others.subarray(0, shared));
    out.set(own.subarray(shared, length), shared);
    for (let at = 0; at + family.stride <= shared; at += family.stride) addSeries(out, at, own, at);
    return out;
  }
  for (let i = 0; i < shared; i++) out[i] = (own[i] as number) + (others[i] as number);
  for (let i = shared; i < length; i++) out[i] = own[i] as number;
  return out;
}
