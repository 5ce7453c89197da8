import type { FreeLabel } from './labels.ts';

/** The value a free-form label takes once its `maxValues` distinct values have been admitted. */
export const OVERFLOW_VALUE = '__overflow__';

/** A free-form value as stored: a well-formed string, or a safe integer for integer labels. */
export type Key = string | number;

/**
 * One admitted combination of free-form values. Its series (one per enum slot of the family)
 * are created when first recorded, so a new topic does not materialise the whole cross product
 * of the family's enum labels.
 */
export class Combination {
  /** The series of each enum slot, -1 until that slot is first recorded. */
  readonly series: Int32Array;

  constructor(
    readonly keys: readonly Key[],
    slots: number,
  ) {
    this.series = new Int32Array(slots).fill(-1);
  }
}

/** Nested maps, one level per label; the last level holds combinations. */
type Level = Map<unknown, unknown>;

/**
 * Resolves free-form label values to their {@link Combination} through one nested `Map` per
 * label, so the hot path is one `Map.get` per label and never builds a string key. Values are
 * checked, made well-formed and counted against `maxValues` only on a miss; a value past the
 * limit folds into {@link OVERFLOW_VALUE} and is not remembered, so hostile values cannot grow
 * memory. Removing every combination that holds a value frees its slot.
 */
export class FreeLabelIndex {
  /** The first level, which the family's hit path reads directly. */
  readonly root: Level = new Map();
  /** Per label: how many live combinations hold each admitted value. */
  private readonly uses: Map<Key, number>[];
  private readonly all = new Set<Combination>();

  constructor(
    private readonly labels: readonly FreeLabel[],
    private readonly slots: number,
    private readonly onFold: (labelIndex: number) => void,
  ) {
    this.uses = labels.map(() => new Map());
  }

  /** The combination of the values, or undefined when a value is not valid for its label. */
  lookup1(a: unknown): Combination | undefined {
    const found = this.root.get(a) as Combination | undefined;
    return found !== undefined ? found : this.admit([a]);
  }

  lookup2(a: unknown, b: unknown): Combination | undefined {
    const level = this.root.get(a) as Level | undefined;
    if (level !== undefined) {
      const found = level.get(b) as Combination | undefined;
      if (found !== undefined) return found;
    }
    return this.admit([a, b]);
  }

  /** Any number of labels; generated code uses the fixed-arity forms up to two. */
  lookup(values: readonly unknown[]): Combination | undefined {
    let node: unknown = this.root;
    for (const value of values) {
      if (!(node instanceof Map)) break;
      node = node.get(value);
    }
    return node instanceof Combination ? node : this.admit(values);
  }

  /** Every live combination, in creation order. */
  combinations(): IterableIterator<Combination> {
    return this.all.values();
  }

  /**
   * Forgets the combination of exactly these keys (from {@link keysOf}), freeing each value's
   * slot when no other combination holds it. Returns it, or undefined when there was none.
   */
  remove(keys: readonly Key[]): Combination | undefined {
    let node: unknown = this.root;
    for (const key of keys) node = node instanceof Map ? node.get(key) : undefined;
    if (!(node instanceof Combination)) return undefined;
    this.forget(node);
    return node;
  }

  /** Forgets a live combination (see {@link remove}). */
  forget(combination: Combination): void {
    if (!this.all.delete(combination)) return;
    this.unlink(this.root, combination.keys, 0);
    for (const [i, key] of combination.keys.entries()) {
      const uses = this.uses[i] as Map<Key, number>;
      const left = (uses.get(key) ?? 0) - 1;
      if (left > 0) uses.set(key, left);
      else uses.delete(key);
    }
  }

  /** The stored key of a value for the free-form label at `labelIndex`, or undefined. */
  keyOf(value: unknown, labelIndex: number): Key | undefined {
    const label = this.labels[labelIndex];
    return label === undefined ? undefined : normalize(value, label);
  }

  /**
   * Every value of the call is checked before any is counted against its label's limit: an
   * invalid call is rejected whole and must not use up a slot of another label.
   */
  private admit(raw: readonly unknown[]): Combination | undefined {
    const keys = this.keysOf(raw);
    if (keys === undefined) return undefined;
    for (const [i, label] of this.labels.entries()) {
      keys[i] = this.limit(keys[i] as Key, i, label);
    }
    return this.resolve(keys);
  }

  /** The stored keys of a call's values, or undefined when one is not valid for its label. */
  keysOf(raw: readonly unknown[]): Key[] | undefined {
    const keys: Key[] = [];
    for (const [i, label] of this.labels.entries()) {
      const key = normalize(raw[i], label);
      if (key === undefined) return undefined;
      keys.push(key);
    }
    return keys;
  }

  private limit(key: Key, labelIndex: number, label: FreeLabel): Key {
    const uses = this.uses[labelIndex] as Map<Key, number>;
    if (key === OVERFLOW_VALUE || uses.has(key) || uses.size < label.maxValues) return key;
    this.onFold(labelIndex);
    return OVERFLOW_VALUE;
  }

  /**
   * The combination of keys another thread admitted (`src/multicore/`), created when missing
   * without checking the limit: that thread checked it against the same shared values.
   */
  place(keys: readonly Key[]): Combination {
    return this.resolve(keys);
  }

  private resolve(keys: readonly Key[]): Combination {
    let level = this.root;
    const last = keys.length - 1;
    for (let depth = 0; depth < last; depth++) {
      const key = keys[depth];
      let next = level.get(key) as Level | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(key, next);
      }
      level = next;
    }
    const found = level.get(keys[last]) as Combination | undefined;
    if (found !== undefined) return found;
    const created = new Combination(keys, this.slots);
    level.set(keys[last], created);
    this.all.add(created);
    for (const [i, key] of keys.entries()) {
      if (key === OVERFLOW_VALUE) continue;
      const uses = this.uses[i] as Map<Key, number>;
      uses.set(key, (uses.get(key) ?? 0) + 1);
    }
    return created;
  }

  /** Deletes the path to a combination, and every level the deletion leaves empty. */
  private unlink(level: Level, keys: readonly Key[], depth: number): void {
    const key = keys[depth];
    if (depth < keys.length - 1) {
      const next = level.get(key);
      if (!(next instanceof Map)) return;
      this.unlink(next, keys, depth + 1);
      if (next.size > 0) return;
    }
    level.delete(key);
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
