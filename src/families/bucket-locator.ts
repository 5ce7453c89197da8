import { NativeIndexer } from './native-index.ts';

/**
 * The lookup schema of a layout with no finer native resolution: eight lookup buckets per power
 * of two, fine enough that a classic bound rarely shares one with another bound.
 */
export const LOOKUP_SCHEMA = 3;

/**
 * Finds the classic bucket of an observation from its native bucket index, so a histogram with
 * both kinds of buckets computes one index per observation, from the float's bits, instead of a
 * native index and a search over the classic bounds. A table maps each native index (at the
 * lookup schema) to the first classic bucket its values can fall in; one comparison settles the
 * few native buckets a classic bound falls inside. Random latencies make a search tree's branches
 * unpredictable; this path has one, rarely taken.
 */
export class BucketLocator {
  readonly indexer: NativeIndexer;
  /** The bounds with +Infinity after the last, so the settling loop needs no length check. */
  private readonly padded: Float64Array;
  /** First possible classic bucket per native index, from `offset`; both ends clamp. */
  private readonly firstBucket: Uint32Array;
  private readonly offset: number;
  private readonly lastSlot: number;

  constructor(
    bounds: Float64Array,
    readonly schema: number,
  ) {
    this.indexer = new NativeIndexer(schema);
    this.padded = new Float64Array(bounds.length + 1);
    this.padded.set(bounds);
    this.padded[bounds.length] = Number.POSITIVE_INFINITY;
    const indexes = Array.from(bounds, (bound) =>
      bound > 0 ? this.indexer.index(bound) : Number.NEGATIVE_INFINITY,
    );
    const positive = indexes.filter((index) => index > Number.NEGATIVE_INFINITY);
    // One slot below the lowest bound's index and one above the highest: clamped indexes land
    // on slots whose answer holds for every index beyond them.
    this.offset = positive.length === 0 ? 0 : Math.min(...positive) - 1;
    const high = positive.length === 0 ? 0 : Math.max(...positive) + 1;
    this.firstBucket = new Uint32Array(high - this.offset + 1);
    // Values in native bucket i exceed every bound <= 0 and every bound in a lower native
    // bucket. Bounds are increasing, so their indexes are too: one sweep counts them.
    let below = 0;
    for (let slot = 0; slot < this.firstBucket.length; slot++) {
      while (below < indexes.length && (indexes[below] as number) < this.offset + slot) below++;
      this.firstBucket[slot] = below;
    }
    this.lastSlot = this.firstBucket.length - 1;
  }

  /**
   * The classic bucket of a finite value > 0 whose native index at `schema` (from
   * {@link indexer}) is `index`: the caller uses that index for its native bucket too.
   */
  bucketAt(index: number, value: number): number {
    let slot = index - this.offset;
    if (slot < 0) slot = 0;
    else if (slot > this.lastSlot) slot = this.lastSlot;
    let bucket = this.firstBucket[slot] as number;
    while (value > (this.padded[bucket] as number)) bucket++;
    return bucket;
  }

  /** The classic bucket of any value >= 0, by a scan: for zero-bucket values, rare by design. */
  scan(value: number): number {
    let bucket = 0;
    while (value > (this.padded[bucket] as number)) bucket++;
    return bucket;
  }
}
