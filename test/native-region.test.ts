import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type NativeBuckets,
  NativeHistogramFamily,
} from '../src/families/native-histogram-family.ts';
import { fractionBounds, nativeBucketIndex } from '../src/families/native-index.ts';
import { type NativeResolution, regionWidth } from '../src/families/native-region.ts';
import { SharedValues } from '../src/multicore/shared-values.ts';

/** The definition's bucket of a value at a schema (checked exactly in native-index.test.ts). */
function indexOf(value: number, schema: number): number {
  return nativeBucketIndex(value, schema, fractionBounds(Math.max(schema, 0)));
}

function family(native: NativeResolution, buckets: readonly number[] = []) {
  return new NativeHistogramFamily({ name: 'h', help: 'h', buckets, native });
}

/** What the buckets must be after observing `values`: each value's bucket at `schema`. */
function expectedAt(values: readonly number[], schema: number, zeroThreshold: number) {
  const buckets = new Map<number, number>();
  let zeroCount = 0;
  for (const value of values) {
    if (value <= zeroThreshold) {
      zeroCount++;
      continue;
    }
    const index = indexOf(value, schema);
    buckets.set(index, (buckets.get(index) ?? 0) + 1);
  }
  return { schema, zeroCount, buckets: [...buckets].sort(([a], [b]) => a - b) };
}

function expectDefinition(native: NativeBuckets | undefined, values: readonly number[], zero = 0) {
  expect(native).toBeDefined();
  const { schema } = native as NativeBuckets;
  expect(native).toEqual(expectedAt(values, schema, zero));
}

const positive = fc.double({ min: 1e-6, max: 1e6, noNaN: true });

