import { LOW } from './native-index.ts';

/** A layout's native resolution, as the generated code declares it. */
export interface NativeResolution {
  /** -4 .. 8: each power of two is split into 2^schema buckets. */
  readonly schema: number;
  /** Populated buckets per series before resolution is halved. */
  readonly maxBuckets: number;
  /** Values at most this far from zero count in the zero bucket. */
  readonly zeroThreshold: number;
}

export const LOWEST_SCHEMA = -4;

/**
 * Where a series keeps its native buckets: a region of numbers inside its stride of the family's
 * `values`, after the classic buckets and the sum. Being plain numbers in the family's array,
 * the native buckets live in the same shared memory, thread shards and cluster images as the
 * classic ones; only adding two series together needs {@link NativeRegion.merge}. An all-zero
 * region is an empty series at the layout's schema, which is what a new or removed series holds.
 */
export const REDUCTION = 0; // schema halvings so far: the series' schema is the layout's minus this
export const OFFSET = 1; // the native bucket index of the first count
export const POPULATED = 2; // buckets with a non-zero count
export const ZERO_COUNT = 3; // observations in the zero bucket
export const VERSION = 4; // odd while the counts are rewritten: see NativeRegion.merge
export const FIRST = 5; // the lowest and highest populated slot (k), when POPULATED > 0:
export const LAST = 6; // what merging, rendering and halving read instead of the whole window
export const COUNTS = 7; // then `width` bucket counts: bucket OFFSET + k at COUNTS + k

/**
 * Buckets a region spans: `maxBuckets` rounded up to a power of two, at least 256 (32 powers of
 * two at schema 3, so latencies from a microsecond to an hour fit, and every positive float fits
 * at schema -4, about 131 indexes, so halving always ends), at most 4096. A series whose
 * populated buckets spread wider halves its resolution, as it does past `maxBuckets`.
 */
export function regionWidth(maxBuckets: number): number {
  return Math.min(4096, Math.max(256, 2 ** Math.ceil(Math.log2(Math.max(1, maxBuckets)))));
}

/** The region being rebuilt by a move or a halving (one thread runs this at a time). */
let rebuilt = new Float64Array(0);
/** Scratch for a consistent copy of a region another thread may be rewriting. */
let copied = new Float64Array(0);

/**
 * The native buckets of one layout's series, positive values only (a histogram rejects negative
 * observations, since OpenMetrics treats `_sum` as a counter). Resolution is halved as
 * client_golang does (schema - 1, bucket i becoming ceil(i / 2)) when the populated buckets pass
 * `maxBuckets` or spread over more than `width` indexes. The hot path, a count added to a bucket
 * already populated, is inlined by the family; this class holds everything else.
 */
export class NativeRegion {
  readonly width: number;
  /** Numbers the region takes in a series' stride. */
  readonly size: number;

  constructor(readonly resolution: NativeResolution) {
    this.width = regionWidth(resolution.maxBuckets);
    this.size = COUNTS + this.width;
  }

  /** The schema of the series whose region starts at `at`. */
  schemaOf(values: Float64Array, at: number): number {
    return this.resolution.schema - (values[at + REDUCTION] as number);
  }

  /**
   * Adds `count` (> 0) to bucket `index` at the series' current schema, moving the window or
   * halving the resolution when the index falls outside it, and halving again past
   * `maxBuckets`.
   */
  add(values: Float64Array, at: number, index: number, count: number): void {
    let bucket = index;
    while (!this.holds(values, at, bucket)) {
      if (this.schemaOf(values, at) <= LOWEST_SCHEMA) return; // cannot happen: see regionWidth
      this.halve(values, at);
      bucket = (bucket + 1) >> 1;
    }
    const slot = bucket - (values[at + OFFSET] as number);
    const before = values[at + COUNTS + slot] as number;
    values[at + COUNTS + slot] = before + count;
    if (before !== 0) return;
    this.populated(values, at, slot);
  }

  /**
   * Counts bucket `slot`, which was empty before its count was added; halves past
   * `maxBuckets`.
   */
  populated(values: Float64Array, at: number, slot: number): void {
    const populated = (values[at + POPULATED] as number) + 1;
    if (populated === 1 || slot < (values[at + FIRST] as number)) values[at + FIRST] = slot;
    if (populated === 1 || slot > (values[at + LAST] as number)) values[at + LAST] = slot;
    values[at + POPULATED] = populated;
    if (populated > this.resolution.maxBuckets) this.reduce(values, at);
  }

