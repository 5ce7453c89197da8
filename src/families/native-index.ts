/**
 * The native histogram bucket of a value, from the bits of the float: no logarithm per call.
 * For schema s, bucket i holds the values v with 2^((i-1)·2^-s) < v <= 2^(i·2^-s). Like
 * client_golang, the index comes from frexp (v = frac · 2^exp with frac in [0.5, 1)): for s <= 0
 * the exponent alone decides; for s > 0 a binary search over the 2^s bucket bounds inside one
 * power of two places the fraction.
 */

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
/** The word holding sign, exponent and the top of the mantissa: index 1 on little-endian machines. */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
/** The word holding the low half of the mantissa (0 on little-endian machines). */
export const LOW = 1 - HIGH;
const TWO_POW_64 = 2 ** 64;

/** Exponent of the last frexp call; frexp returns the fraction. Module state: one thread. */
let frexpExponent = 0;

/**
 * `frac` in [0.5, 1) with `abs(value) = frac · 2^frexpExponent`, for finite non-zero values,
 * subnormals included (scaled by 2^64 first so their exponent field is not zero).
 */
export function frexp(value: number): number {
  scratch[0] = value < 0 ? -value : value;
  let high = words[HIGH] as number;
  let biased = (high >>> 20) & 0x7ff;
  let shift = 0;
  if (biased === 0) {
    scratch[0] *= TWO_POW_64;
    high = words[HIGH] as number;
    biased = (high >>> 20) & 0x7ff;
    shift = 64;
  }
  frexpExponent = biased - 1022 - shift;
  // Exponent field 1022 makes the float 0.5 <= frac < 1 with the same mantissa.
  words[HIGH] = (high & 0x800fffff) | (1022 << 20);
  return scratch[0] as number;
}

/** The exponent of the last {@link frexp}. */
export function lastFrexpExponent(): number {
  return frexpExponent;
}

/** True when the last frexp'd value was an exact power of two (its mantissa bits all zero). */
function isPowerOfTwo(): boolean {
  return ((words[HIGH] as number) & 0xfffff) === 0 && words[LOW] === 0;
}

const boundsBySchema = new Map<number, Float64Array>();

/**
 * The 2^schema bucket bounds of the fraction, 2^(j/2^schema - 1) for j = 0 .. 2^schema - 1, each
 * the largest float not above the true (irrational) bound, computed exactly with BigInt: so a
 * float lands in bucket i exactly when the mathematical definition says so. client_golang's
 * literal table differs from these in the last one to three ulps on about half the bounds
 * (mostly below them), so a value within those few ulps of a bound may land one bucket higher
 * there than here. Computed once per schema.
 */
export function fractionBounds(schema: number): Float64Array {
  const cached = boundsBySchema.get(schema);
  if (cached !== undefined) return cached;
  const n = 2 ** schema;
  const bounds = new Float64Array(n);
  for (let j = 0; j < n; j++) bounds[j] = floorOfPowerOfTwo(j, schema) / 2 ** 53;
  boundsBySchema.set(schema, bounds);
  return bounds;
}

/** floor(2^(52 + j/2^schema)): the largest m with m^(2^schema) <= 2^(52·2^schema + j). */
function floorOfPowerOfTwo(j: number, schema: number): number {
  const target = 1n << BigInt(52 * 2 ** schema + j);
  const raise = (m: bigint): bigint => {
    let power = m;
    for (let i = 0; i < schema; i++) power *= power;
    return power;
  };
  // Math.pow is within a few ulps; the exact comparisons settle the last bits.
  let m = BigInt(Math.floor(2 ** (52 + j / 2 ** schema)));
  while (raise(m) > target) m -= 1n;
  while (raise(m + 1n) <= target) m += 1n;
  return Number(m);
}

/**
 * The bucket index of a finite non-zero value's magnitude at `schema` (-4 .. 8). `bounds` is
 * {@link fractionBounds}(schema) for schema > 0, ignored otherwise.
 */
