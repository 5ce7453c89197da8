import { transformSync } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWriter } from '../codegen/emit/ts-writer.ts';
import { bucketIndexFunction } from '../codegen/emit/typescript-lookups.ts';
import type { BucketLayoutModel } from '../codegen/model/model.ts';

/** The generated search of a classic layout, compiled and loaded as the client would run it. */
function generatedSearch(bounds: readonly number[]): (value: number) => number {
  const layout = { name: 'probe', bounds, bucketFunctionName: 'probeBucket' } as BucketLayoutModel;
  const writer = createWriter();
  bucketIndexFunction(layout)(writer);
  const { code } = transformSync(writer.toString(), { loader: 'ts' });
  return new Function(`${code}\nreturn probeBucket;`)() as (value: number) => number;
}

/** The definition: the first bound the value does not exceed; +Inf (and NaN) past the last. */
function linearBucket(bounds: readonly number[], value: number): number {
  const found = bounds.findIndex((bound) => value <= bound);
  return found === -1 ? bounds.length : found;
}

/** The float next to `value` in `direction`. */
function nextFloat(value: number, direction: 1 | -1): number {
  if (value === 0) return direction * Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, value > 0 === direction > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

const layouts = fc
  .uniqueArray(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 40 })
  .map((bounds) => bounds.filter((bound) => !Object.is(bound, -0)).sort((a, b) => a - b))
  .filter((bounds) => bounds.length > 0);

describe('the generated classic bucket search', () => {
  it('agrees with a linear scan at every bound, beside it, between bounds, 0, NaN and infinities', () => {
    fc.assert(
      fc.property(
        layouts,
        fc.array(fc.double({ noNaN: false }), { maxLength: 20 }),
        (bounds, extra) => {
          const search = generatedSearch(bounds);
          const probes = [
            ...bounds.flatMap((bound) => [bound, nextFloat(bound, 1), nextFloat(bound, -1)]),
            ...bounds.slice(1).map((bound, i) => ((bounds[i] as number) + bound) / 2),
            0,
            Number.NaN,
            Number.POSITIVE_INFINITY,
            Number.NEGATIVE_INFINITY,
            ...extra,
          ];
          for (const value of probes) {
            expect(search(value), `value ${value} in [${bounds.join(', ')}]`).toBe(
              linearBucket(bounds, value),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps every bound exact, 0.1 + 0.2 and 1 / 3 included (a rounded literal would move a bucket)', () => {
    const bounds = [0.001, 0.00199, 0.00395, 0.1 + 0.2, 1 / 3, 30];
    const search = generatedSearch(bounds);
    expect(bounds.map((bound) => search(bound))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(bounds.map((bound) => search(nextFloat(bound, 1)))).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