  private reduce(values: Float64Array, at: number): void {
    while (
      (values[at + POPULATED] as number) > this.resolution.maxBuckets &&
      this.schemaOf(values, at) > LOWEST_SCHEMA
    ) {
      this.halve(values, at);
    }
  }

  /**
   * Adds the series at `from` in `source` into the series at `at` in `target`: both go to the
   * coarser of their schemas, then every bucket is added. The classic part is added by the
   * caller; this is the native part of adding two threads' or processes' copies of a series.
   */
  merge(target: Float64Array, at: number, live: Float64Array, liveAt: number): void {
    const shared = live.buffer instanceof SharedArrayBuffer;
    const [source, from] = shared ? this.consistentCopy(live, liveAt) : [live, liveAt];
    (target[at + ZERO_COUNT] as number) += source[from + ZERO_COUNT] as number;
    if ((source[from + POPULATED] as number) === 0) return;
    if ((target[at + POPULATED] as number) === 0) {
      const zeroCount = target[at + ZERO_COUNT] as number;
      target.set(source.subarray(from, from + this.size), at);
      target[at + ZERO_COUNT] = zeroCount;
      // Counted again when another thread is recording it: its new bucket's count may be
      // written before the populated count and the populated range are.
      if (shared) this.recount(target, at);
      return;
    }
    const sourceReduction = source[from + REDUCTION] as number;
    while ((target[at + REDUCTION] as number) < sourceReduction) this.halve(target, at);
    const offset = source[from + OFFSET] as number;
    // Another thread's newest bucket may lie just outside the range it has published yet: read
    // a live shard's whole window.
    const first = shared ? 0 : (source[from + FIRST] as number);
    const last = shared ? this.width - 1 : (source[from + LAST] as number);
    for (let slot = first; slot <= last; slot++) {
      const count = source[from + COUNTS + slot] as number;
      if (count === 0) continue;
      // The target may halve while buckets are added: the shift is taken at each bucket.
      const shift = (target[at + REDUCTION] as number) - sourceReduction;
      this.add(target, at, (offset + slot + (1 << shift) - 1) >> shift, count);
    }
  }

  /**
   * The region at `at`, copied while no rewrite was under way when `values` is shared memory
   * another thread records into (a seqlock on VERSION); `values` itself otherwise. A rewrite is
   * a few microseconds and rare (a halving or a moved window), so a retry almost never happens;
   * without the check, a scrape during one could read counts half moved, which Prometheus would
   * take for a counter reset.
   */
  private consistentCopy(values: Float64Array, at: number): [Float64Array, number] {
    if (copied.length < this.size) copied = new Float64Array(this.size);
    const [words, version] = versionWord(values, at);
    for (let attempt = 0; attempt < 1000; attempt++) {
      const before = Atomics.load(words, version);
      copied.set(values.subarray(at, at + this.size));
      if ((before & 1) === 0 && Atomics.load(words, version) === before) break;
    }
    return [copied, 0];
  }

  private recount(values: Float64Array, at: number): void {
    let populated = 0;
    for (let slot = 0; slot < this.width; slot++) {
      if (values[at + COUNTS + slot] === 0) continue;
      if (populated++ === 0) values[at + FIRST] = slot;
      values[at + LAST] = slot;
    }
    values[at + POPULATED] = populated;
  }

  /** The populated buckets, lowest index first, as [index, count] pairs. */
  buckets(values: Float64Array, at: number): [number, number][] {
    const out: [number, number][] = [];
    if ((values[at + POPULATED] as number) === 0) return out;
    const offset = values[at + OFFSET] as number;
    for (let slot = values[at + FIRST] as number; slot <= (values[at + LAST] as number); slot++) {
      const count = values[at + COUNTS + slot] as number;
      if (count !== 0) out.push([offset + slot, count]);
    }
    return out;
  }

