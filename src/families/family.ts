import type { MetricData } from '../exposition/metric-data.ts';
import { type ExpositionFormat, escapeHelp } from '../exposition/text-format.ts';
import { FAMILY_BRAND, FAMILY_PROTOCOL, type ProtobufKind } from './brand.ts';
import { Combination, FreeLabelIndex, type Key, OVERFLOW_VALUE } from './free-labels.ts';
import {
  type EnumLabel,
  enumCombinations,
  type FreeLabel,
  isEnumLabel,
  type LabelDefinition,
  labelText,
  orderedLabelValues,
} from './labels.ts';
import type { RejectionReason } from './rejections.ts';

/** Where a family reports what it could not record as asked. */
export interface SelfMetricSink {
  /** A recording dropped: a label value or the value was not valid. */
  reject(reason: RejectionReason): void;
  /** A recording folded into the overflow series of free-form label `label`. */
  fold(label: string): void;
}

const IGNORE: SelfMetricSink = { reject: () => {}, fold: () => {} };

export interface FamilyDefinition {
  /** The name on the wire, with `_total` for counters. */
  readonly name: string;
  readonly help: string;
  readonly unit?: string;
  readonly labels?: readonly LabelDefinition[];
  /**
   * How a gauge combines across threads and processes (the spec's `aggregate`): `sum` by
   * default, `max` for lags. Only `src/multicore/` reads it; one thread's rendering ignores it.
   */
  readonly aggregate?: GaugeAggregate;
}

export type GaugeAggregate = 'sum' | 'max' | 'min' | 'avg';

/**
 * Where a family's numbers live. Plain memory unless `src/multicore/` moves them into shared
 * memory (a `SharedArrayBuffer` per thread) with {@link MetricFamily.useStorage}.
 */
export interface ValuesStorage {
  /** What a number holds before it is recorded: NaN marks an unset gauge combined by max. */
  readonly unset: number;
  /** The most numbers it can hold (a shard's reserved address space); series past it are refused. */
  readonly capacity: number;
  /** An array of `length` numbers starting with `current`'s; the rest `unset`. */
  resize(current: Float64Array, length: number): Float64Array;
}

const PLAIN_STORAGE: ValuesStorage = {
  unset: 0,
  capacity: Number.POSITIVE_INFINITY,
  resize(current, length) {
    const grown = new Float64Array(length);
    grown.set(current);
    return grown;
  },
};

/**
 * Hook for `src/multicore/`: threads sharing a family agree on its free-form series through a
 * coordinator, the single authority on series indexes. Every creation and removal of a series
 * runs between `enter` (takes the shared lock, applies what other threads did) and `leave`.
 */
export interface SeriesCoordinator {
  enter(): void;
  leave(): void;
  /**
   * The index of a series about to be created for `keys`, chosen by the shared directory; -1
   * when it has no room to publish one (the recording is dropped and counted).
   */
  allocate(keys: readonly Key[]): number;
  /** Publishes a series this thread created. */
  created(keys: readonly Key[], slot: number, series: number): void;
  /** Publishes the removal of a combination's series (their indexes). */
  removed(keys: readonly Key[], series: readonly number[]): void;
}

export type FamilyType = 'counter' | 'gauge' | 'histogram';

/**
 * One metric family stored as numbers in a single `Float64Array`: series `i` owns the `stride`
 * numbers from `i * stride`. Enum-only families create every series up front, at zero, so rates
 * start at zero. With free-form labels a series is created when first recorded (or by
 * `initSeries`), and `removeSeries` frees it for reuse. A flat numeric layout is what lets the
 * storage live in a `SharedArrayBuffer`.
 *
 * It also behaves as a prom-client metric (`name`, `help`, `type`, `get`, `reset`), so it sits
 * in a prom-client `Registry` beside metrics registered by other code.
 *
 * Families and what they hold assign each field once, in the constructor (the tsconfig sets
 * `useDefineForClassFields: false`, and fields set later start as `undefined`). V8 then folds
 * the fields of a family a recorder captured into the recorder's code. Defined first as
 * `undefined` and then assigned, every field was reloaded and checked at each record: a classic
 * histogram record took 6.3 ns that way and 4.9 ns this way, a native one 12.7 and 9.0 ns.
 */
