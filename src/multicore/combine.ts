import type { MetricFamily } from '../families/family.ts';

/**
 * What one family renders when several threads or processes record it, computed into `scratch`
 * (reused between scrapes; a larger one is returned when it is too small). Every array is in
 * the family's own series order. Counters and histograms add up, and include `retired`: the
 * last numbers of threads and processes that have exited, so totals never decrease. Gauges
 * combine by the spec's `aggregate` over the live shards only (a gone worker's gauge is gone
 * with it); for `max`, `min` and `avg`, NaN marks a number its shard never set.
 */
export function combineShards(
  family: MetricFamily,
  scratch: Float64Array,
  shards: readonly Float64Array[],
  retired: Float64Array | undefined,
): Float64Array {
  const length = family.seriesCount * family.stride;
  const out = scratch.length >= length ? scratch : new Float64Array(length * 2);
  const byAggregate = family.type === 'gauge' && family.aggregate !== 'sum';
  if (!byAggregate) {
    out.fill(0, 0, length);
    if (family.type !== 'gauge' && retired !== undefined) addInto(family, out, retired, length);
    for (const shard of shards) addInto(family, out, shard, length);
    return out;
  }
  for (let i = 0; i < length; i++) out[i] = aggregateAt(family.aggregate, shards, i);
  return out;
}

/** Adds `shard` into `out`, number by number unless the family adds its series otherwise. */
function addInto(
  family: MetricFamily,
  out: Float64Array,
  shard: Float64Array,
  length: number,
): void {
  const end = Math.min(length, shard.length);
  const addSeries = family.addSeriesInto;
  if (addSeries === undefined) {
    for (let i = 0; i < end; i++) (out[i] as number) += shard[i] as number;
    return;
  }
  const stride = family.stride;
  for (let at = 0; at + stride <= end; at += stride) addSeries(out, at, shard, at);
}

function aggregateAt(aggregate: string, shards: readonly Float64Array[], i: number): number {
  let result = Number.NaN;
  let count = 0;
  for (const shard of shards) {
    const value = shard[i];
    if (value === undefined || Number.isNaN(value)) continue;
    count++;
    if (count === 1) result = value;
    else if (aggregate === 'max') result = Math.max(result, value);
    else if (aggregate === 'min') result = Math.min(result, value);
    else result += value;
  }
  if (count === 0) return 0;
  return aggregate === 'avg' ? result / count : result;
}

/** Adds a shard's counters and histograms into `retired`, grown as needed; gauges are dropped. */
export function retire(
  family: MetricFamily,
  retired: Float64Array | undefined,
  shard: Float64Array,
): Float64Array | undefined {
  if (family.type === 'gauge') return retired;
  const length = Math.max(shard.length, retired?.length ?? 0);
  const out =
    retired !== undefined && retired.length >= length ? retired : new Float64Array(length);
  if (retired !== undefined && out !== retired) out.set(retired);
  addInto(family, out, shard, shard.length);
  return out;
}
