import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fractionBounds,
  frexp,
  lastFrexpExponent,
  NativeIndexer,
  nativeBucketIndex,
} from '../src/families/native-index.ts';

/**
 * The bucket index checked against the mathematical definition, evaluated exactly: for schema s,
 * a value v > 0 is in bucket i when 2^((i-1)·2^-s) < v <= 2^(i·2^-s). A double is m·2^e with
 * integers m and e, so with n = 2^s the bound test v <= 2^(i/n) is m^n · 2^(e·n) <= 2^i, which
 * BigInt decides without rounding (negative schemas: m · 2^e <= 2^(i·2^-s)).
 */
function decompose(value: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  const mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  return biased === 0 ? { m: mantissa, e: -1074 } : { m: mantissa | (1n << 52n), e: biased - 1075 };
}

/** a · 2^x compared with 2^y: -1, 0 or 1. */
function compareScaled(a: bigint, x: number, y: number): number {
  const left = x >= y ? a << BigInt(x - y) : a;
  const right = x >= y ? 1n : 1n << BigInt(y - x);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Whether v <= 2^(i·2^-s), exactly. */
function atMostBound(value: number, i: number, schema: number): boolean {
  const { m, e } = decompose(value);
  if (schema <= 0) return compareScaled(m, e, i * 2 ** -schema) <= 0;
  const n = 2 ** schema;
  return compareScaled(m ** BigInt(n), e * n, i) <= 0;
}

function inBucket(value: number, i: number, schema: number): boolean {
  return atMostBound(value, i, schema) && !atMostBound(value, i - 1, schema);
}

const SCHEMAS = [-4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8];

function indexOf(value: number, schema: number): number {
  return nativeBucketIndex(value, schema, fractionBounds(Math.max(schema, 0)));
}

/** The float right after or before `value`. */
function nextFloat(value: number, direction: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(direction));
  return view.getFloat64(0);
}

const positiveDouble = fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true });
const powerOfTwo = fc.integer({ min: -1074, max: 1023 }).map((k) => 2 ** k);
const subnormal = fc.integer({ min: 1, max: 2 ** 52 - 1 }).map((m) => m * 2 ** -1074);
/** A bucket bound of some schema (the float not above it), or a float next to it. */
const nearBound = fc
  .tuple(
    fc.integer({ min: 1, max: 8 }),
    fc.nat(255),
    fc.integer({ min: -1000, max: 1000 }),
    fc.integer({ min: -1, max: 1 }),
  )
  .map(([schema, j, exponent, step]) => {
    const bounds = fractionBounds(schema);
    const bound = (bounds[j % bounds.length] as number) * 2 ** exponent;
    return step === 0 ? bound : nextFloat(bound, step as 1 | -1);
  });

describe('native bucket index', () => {
  it('frexp gives a fraction in [0.5, 1) and an exponent that rebuild the value', () => {
    fc.assert(
      fc.property(fc.oneof(positiveDouble, powerOfTwo, subnormal), (value) => {
        const frac = frexp(value);
        expect(frac).toBeGreaterThanOrEqual(0.5);
        expect(frac).toBeLessThan(1);
        // Two steps, so that 2^1024 and 2^-1075 are never formed.
        expect(
          frac * 2 ** Math.floor(lastFrexpExponent() / 2) * 2 ** Math.ceil(lastFrexpExponent() / 2),
        ).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it.each(SCHEMAS)('matches the definition at schema %i for any positive double', (schema) => {
    fc.assert(
      fc.property(fc.oneof(positiveDouble, powerOfTwo, subnormal, nearBound), (value) => {
        expect(inBucket(value, indexOf(value, schema), schema)).toBe(true);
      }),
      { numRuns: schema >= 6 ? 300 : 1500 },
    );
  });

  it.each(SCHEMAS)('the table-driven indexer matches the definition at schema %i', (schema) => {
    const indexer = new NativeIndexer(schema);
    fc.assert(
      fc.property(fc.oneof(positiveDouble, powerOfTwo, subnormal, nearBound), (value) => {
        const index = indexer.index(value);
        expect(index).toBe(indexOf(value, schema));
        expect(inBucket(value, index, schema)).toBe(true);
      }),
      { numRuns: schema >= 6 ? 300 : 1500 },
    );
  });

  it('puts powers of two at the top of their bucket, every schema', () => {
    for (const schema of SCHEMAS) {
      for (const k of [-1074, -1022, -1021, -3, -1, 0, 1, 2, 7, 1023]) {
        const value = 2 ** k;
        const index = indexOf(value, schema);
        expect(inBucket(value, index, schema)).toBe(true);
        // 2^k is a bound at every schema >= 0: index · 2^-s = k exactly.
        if (schema >= 0) expect(index).toBe(k * 2 ** schema);
      }
    }
  });

  it('places the extremes: 1, the smallest subnormal, the largest double', () => {
    expect(indexOf(1, 3)).toBe(0);
    expect(indexOf(nextFloat(1, 1), 3)).toBe(1);
    expect(indexOf(nextFloat(1, -1), 3)).toBe(0);
    expect(indexOf(Number.MIN_VALUE, 0)).toBe(-1074);
    expect(indexOf(Number.MAX_VALUE, 0)).toBe(1024);
    expect(indexOf(Number.MAX_VALUE, -4)).toBe(64);
    expect(indexOf(Number.MIN_VALUE, -4)).toBe(-67);
    for (const schema of SCHEMAS) {
      expect(inBucket(Number.MIN_VALUE, indexOf(Number.MIN_VALUE, schema), schema)).toBe(true);
      expect(inBucket(Number.MAX_VALUE, indexOf(Number.MAX_VALUE, schema), schema)).toBe(true);
    }
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'bounds at schema %i are the largest floats not above 2^(j/2^s - 1)',
    (schema) => {
      for (const [j, bound] of fractionBounds(schema).entries()) {
        // bound · 2^0 is the value v, and the bucket j - n of v=bound·1 has upper bound 2^((j-n)/n).
        const i = j - 2 ** schema;
        expect(atMostBound(bound, i, schema)).toBe(true);
        expect(atMostBound(nextFloat(bound, 1), i, schema)).toBe(false);
      }
    },
  );
});
