import type { FreeLabel } from './labels.ts';

/** The value a free-form label takes once its `maxValues` distinct values have been admitted. */
export const OVERFLOW_VALUE = '__overflow__';

type Key = string | number;
type Level = Map<unknown, Level | number>;

/** Called when a new combination of admitted values needs series; returns their first index. */
export type SeriesAllocator = (values: readonly string[]) => number;

/**
 * Resolves free-form label values to series indexes through one nested `Map` per label, so the
 * hot path is one `Map.get` per label and never builds a string key. Values are checked, made
 * well-formed and counted against `maxValues` only on a miss; a value past the limit folds into
 * {@link OVERFLOW_VALUE} and is not remembered, so hostile values cannot grow memory.
 */
export class FreeLabelIndex {
  private readonly root: Level = new Map();
  private readonly admitted: Set<Key>[];

  constructor(
    private readonly labels: readonly FreeLabel[],
    private readonly allocate: SeriesAllocator,
    private readonly onFold: (labelIndex: number) => void,
  ) {
    this.admitted = labels.map(() => new Set());
  }

  /** The first series of the combination, or -1 when a value is not valid for its label. */
  lookup1(a: unknown): number {
    const base = this.root.get(a);
    return typeof base === 'number' ? base : this.admit([a]);
  }

  lookup2(a: unknown, b: unknown): number {
    const level = this.root.get(a);
    if (level !== undefined && typeof level !== 'number') {
      const base = level.get(b);
      if (typeof base === 'number') return base;
    }
    return this.admit([a, b]);
  }

  /** Any number of labels; generated code uses the fixed-arity forms up to two. */
  lookup(values: readonly unknown[]): number {
    let node: Level | number | undefined = this.root;
    for (const value of values) {
      if (node === undefined || typeof node === 'number') break;
      node = node.get(value);
    }
    return typeof node === 'number' ? node : this.admit(values);
  }

  /**
   * Every value of the call is checked before any is counted against its label's limit: an
   * invalid call is rejected whole and must not use up a slot of another label.
   */
  private admit(raw: readonly unknown[]): number {
    const keys: Key[] = [];
    for (const [i, label] of this.labels.entries()) {
      const key = normalize(raw[i], label);
      if (key === undefined) return -1;
      keys.push(key);
    }
    for (const [i, label] of this.labels.entries()) {
      keys[i] = this.limit(keys[i] as Key, i, label);
    }
    return this.resolve(keys);
  }

  private limit(key: Key, labelIndex: number, label: FreeLabel): Key {
    const admitted = this.admitted[labelIndex];
    if (admitted === undefined || key === OVERFLOW_VALUE || admitted.has(key)) return key;
    if (admitted.size < label.maxValues) {
      admitted.add(key);
      return key;
    }
    this.onFold(labelIndex);
    return OVERFLOW_VALUE;
  }

  private resolve(keys: readonly Key[]): number {
    let level = this.root;
    for (const [depth, key] of keys.entries()) {
      const next = level.get(key);
      if (depth === keys.length - 1) {
        if (typeof next === 'number') return next;
        const base = this.allocate(keys.map(String));
        level.set(key, base);
        return base;
      }
      if (next === undefined || typeof next === 'number') {
        const created: Level = new Map();
        level.set(key, created);
        level = created;
      } else {
        level = next;
      }
    }
    return -1;
  }
}

/**
 * The key a value is stored under, or undefined when it is not valid for the label: strings with
 * lone surrogates become well-formed (U+FFFD) so that two ill-formed values cannot render as the
 * same series; integer labels take safe integers only.
 */
function normalize(value: unknown, label: FreeLabel): Key | undefined {
  if (label.kind === 'integer') {
    return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
  }
  if (typeof value !== 'string') return undefined;
  return toWellFormed(value);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function toWellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD');
}