export abstract class MetricFamily {
  /** The registry key; prom-client may strip `_total` from it while rendering OpenMetrics. */
  name: string;
  readonly exposedName: string;
  readonly help: string;
  readonly unit: string | undefined;
  readonly labels: readonly LabelDefinition[];
  readonly aggregator = 'sum';
  readonly aggregate: GaugeAggregate;
  abstract readonly type: FamilyType;

  /** How the protobuf renderer writes this family: through `get()` unless a subclass says. */
  get protobufKind(): ProtobufKind {
    return 'other';
  }

  values: Float64Array;
  /** One past the highest series index in use: series below it are live or free for reuse. */
  seriesCount = 0;
  /** Series that exist now: what `<namespace>_metrics_series` reports. */
  liveSeries = 0;
  /** Steps when a series is created or removed: what `src/multicore/` checks for label changes. */
  seriesVersion = 0;
  /** Label values of each series, in declaration order; undefined for a removed series. */
  protected readonly seriesLabelValues: (readonly string[] | undefined)[] = [];
  /** The escaped `name="value",…` text of each series, undefined for a removed series. */
  protected readonly seriesLabelTexts: (string | undefined)[] = [];
  /** Present when the family has free-form labels; resolves their values to a combination. */
  readonly free: FreeLabelIndex | undefined;
  /** The index's first level, read directly by the hit path (an empty map without free labels). */
  private readonly freeRoot: Map<unknown, unknown>;
  /** The free-form labels' positions among `labels`. */
  readonly freeLabelNames: readonly string[];
  private readonly enumTuples: readonly string[][];
  /** Removed series, reused before the array grows. */
  private readonly reusable: number[] = [];
  private sink: SelfMetricSink = IGNORE;
  private promClientHeaderName: string | undefined = undefined;
  private promClientHeader = '';
  /** Per series: its label object for `get()`, and the label values it was built from. */
  private readonly labelObjects: (
    | { values: readonly string[] | undefined; labels: Readonly<Record<string, string>> }
    | undefined
  )[] = [];
  /** Hook for `src/multicore/`: where `values` lives and grows. */
  private storage: ValuesStorage = PLAIN_STORAGE;
  /** Hook for `src/multicore/`: set when several threads share this family's series. */
  coordinator: SeriesCoordinator | undefined = undefined;
  /**
   * Hook for `src/multicore/`: when set, scrapes read the numbers it returns (this thread's
   * values combined with other threads' or processes') instead of `values`. Recorders always
   * write `values`. Always present so that every family keeps the same shape.
   */
  combine: ((family: MetricFamily) => Float64Array) | undefined = undefined;
  /**
   * How `src/multicore/` adds the series at `from` in `source` into the series at `at` in
   * `target` (two threads' or processes' copies of one series): undefined when that is number
   * by number, so combining stays one flat loop; set by a family whose numbers merge otherwise
   * (native histogram buckets at different schemas and offsets).
   */
  addSeriesInto:
    | ((target: Float64Array, at: number, source: Float64Array, from: number) => void)
    | undefined = undefined;

  /**
   * Calls no method a subclass could override: subclass fields do not exist yet while this runs.
   */
  protected constructor(
    definition: FamilyDefinition,
    readonly stride: number,
  ) {
    this.name = definition.name;
    this.exposedName = definition.name;
    this.help = definition.help;
    this.unit = definition.unit;
    this.labels = definition.labels ?? [];
    this.aggregate = definition.aggregate ?? 'sum';
    const enumLabels = this.labels.filter(isEnumLabel);
    const freeLabels = this.labels.filter((l): l is FreeLabel => !isEnumLabel(l));
    this.freeLabelNames = freeLabels.map((label) => label.name);
    this.enumTuples = enumCombinations(enumLabels satisfies readonly EnumLabel[]);
    this.values = new Float64Array(this.enumTuples.length * stride);
    if (freeLabels.length === 0) {
      this.free = undefined;
      this.freeRoot = new Map();
      const all = new Combination([], this.enumTuples.length);
      for (let slot = 0; slot < this.enumTuples.length; slot++) this.#create(all, slot);
    } else {
      this.free = new FreeLabelIndex(freeLabels, this.enumTuples.length, (labelIndex) =>
        this.sink.fold(freeLabels[labelIndex]?.name ?? ''),
      );
      this.freeRoot = this.free.root;
    }
  }

