import type { MetricFamily, ValuesStorage } from '../families/family.ts';
import { isEnumLabel } from '../families/labels.ts';
import { type GrowableSharedArrayBuffer, growableBuffer } from './growable-buffer.ts';

/** Numbers one family's shard may hold at most (16 MiB): the address space a shard reserves. */
const MAX_SHARD_NUMBERS = 2 ** 21;

/**
 * A family's numbers in a growable `SharedArrayBuffer`, for one thread's shard. The buffer grows
 * in place, so the main thread, which was given it once, sees every series the worker adds
 * without another message. `values` stays a fixed-length view (recreated when it grows), the
 * kind V8 optimises best on the hot path.
 */
export class SharedValues implements ValuesStorage {
  buffer: GrowableSharedArrayBuffer | undefined = undefined;

  /** @param unset what a number holds before it is recorded: NaN marks unset gauges. */
  constructor(
    private readonly maxNumbers: number,
    readonly unset: number,
  ) {}

  get capacity(): number {
    return this.maxNumbers;
  }

  resize(current: Float64Array, length: number): Float64Array {
    const target = Math.min(length, this.maxNumbers);
    if (target < current.length) throw new Error('a shard cannot shrink');
    if (this.buffer === undefined) {
      this.buffer = growableBuffer(target * 8, this.maxNumbers * 8);
    } else {
      this.buffer.grow(target * 8);
    }
    const values = new Float64Array(this.buffer, 0, target);
    if (current.buffer !== this.buffer) values.set(current);
    if (this.unset !== 0) values.fill(this.unset, current.length);
    return values;
  }
}

/**
 * How many numbers a family can need: every admitted value plus overflow, per label, times its
 * enum combinations; twice that, for removed series whose indexes wait to be reused.
 */
export function maxNumbersOf(family: MetricFamily): number {
  let combinations = 2;
  for (const label of family.labels) {
    combinations *= isEnumLabel(label) ? label.values.length : label.maxValues + 1;
  }
  const numbers = combinations * family.stride;
  return Math.max(family.values.length, Math.min(numbers, MAX_SHARD_NUMBERS));
}

/** Gauges combined by max, min or avg mark unset numbers with NaN so they take no part. */
export function unsetValueOf(family: MetricFamily): number {
  return family.type === 'gauge' && family.aggregate !== 'sum' ? Number.NaN : 0;
}

/** A plain (unshared) storage with the same unset marker, for the main thread's own numbers. */
export function plainValues(unset: number): ValuesStorage {
  let adopted = false;
  return {
    unset,
    capacity: Number.POSITIVE_INFINITY,
    resize(current, length) {
      const values = new Float64Array(length);
      values.set(current);
      if (unset === 0) return values;
      // When first adopted, a zero is a gauge nothing set yet; later zeros were set.
      if (!adopted) for (let i = 0; i < current.length; i++) if (values[i] === 0) values[i] = unset;
      adopted = true;
      return values.fill(unset, current.length);
    },
  };
}