describe('native buckets in the family’s numbers', () => {
  const resolution = { schema: 3, maxBuckets: 160, zeroThreshold: 2 ** -128 };

  it('counts zero and tiny values in the zero bucket, the rest by the definition', () => {
    const histogram = family(resolution);
    for (const value of [0, 2 ** -130, 1, 1.05, 1.05]) histogram.observe(0, value);
    expect(histogram.nativeOf(0)).toEqual({
      schema: 3,
      zeroCount: 2,
      buckets: [
        [0, 1],
        [1, 2],
      ],
    });
    expect(histogram.countOf(0)).toBe(5);
  });

  it('halves the resolution past the bucket limit, keeping every count in its bucket', () => {
    const histogram = family({ ...resolution, maxBuckets: 20 });
    const values = Array.from({ length: 400 }, (_, i) => 0.001 * 1.03 ** i);
    for (const value of values) histogram.observe(0, value);
    const native = histogram.nativeOf(0);
    expect(native?.schema).toBeLessThan(3);
    expect(native?.buckets.length).toBeLessThanOrEqual(20);
    expectDefinition(native, values);
  });

  it('merges bucket pairs as client_golang does: i becomes ceil(i / 2)', () => {
    // Four buckets allowed: seven buckets at schema 1 become four at schema 0.
    const histogram = family({ schema: 1, maxBuckets: 4, zeroThreshold: 0 });
    for (const index of [-3, -2, -1, 0, 1, 2, 3]) {
      // Inside bucket i at schema 1: 2^((i - 1/2) / 2).
      for (let n = 0; n < 10 + index; n++) histogram.observe(0, 2 ** ((index - 0.5) / 2));
    }
    expect(histogram.nativeOf(0)).toEqual({
      schema: 0,
      zeroCount: 0,
      buckets: [
        [-1, 7 + 8],
        [0, 9 + 10],
        [1, 11 + 12],
        [2, 13],
      ],
    });
  });

  it('keeps memory bounded when values spread over the whole float range', () => {
    const histogram = family({ schema: 8, maxBuckets: 10_000, zeroThreshold: 0 });
    expect(histogram.stride).toBeLessThan(4096 + 16);
    histogram.observe(0, 1e-300);
    histogram.observe(0, 1e300);
    const native = histogram.nativeOf(0);
    expect(native?.schema).toBeLessThan(8);
    expectDefinition(native, [1e-300, 1e300]);
  });

  it('sizes a series’ window from max_buckets, within 256 and 4096', () => {
    expect(regionWidth(1)).toBe(256);
    expect(regionWidth(160)).toBe(256);
    expect(regionWidth(1000)).toBe(1024);
    expect(regionWidth(100_000)).toBe(4096);
  });

  it('holds the definition’s buckets for any values, schema, bucket limit and classic bounds', () => {
    fc.assert(
      fc.property(
        fc.array(positive, { minLength: 1, maxLength: 200 }),
        fc.integer({ min: -2, max: 8 }),
        fc.integer({ min: 2, max: 40 }),
        fc.boolean(),
        (values, schema, maxBuckets, withBounds) => {
          const histogram = family(
            { schema, maxBuckets, zeroThreshold: 2 ** -128 },
            withBounds ? [0.001, 0.1, 1, 50] : [],
          );
          for (const value of values) histogram.observe(0, value);
          const native = histogram.nativeOf(0);
          expectDefinition(native, values, 2 ** -128);
          if ((native?.schema ?? 0) > -4)
            expect(native?.buckets.length).toBeLessThanOrEqual(maxBuckets);
          expect(histogram.countOf(0)).toBe(values.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a thread shard that is full', () => {
  it('refuses series past its capacity, dropped and counted, never written past its end', () => {
    // A shard reserves a fixed address space; a native series takes its whole region in it.
    const histogram = new NativeHistogramFamily({
      name: 'h',
      help: 'h',
      buckets: [],
      native: { schema: 3, maxBuckets: 160, zeroThreshold: 0 },
      labels: [{ name: 'operator', maxValues: 100, kind: 'string' }],
    });
    histogram.useStorage(new SharedValues(3 * histogram.stride, 0));
    const series = Array.from({ length: 5 }, (_, i) => histogram.seriesOf(`op-${i}`));
    expect(series).toEqual([0, 1, 2, -1, -1]);
    for (const index of series) expect(() => histogram.observe(index, 1e9)).not.toThrow();
    expect(histogram.values.length).toBe(3 * histogram.stride);
    expect(histogram.countOf(2)).toBe(1);
  });
});

describe('a thread terminated while it records', () => {
  it('leaves a series whole wherever it stops, in the middle of moving or halving included', () => {
    // vm's timeout stops JavaScript as worker.terminate() does (V8's TerminateExecution, taken
    // at the next loop back edge or call), here at a random point of a loop that keeps moving
    // windows and halving resolutions: each new series sees a value, one 2^20 times larger
    // (160 buckets away at schema 3: the window moves) and one 2^40 times smaller (halved).
    const resolution = { schema: 3, maxBuckets: 160, zeroThreshold: 0 };
    for (let attempt = 0; attempt < 150; attempt++) {
      let current = family(resolution);
      let logged: number[] = [];
      const record = (value: number) => {
        logged.push(value);
        current.observe(0, value);
      };
      let base = 1 + attempt / 150;
      const work = () => {
        for (;;) {
          current = family(resolution);
          logged = [];
          record(base);
          record(base * 2 ** 20);
          record(base * 2 ** -20);
          base *= 1.001;
        }
      };
      expect(() => runInNewContext('work()', { work }, { timeout: 1 + (attempt % 3) })).toThrow(
        /timed out/,
      );
      // Stopped inside an observation, the series holds all of it or none of its native part.
      const native = current.nativeOf(0) as NativeBuckets;
      const whole = [
        expectedAt(logged, native.schema, 0),
        expectedAt(logged.slice(0, -1), native.schema, 0),
      ];
      expect(whole).toContainEqual(native);
    }
  });
});

describe('adding two copies of a series (threads, cluster workers)', () => {
  it('equals one series that observed both, whatever each copy’s schema and window', () => {
    fc.assert(
      fc.property(
        fc.array(positive, { maxLength: 150 }),
        fc.array(fc.double({ min: 1e-9, max: 1e9, noNaN: true }), { maxLength: 150 }),
        fc.integer({ min: -1, max: 6 }),
        fc.integer({ min: 4, max: 60 }),
        (first, second, schema, maxBuckets) => {
          const resolution = { schema, maxBuckets, zeroThreshold: 0 };
          const a = family(resolution, [0.5, 2]);
          const b = family(resolution, [0.5, 2]);
          for (const value of first) a.observe(0, value);
          for (const value of second) b.observe(0, value);
          const sum = family(resolution, [0.5, 2]);
          const add = sum.addSeriesInto as NonNullable<typeof sum.addSeriesInto>;
          add(sum.values, 0, a.values, 0);
          add(sum.values, 0, b.values, 0);
          const all = [...first, ...second];
          expectDefinition(sum.nativeOf(0), all);
          expect(sum.countOf(0)).toBe(all.length);
          expect(sum.sumOf(0)).toBeCloseTo(
            all.reduce((x, y) => x + y, 0),
            3,
          );
          const merged = sum.nativeOf(0);
          if ((merged?.schema ?? 0) > -4)
            expect(merged?.buckets.length).toBeLessThanOrEqual(maxBuckets);
          // Each copy is left as it was.
          expectDefinition(a.nativeOf(0), first);
        },
      ),
      { numRuns: 300 },
    );
  });
});