export function nativeBucketIndex(value: number, schema: number, bounds: Float64Array): number {
  const frac = frexp(value);
  const exp = frexpExponent;
  if (schema > 0) {
    // The first bound >= frac: the sub-bucket within this power of two.
    let low = 0;
    let high = bounds.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((bounds[mid] as number) < frac) low = mid + 1;
      else high = mid;
    }
    return low + (exp - 1) * bounds.length;
  }
  // An exact power of two 2^(exp-1) is the upper bound of its bucket, not the next one's start.
  const key = isPowerOfTwo() ? exp - 1 : exp;
  // ceil(key / 2^-schema), with an arithmetic shift as client_golang does.
  return (key + (2 ** -schema - 1)) >> -schema;
}

/**
 * The bucket index at one schema without frexp's round trip: the exponent comes from the high
 * word of the float, and for schema > 0 a table on the top schema + 1 bits of the mantissa gives
 * the sub-bucket up to one comparison (each table cell holds at most one bound, since bounds in
 * [0.5, 1) are at least 0.35 / 2^schema apart and a cell is 0.5 / 2^(schema + 1) wide). Equal to
 * {@link nativeBucketIndex} for every positive finite value (tested); subnormals take that path.
 */
export class NativeIndexer {
  private readonly fractions: Float64Array;
  /** Each bound's mantissa, high 20 bits and low 32 bits; a sentinel above all past the last. */
  private readonly boundHigh: Int32Array;
  private readonly boundLow: Uint32Array;
  /**
   * Per mantissa cell (schema > 0): the bounds below the cell's start, then the high mantissa
   * bits of the next bound, side by side so one array serves both reads.
   */
  private readonly cells: Int32Array;
  private readonly cellShift: number;

  constructor(readonly schema: number) {
    const positive = Math.max(schema, 0);
    const fractions = fractionBounds(positive);
    this.fractions = fractions;
    this.boundHigh = new Int32Array(fractions.length + 1);
    this.boundLow = new Uint32Array(fractions.length + 1);
    for (const [j, bound] of fractions.entries()) {
      scratch[0] = bound;
      this.boundHigh[j] = (words[HIGH] as number) & 0xfffff;
      this.boundLow[j] = words[LOW] as number;
    }
    this.boundHigh[fractions.length] = 0x100000;
    const bits = positive + 1;
    this.cellShift = 20 - bits;
    this.cells = new Int32Array(2 * 2 ** bits);
    for (let cell = 0; cell < 2 ** bits; cell++) {
      const start = 0.5 + cell * (0.5 / 2 ** bits);
      const below = fractions.filter((bound) => bound < start).length;
      this.cells[2 * cell] = below;
      this.cells[2 * cell + 1] = this.boundHigh[below] as number;
    }
  }

  /** The bucket of a finite value > 0. */
  index(value: number): number {
    scratch[0] = value;
    const high = words[HIGH] as number;
    const biased = high >>> 20;
    // Kept small so that it inlines into every histogram's observe, and that into every
    // recorder: subnormals and schemas <= 0 (one comparison of the exponent) go out of line.
    if (biased === 0 || this.schema <= 0) return this.indexRare(value, biased, high);
    const mantissa = high & 0xfffff;
    const cell = (mantissa >>> this.cellShift) << 1;
    let j = this.cells[cell] as number;
    // Fractions in [0.5, 1) share their exponent, so their order is their mantissas' order:
    // integers compared, no float rebuilt from the bits. Half the values of a cell lie above its
    // bound, at random: the sign bit of the difference adds the 1 without a branch to mispredict
    // (both are below 2^21, so the difference cannot overflow). Equal high bits are rare.
    const boundHigh = this.cells[cell + 1] as number;
    const above = (boundHigh - mantissa) >>> 31;
    if (boundHigh === mantissa && (this.boundLow[j] as number) < (words[LOW] as number)) j++;
    // 2^schema buckets per power of two below: frexp's exponent is biased - 1022, minus one.
    return j + above + ((biased - 1023) << this.schema);
  }

  private indexRare(value: number, biased: number, high: number): number {
    if (biased === 0) return nativeBucketIndex(value, this.schema, this.fractions);
    const exp = biased - 1022;
    const key = (high & 0xfffff) === 0 && words[LOW] === 0 ? exp - 1 : exp;
    return (key + (2 ** -this.schema - 1)) >> -this.schema;
  }
}