  /**
   * The series for free-form label values `a` (and `b`) at the enum `slot`, created on first
   * use; -1 when a value is not valid. Generated recorders call these only on families with
   * free-form labels. The hit path is a few loads and `Map.get`s with nothing else in it, so
   * V8 inlines it into the recorder within its inlining budget even in a loop that calls many
   * recorders; everything else (a miss, an invalid value, a new series) is out of line.
   */
  seriesOf(a: unknown, slot = 0): number {
    if (slot >= 0) {
      const combination = this.freeRoot.get(a) as Combination | undefined;
      if (combination !== undefined) {
        const series = combination.series[slot] as number;
        if (series >= 0) return series;
      }
    }
    return this.#seriesOfSlow([a], slot);
  }

  seriesOf2(a: unknown, b: unknown, slot = 0): number {
    if (slot >= 0) {
      const level = this.freeRoot.get(a) as Map<unknown, Combination> | undefined;
      if (level !== undefined) {
        const combination = level.get(b);
        if (combination !== undefined) {
          const series = combination.series[slot] as number;
          if (series >= 0) return series;
        }
      }
    }
    return this.#seriesOfSlow([a, b], slot);
  }

  seriesOfAll(values: readonly unknown[], slot = 0): number {
    return this.#seriesOfSlow(values, slot);
  }

  /**
   * Creates, at zero, every series of these free-form values (one per enum combination), so
   * `rate()` and `increase()` see their first events. Existing series keep their values.
   */
  initSeries(freeValues: readonly unknown[]): void {
    const coordinator = this.coordinator;
    if (coordinator === undefined) {
      this.#initSeries(freeValues);
      return;
    }
    coordinator.enter();
    try {
      this.#initSeries(freeValues);
    } finally {
      coordinator.leave();
    }
  }

