import { NativeIndexer } from './native-index.ts';

/** A layout's native resolution, as the generated code declares it. */
export interface NativeResolution {
  /** -4 .. 8: each power of two is split into 2^schema buckets. */
  readonly schema: number;
  /** Populated buckets per series (positive and negative) before resolution is halved. */
  readonly maxBuckets: number;
  /** Values at most this far from zero count in the zero bucket. */
  readonly zeroThreshold: number;
}

const LOWEST_SCHEMA = -4;

/**
 * Most bucket indexes one window may span: a series observing both 1e-30 and 1e30 at schema 8
 * would otherwise allocate 50,000 slots. A wider spread halves resolution as the bucket limit
 * does. At schema -4 every float fits in 140 indexes, so the halving always ends.
 */
export const MAX_WINDOW_SPAN = 4096;

/**
 * The buckets of one sign as a dense window of counts: bucket `i` is `counts[i - offset]`. An
 * observation is one subtraction and one array write; the window grows (doubling) to take an
 * index outside it. Sparse on the wire (spans and deltas), dense in memory, since populated
 * buckets of a latency cluster within a few powers of two.
 */
export class BucketWindow {
  offset = 0;
  counts = new Float64Array(0);
  /** Lowest and highest populated index; empty when lowest > highest. */
  lowest = Number.POSITIVE_INFINITY;
  highest = Number.NEGATIVE_INFINITY;

  /** Adds `count` to bucket `index`; true when the bucket was empty before. */
  add(index: number, count = 1): boolean {
    let slot = index - this.offset;
    if (slot < 0 || slot >= this.counts.length) slot = this.widen(index);
    const before = this.counts[slot] as number;
    this.counts[slot] = before + count;
    if (before !== 0) return false;
    if (index < this.lowest) this.lowest = index;
    if (index > this.highest) this.highest = index;
    return true;
  }

  /** Whether adding `index` keeps the populated span within {@link MAX_WINDOW_SPAN}. */
  canHold(index: number): boolean {
    if (this.lowest > this.highest) return true;
    return Math.max(this.highest, index) - Math.min(this.lowest, index) < MAX_WINDOW_SPAN;
  }

  /** Count of bucket `index`. */
  at(index: number): number {
    return this.counts[index - this.offset] ?? 0;
  }

  /** Every populated bucket at half the resolution: i becomes ceil(i / 2). Returns the count. */
  halve(): number {
    const { lowest, highest } = this;
    const old = this.counts;
    const oldOffset = this.offset;
    this.offset = 0;
    this.counts = new Float64Array(0);
    this.lowest = Number.POSITIVE_INFINITY;
    this.highest = Number.NEGATIVE_INFINITY;
    let populated = 0;
    for (let index = lowest; index <= highest; index++) {
      const count = old[index - oldOffset] as number;
      if (count !== 0 && this.add((index + 1) >> 1, count)) populated++;
    }
    return populated;
  }

  clear(): void {
    this.counts.fill(0);
    this.lowest = Number.POSITIVE_INFINITY;
    this.highest = Number.NEGATIVE_INFINITY;
  }

  private widen(index: number): number {
    const empty = this.counts.length === 0;
    const low = empty ? index : Math.min(this.offset, index);
    const high = empty ? index : Math.max(this.offset + this.counts.length - 1, index);
    const length = Math.max(16, (high - low + 1) * 2);
    // Slack on the side the window grew towards, where the next new buckets likely are.
    const offset = !empty && index < this.offset ? high - length + 1 : low - (empty ? 4 : 0);
    const counts = new Float64Array(length);
    if (!empty) counts.set(this.counts, this.offset - offset);
    this.counts = counts;
    this.offset = offset;
    return index - offset;
  }
}

/**
 * The native buckets of one series: zero, positive and negative. Its count and sum are the
 * classic storage's, which every native family keeps (its +Inf bucket at least).
 */
export class NativeSeries {
  schema: number;
  zeroCount = 0;
  readonly positive = new BucketWindow();
  readonly negative = new BucketWindow();
  /** Populated buckets, both signs: what `maxBuckets` limits. */
  populated = 0;
  private indexer: NativeIndexer;
  /** Copied from the resolution: one load less on every observation. */
  private readonly zeroThreshold: number;

  constructor(readonly resolution: NativeResolution) {
    this.schema = resolution.schema;
    this.zeroThreshold = resolution.zeroThreshold;
    this.indexer = indexerFor(this.schema);
  }

  observe(value: number): void {
    const magnitude = value < 0 ? -value : value;
    if (magnitude <= this.zeroThreshold) {
      this.zeroCount++;
      return;
    }
    const window = value > 0 ? this.positive : this.negative;
    this.addAt(window, this.indexer.index(magnitude), magnitude);
  }

  /**
   * Records a value > zeroThreshold whose bucket index at `lookupSchema` (>= this series's
   * schema) is already known: a histogram computes that index once for its classic and native
   * buckets. Coarser schemas merge 2^k buckets, so the index here is ceil(index / 2^k).
   */
  observeAtIndex(lookupIndex: number, lookupSchema: number, value: number): void {
    const shift = lookupSchema - this.schema;
    const index = shift === 0 ? lookupIndex : (lookupIndex + (1 << shift) - 1) >> shift;
    this.addAt(this.positive, index, value);
  }

  /** The common case first: a bucket already populated, one subtraction and one write. */
  private addAt(window: BucketWindow, index: number, magnitude: number): void {
    const counts = window.counts;
    const slot = index - window.offset;
    if (slot >= 0 && slot < counts.length) {
      const count = counts[slot] as number;
      if (count !== 0) {
        counts[slot] = count + 1;
        return;
      }
    }
    this.addToNewBucket(window, index, magnitude);
  }

  clear(): void {
    this.schema = this.resolution.schema;
    this.indexer = indexerFor(this.schema);
    this.zeroCount = 0;
    this.populated = 0;
    this.positive.clear();
    this.negative.clear();
  }

  /** A bucket not populated yet: within the span limit, and within the bucket limit after. */
  private addToNewBucket(window: BucketWindow, first: number, magnitude: number): void {
    let index = first;
    while (!window.canHold(index) && this.schema > LOWEST_SCHEMA) {
      this.halveResolution();
      index = this.indexer.index(magnitude);
    }
    if (window.add(index) && ++this.populated > this.resolution.maxBuckets) this.reduce();
  }

  /**
   * Past the bucket limit, halve the resolution (schema - 1, each pair of buckets merged) as
   * client_golang does, until the populated buckets fit again or the schema is -4. client_golang
   * halves once per observation past the limit; halving until it fits keeps the limit a bound.
   */
  private reduce(): void {
    while (this.populated > this.resolution.maxBuckets && this.schema > LOWEST_SCHEMA) {
      this.halveResolution();
    }
  }

  private halveResolution(): void {
    this.schema--;
    this.indexer = indexerFor(this.schema);
    this.populated = this.positive.halve() + this.negative.halve();
  }
}

const indexers = new Map<number, NativeIndexer>();

/** One indexer per schema, shared by every series at that schema. */
function indexerFor(schema: number): NativeIndexer {
  let indexer = indexers.get(schema);
  if (indexer === undefined) {
    indexer = new NativeIndexer(schema);
    indexers.set(schema, indexer);
  }
  return indexer;
}