  /**
   * Whether bucket `index` has a slot, after moving the window if the populated buckets and
   * the index fit in it together; an empty region is centred on the index.
   */
  private holds(values: Float64Array, at: number, index: number): boolean {
    const slot = index - (values[at + OFFSET] as number);
    if (slot >= 0 && slot < this.width) return true;
    if ((values[at + POPULATED] as number) === 0) {
      // Inside the seqlock too: a reader must not pair the old offset with the new first count.
      const [words, version] = versionWord(values, at);
      Atomics.add(words, version, 1);
      values.fill(0, at + COUNTS, at + this.size);
      values[at + OFFSET] = index - (this.width >> 1);
      Atomics.add(words, version, 1);
      return true; // FIRST and LAST are set when the bucket is counted
    }
    const [lowest, highest] = this.span(values, at);
    const low = Math.min(lowest, index);
    const high = Math.max(highest, index);
    if (high - low >= this.width) return false;
    this.rewrite(values, at, 0, this.centred(low, high));
    return true;
  }

  /** One schema coarser: each pair of buckets merged, bucket i becoming ceil(i / 2). */
  private halve(values: Float64Array, at: number): void {
    const [lowest, highest] = this.span(values, at);
    const low = (lowest + 1) >> 1;
    const high = (highest + 1) >> 1;
    this.rewrite(values, at, 1, this.centred(low, high));
  }

  /** The window start that leaves as many free slots below `low` as above `high`. */
  private centred(low: number, high: number): number {
    return low - ((this.width - 1 - (high - low)) >> 1);
  }

  /**
   * Moves the counts to a window starting at `offset`, each index shifted right by `shift` (the
   * schema `shift` coarser). The new region is built aside and written back by one `set`: a
   * thread terminated (`worker.terminate()`) stops at a loop's back edge or a call, never inside
   * that copy, so its retired numbers hold the region as it was or as it became, never half
   * moved. The seqlock on VERSION keeps readers on other threads from a copy in progress.
   */
  private rewrite(values: Float64Array, at: number, shift: number, offset: number): void {
    if (rebuilt.length < this.size) rebuilt = new Float64Array(this.size);
    const next = rebuilt;
    next.fill(0, 0, this.size);
    const oldOffset = values[at + OFFSET] as number;
    const oldFirst = values[at + FIRST] as number;
    const oldLast = values[at + LAST] as number;
    let populated = 0;
    for (let slot = oldFirst; slot <= oldLast; slot++) {
      const count = values[at + COUNTS + slot] as number;
      if (count === 0) continue;
      const target = ((oldOffset + slot + (1 << shift) - 1) >> shift) - offset;
      if (next[COUNTS + target] === 0 && populated++ === 0) next[FIRST] = target;
      next[COUNTS + target] = (next[COUNTS + target] as number) + count;
      next[LAST] = target;
    }
    next[REDUCTION] = (values[at + REDUCTION] as number) + shift;
    next[OFFSET] = offset;
    next[POPULATED] = populated;
    next[ZERO_COUNT] = values[at + ZERO_COUNT] as number;
    const [words, version] = versionWord(values, at);
    Atomics.add(words, version, 1);
    next[VERSION] = values[at + VERSION] as number; // the odd number just set, kept by the copy
    values.set(next.subarray(0, this.size), at);
    Atomics.add(words, version, 1);
  }

  /** Lowest and highest populated index of a non-empty region. */
  private span(values: Float64Array, at: number): [number, number] {
    const offset = values[at + OFFSET] as number;
    return [offset + (values[at + FIRST] as number), offset + (values[at + LAST] as number)];
  }
}

/** Int32 views of the buffers regions live in, made once per buffer rather than per read. */
const wordViews = new WeakMap<ArrayBufferLike, Int32Array>();

/**
 * The VERSION number of a region as an integer the Atomics functions accept: the low word of
 * that float64 slot (the float it makes is a subnormal, copied exactly like any number), as a
 * view of the whole buffer (length-tracking for a growable one) and the index within it.
 */
function versionWord(values: Float64Array, at: number): [Int32Array, number] {
  let words = wordViews.get(values.buffer);
  if (words === undefined) {
    words = new Int32Array(values.buffer);
    wordViews.set(values.buffer, words);
  }
  return [words, (values.byteOffset >> 2) + (at + VERSION) * 2 + LOW];
}