  #initSeries(freeValues: readonly unknown[]): void {
    const combination = this.free?.lookup(freeValues);
    if (combination === undefined) {
      this.sink.reject('invalid_label_value');
      return;
    }
    for (let slot = 0; slot < this.enumTuples.length; slot++) {
      if ((combination.series[slot] as number) < 0) this.#create(combination, slot);
    }
  }

  /**
   * Removes every series of these free-form values; recording them again recreates them at
   * zero. Returns how many series were removed.
   */
  removeSeries(freeValues: readonly unknown[]): number {
    return this.#coordinated(() => this.#removeSeries(freeValues));
  }

  #removeSeries(freeValues: readonly unknown[]): number {
    const keys = this.free?.keysOf(freeValues);
    if (keys === undefined) {
      this.sink.reject('invalid_label_value');
      return 0;
    }
    const combination = this.free?.remove(keys);
    return combination === undefined ? 0 : this.#release(combination);
  }

  /**
   * Removes every series whose free-form labels have the given stored keys (by label name);
   * returns how many. A label the family does not have as a free-form label matches nothing.
   */
  removeMatching(keys: ReadonlyMap<string, Key>): number {
    return this.#coordinated(() => this.#removeMatching(keys));
  }

  #removeMatching(keys: ReadonlyMap<string, Key>): number {
    const free = this.free;
    if (free === undefined || keys.size === 0) return 0;
    const positions: [number, Key][] = [];
    for (const [name, key] of keys) {
      const position = this.freeLabelNames.indexOf(name);
      if (position < 0) return 0;
      positions.push([position, key]);
    }
    let removed = 0;
    for (const combination of [...free.combinations()]) {
      if (positions.every(([position, key]) => combination.keys[position] === key)) {
        free.forget(combination);
        removed += this.#release(combination);
      }
    }
    return removed;
  }

  /** Routes dropped and folded recordings to the metric set's self-metrics. */
  connectSelfMetrics(sink: SelfMetricSink): void {
    this.sink = sink;
  }

  protected reject(reason: RejectionReason): void {
    this.sink.reject(reason);
  }

  /** Counts a call whose label value was not valid (a set-wide removal, for instance). */
  rejectInvalidLabel(): void {
    this.sink.reject('invalid_label_value');
  }

  /**
   * `text` followed by this family, header included. One string grows through the whole scrape
   * and is flattened once when it is sent; measured here, that beats collecting pieces in an
   * array and joining them.
   */
  abstract appendTo(text: string, format: ExpositionFormat): string;

  /** This family alone in the exposition format, header included. */
  render(format: ExpositionFormat): string {
    return this.appendTo('', format);
  }

  /** prom-client's view of the family, for `registry.metrics()` and `getMetricsAsJSON()`. */
  abstract get(): Promise<MetricData>;

  reset(): void {
    this.values.fill(0);
  }

  /**
   * Brings values computed at scrape time up to date; every rendering path (text, prom-client's
   * `get()`, protobuf) calls it before it reads `values`. Most families store what they render.
   */
  beforeRender(): void {}

  /** Whether `series` holds a live series: not one removed, nor an index never created. */
  hasSeries(series: number): boolean {
    return this.seriesLabelTexts[series] !== undefined;
  }

  /** The numbers a scrape renders: `values`, or every thread's combined (see `combine`). */
  scrapeValues(): Float64Array {
    return this.combine === undefined ? this.values : this.combine(this);
  }

  /** Moves `values` into `storage` (shared memory for worker_threads), keeping what it holds. */
  useStorage(storage: ValuesStorage): void {
    this.storage = storage;
    this.values = storage.resize(this.values, this.values.length);
  }

  /**
   * For `src/multicore/`: creates the series of these keys at `slot` with the index another
   * thread chose (admitted without the limit, which that thread checked). Returns false when the
   * combination already has another series at that slot, or the index holds another
   * combination: the threads disagree.
   */
  adoptSeries(keys: readonly Key[], slot: number, series: number): boolean {
    const combination = (this.free as FreeLabelIndex).place(keys);
    const current = combination.series[slot] as number;
    if (current >= 0) return current === series;
    // Another combination holds the index here: the threads disagree.
    if (this.hasSeries(series)) return false;
    const reused = this.reusable.indexOf(series);
    if (reused >= 0) this.reusable.splice(reused, 1);
    this.#place(combination, slot, series);
    return true;
  }

  /**
   * For `src/multicore/` (a cluster primary): the series of stored keys another process
   * admitted, created when missing. Values count against this process's limits like a
   * recording; a value the other process already folded stays folded.
   */
  seriesOfKeys(keys: readonly Key[], slot: number): number {
    if (!keys.includes(OVERFLOW_VALUE)) return this.#seriesOfSlow(keys, slot);
    const combination = (this.free as FreeLabelIndex).place(keys);
    const series = combination.series[slot] as number;
    return series >= 0 ? series : this.#create(combination, slot);
  }

  /** For `src/multicore/`: removes a combination another thread removed; returns its series. */
  dropSeries(keys: readonly Key[]): number[] {
    const combination = this.free?.remove(keys);
    if (combination === undefined) return [];
    const series = [...combination.series].filter((index) => index >= 0);
    this.#release(combination, false);
    return series;
  }

  /** Runs a removal between the coordinator's `enter` and `leave`, when there is one. */
  #coordinated(remove: () => number): number {
    const coordinator = this.coordinator;
    if (coordinator === undefined) return remove();
    coordinator.enter();
    try {
      return remove();
    } finally {
      coordinator.leave();
    }
  }

  /**
   * Called when a removed series is released, so subclasses clear what they keep per series
   * beside `values` (native buckets, exemplars) before its index is reused. Never called while
   * a family is being constructed, so it may use subclass fields.
   */
  protected releaseSeriesState(_series: number): void {}

  /** The label values of `series`, in declaration order (for the protobuf exposition). */
  labelValuesOf(series: number): readonly string[] {
    return this.seriesLabelValues[series] ?? [];
  }

  /**
   * `{ name: value, … }` of a series for `get()`, built once per series and shared by every
   * sample of it, as prom-client's own metrics share theirs. Callers must not mutate it
   * (prom-client's `getMetricsAsJSON()` copies before adding default labels).
   */
  protected labelsOf(series: number): Readonly<Record<string, string>> {
    const values = this.seriesLabelValues[series];
    const cached = this.labelObjects[series];
    if (cached !== undefined && cached.values === values) return cached.labels;
    const labels = Object.fromEntries(
      this.labels.map((label, i) => [label.name, values?.[i] ?? '']),
    );
    this.labelObjects[series] = { values, labels };
    return labels;
  }

  /**
   * This family as prom-client's `registry.metrics()` would print it from `get()`: HELP and TYPE
   * named by `name` (which prom-client shortens for counters in OpenMetrics), no UNIT, no
   * trailing newline; the sample lines are this runtime's. Used by the registry's fast path
   * (see `exposition/prom-client-compat.ts`) when no default labels are set.
   */
  promClientText(): string {
    // Cached per name: prom-client renames counters in place for OpenMetrics registries.
    if (this.promClientHeaderName !== this.name) {
      this.promClientHeaderName = this.name;
      this.promClientHeader = `# HELP ${this.name} ${escapeHelp(this.help, 'prometheus')}\n# TYPE ${this.name} ${this.type}\n`;
    }
    return this.appendSeries(this.promClientHeader).slice(0, -1);
  }

  /** `text` followed by this family's sample lines, each ending in a newline. */
  abstract appendSeries(text: string): string;

  /** A miss of the hit path: admits the values, then creates the series when it is new. */
  #seriesOfSlow(values: readonly unknown[], slot: number): number {
    // An invalid enum value rejects the call before any free-form value is admitted.
    if (slot < 0) return -1;
    const coordinator = this.coordinator;
    if (coordinator === undefined) return this.#lookupOrCreate(values, slot);
    coordinator.enter();
    try {
      return this.#lookupOrCreate(values, slot);
    } finally {
      coordinator.leave();
    }
  }

  #lookupOrCreate(values: readonly unknown[], slot: number): number {
    const combination = (this.free as FreeLabelIndex).lookup(values);
    if (combination === undefined) return -1;
    const series = combination.series[slot] as number;
    return series >= 0 ? series : this.#create(combination, slot);
  }

  /** Creates the series of `slot` for a combination, at zero: a removed one first, else a new one. */
  #create(combination: Combination, slot: number): number {
    if (this.enumTuples[slot] === undefined) return -1;
    const coordinator = this.coordinator;
    const series =
      coordinator?.allocate(combination.keys) ?? this.reusable.pop() ?? this.seriesCount;
    if (series < 0 || (series + 1) * this.stride > this.storage.capacity) {
      // Nothing was published (no room in the shared log or in the storage), so the values are
      // not admitted either: every thread's limits keep counting the same values.
      if (combination.series.every((other) => other < 0)) this.free?.forget(combination);
      return -1;
    }
    this.#place(combination, slot, series);
    coordinator?.created(combination.keys, slot, series);
    return series;
  }

  /** Gives series index `series` to the `slot` of a combination, at zero (`unset` for gauges). */
  #place(combination: Combination, slot: number, series: number): void {
    const enumValues = this.enumTuples[slot] as readonly string[];
    if (series >= this.seriesCount) this.seriesCount = series + 1;
    // The storage: grown by doubling, so that appending a series is amortised O(1).
    const end = (series + 1) * this.stride;
    if (end > this.values.length) {
      this.values = this.storage.resize(this.values, Math.max(end, this.values.length * 2));
    }
    this.values.fill(this.storage.unset, series * this.stride, end);
    const labelValues = orderedLabelValues(this.labels, enumValues, combination.keys.map(String));
    this.seriesLabelValues[series] = labelValues;
    this.seriesLabelTexts[series] = labelText(this.labels, labelValues);
    combination.series[slot] = series;
    this.liveSeries++;
    this.seriesVersion++;
  }

  /**
   * Removes a forgotten combination's series; returns how many it had. Shared series are
   * published, and their indexes reused only when the shared directory says so.
   */
  #release(combination: Combination, publish = true): number {
    const coordinator = this.coordinator;
    const indexes: number[] = [];
    let released = 0;
    for (const [slot, series] of combination.series.entries()) {
      if (series < 0) continue;
      combination.series[slot] = -1;
      this.seriesLabelValues[series] = undefined;
      this.seriesLabelTexts[series] = undefined;
      this.values.fill(0, series * this.stride, (series + 1) * this.stride);
      this.releaseSeriesState(series);
      if (coordinator === undefined) this.reusable.push(series);
      indexes.push(series);
      released++;
    }
    this.liveSeries -= released;
    this.seriesVersion++;
    if (publish) coordinator?.removed(combination.keys, indexes);
    return released;
  }
}

// The brand the renderer recognises generated families by, on every copy of the runtime.
Object.defineProperty(MetricFamily.prototype, FAMILY_BRAND, { value: FAMILY_PROTOCOL });

/**
 * The same string, flattened now: V8 builds concatenations as trees, and a cached line prefix
 * left as a tree would be walked again on every scrape. Reading a character flattens it in place.
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}
