import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketLocator } from '../src/families/bucket-locator.ts';
import { NativeIndexer } from '../src/families/native-index.ts';

/** The classic bucket as a histogram finds it: the native index, then the table. */
function locate(locator: BucketLocator, value: number): number {
  return locator.bucketAt(locator.indexer.index(value), value);
}

/** The definition: the first bound at or above the value, else +Inf (`bounds.length`). */
function linearBucket(bounds: readonly number[], value: number): number {
  const found = bounds.findIndex((bound) => value <= bound);
  return found === -1 ? bounds.length : found;
}

/** The float next to `value` towards +Infinity or -Infinity. */
function nextFloat(value: number, direction: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, value > 0 === direction > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

const SEED_DURATION = [
  0.001, 0.00199, 0.00395, 0.00786, 0.0156, 0.0311, 0.0618, 0.123, 0.244, 0.486, 0.965, 1.92, 3.82,
  7.59, 15.1, 30,
];

const positive = fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true });
const sortedBounds = fc
  .uniqueArray(fc.double({ min: -10, max: 1e6, noNaN: true, noDefaultInfinity: true }), {
    maxLength: 40,
    comparator: (a, b) => a === b,
  })
  .map((bounds) => bounds.filter((bound) => !Object.is(bound, -0)).sort((a, b) => a - b));

describe('classic bucket from the native index', () => {
  for (const schema of [3, 0, 8]) {
    it(`agrees with a linear scan on the seed layout at schema ${schema}: bounds, their neighbours, 0`, () => {
      const locator = new BucketLocator(Float64Array.from(SEED_DURATION), schema);
      const values = SEED_DURATION.flatMap((bound) => [
        bound,
        nextFloat(bound, 1),
        nextFloat(bound, -1),
        bound * 1.5,
      ]);
      for (const value of [...values, 1e-300, 5e-324, 1e300, Number.MAX_VALUE]) {
        expect(locate(locator, value), `value ${value}`).toBe(linearBucket(SEED_DURATION, value));
      }
      expect(locator.scan(0)).toBe(0);
      expect(locator.scan(1e9)).toBe(SEED_DURATION.length);
    });
  }

  it('agrees with a linear scan for any bounds, any positive value, at any lookup schema', () => {
    fc.assert(
      fc.property(
        sortedBounds,
        fc.array(positive, { maxLength: 30 }),
        fc.integer({ min: -4, max: 8 }),
        (bounds, values, schema) => {
          const locator = new BucketLocator(Float64Array.from(bounds), schema);
          const probes = [...values, ...bounds.filter((b) => b > 0), ...bounds.map(Math.abs)];
          for (const value of probes.filter((v) => v > 0)) {
            if (locate(locator, value) !== linearBucket(bounds, value)) return false;
          }
          return [0, ...bounds.map(Math.abs)].every(
            (value) => locator.scan(value) === linearBucket(bounds, value),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('indexes values at its schema, the index the histogram uses for its native bucket', () => {
    fc.assert(
      fc.property(positive, fc.integer({ min: -4, max: 8 }), (value, schema) => {
        const locator = new BucketLocator(Float64Array.from(SEED_DURATION), schema);
        return locator.indexer.index(value) === new NativeIndexer(schema).index(value);
      }),
      { numRuns: 500 },
    );
  });
});
