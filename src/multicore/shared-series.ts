import type { MetricFamily, SeriesCoordinator } from '../families/family.ts';
import type { Key } from '../families/free-labels.ts';
import { SeriesDirectory } from './series-directory.ts';

/** A record of the directory: the series of (keys, slot) created at an index, or removed. */
type SeriesRecord = ['c', number, number, Key[]] | ['r', Key[]];

/**
 * The share of a log kept for removals: new series stop when only this much is left (when a
 * thread has not applied the log for long, so it cannot be compacted), and removals, at most
 * one per live series, still fit.
 */
const REMOVAL_RESERVE = 1 / 8;

/**
 * One thread's side of a family whose free-form series are shared. The directory's log is the
 * single authority on series indexes: a series new to this thread takes the lock, applies what
 * other threads logged (so the limits count every thread's values, and a series another thread
 * created is adopted at its index), then creates it at an index the log allows and logs it.
 * Series `i` therefore means the same labels in every thread's shard, and the main thread sums
 * shards number by number. A removal is logged too; each thread zeroes its own numbers for it
 * when it applies the record (on its rare path, and every {@link SYNC_INTERVAL_MS} in workers),
 * and the index is reused only after every thread has applied it: until then a thread that has
 * not seen the removal may still write there, into a series nobody renders. A log more than half
 * full is compacted when a series is created and every thread has applied it (see
 * SeriesDirectory).
 */
export class SharedSeries implements SeriesCoordinator {
  /** Records applied, and the byte offset after them, in the log's `generation`. */
  private known = 0;
  private offset = 0;
  private generation = 0;
  /** Removed indexes waiting for every thread: the removal's record number, and the index. */
  private readonly quarantine: { position: number; series: number }[] = [];

  constructor(
    private readonly family: MetricFamily,
    readonly directory: SeriesDirectory,
    /** This thread's id + 1: the lock's owner mark. */
    private readonly owner: number,
    /** Told of every series this thread creates or adopts (the main thread resets its totals). */
    private readonly onAdopt: (series: number) => void = () => {},
  ) {}

  /**
   * Joins the directory. The first thread (the main one, which creates it) logs the series it
   * already has; a later thread must have made the same ones (the metric set's own, made the
   * same way everywhere) and nothing else.
   */
  connect(): void {
    this.directory.lock(this.owner);
    try {
      // A new thread reads the current generation from its start: the snapshot, then the rest.
      this.generation = this.directory.generation;
      const first = this.directory.entries === 0 && this.generation === 0;
      // After a compaction the log no longer shows series created and removed before it, so this
      // thread's own series are dropped and the snapshot brings back those still live, at their
      // indexes: what replaying the whole log would have done.
      if (this.generation > 0) this.dropOwnSeries();
      const logged = new Set<number>();
      this.apply(this.readNew(), logged);
      if (first) this.logOwnSeries();
      for (let series = 0; !first && series < this.family.seriesCount; series++) {
        if (this.family.hasSeries(series) && !logged.has(series)) throw this.mismatch();
      }
      this.directory.join(this.owner, this.known, this.generation);
    } finally {
      this.directory.unlock(this.owner);
    }
    this.family.coordinator = this;
  }

  enter(): void {
    this.directory.lock(this.owner);
    try {
      this.syncLocked();
    } catch (error) {
      this.directory.unlock(this.owner);
      throw error;
    }
  }

  leave(): void {
    this.directory.unlock(this.owner);
  }

  allocate(keys: readonly Key[], slot: number): number {
    if (!this.roomFor(keys, slot)) return -1;
    const next = this.quarantine[0];
    if (next !== undefined && next.position < this.directory.appliedByAll()) {
      this.quarantine.shift();
      return next.series;
    }
    return this.family.seriesCount;
  }

  created(keys: readonly Key[], slot: number, series: number): void {
    this.log(['c', slot, series, [...keys]]);
    this.onAdopt(series);
  }

  removed(keys: readonly Key[], series: readonly number[]): void {
    const position = this.known;
    this.log(['r', [...keys]]);
    for (const index of series) this.quarantine.push({ position, series: index });
  }

  /**
   * Applies the records other threads logged since the last call (timers, scrapes). Reading
   * takes the lock, since a compaction rewrites the log in place; when another thread holds it,
   * the next call applies what it logs.
   */
  sync(): void {
    if (this.directory.generation === this.generation && this.directory.entries === this.known) {
      return;
    }
    if (!this.directory.tryLock(this.owner)) return;
    try {
      this.syncLocked();
    } finally {
      this.directory.unlock(this.owner);
    }
  }

  private syncLocked(): void {
    const records = this.readNew();
    if (records.length > 0) this.apply(records);
    this.directory.acknowledge(this.owner, this.known, this.generation);
  }

  /**
   * Whether the creation of a series for `keys` can be logged and leave the removals' reserve;
   * a log more than half full is compacted first when every thread has applied it.
   */
  private roomFor(keys: readonly Key[], slot: number): boolean {
    const directory = this.directory;
    if (directory.usedBytes > directory.capacity / 2) this.compactIfAllApplied();
    // The longest index a record can hold, so the record logged is no longer than this one.
    const record = SeriesDirectory.encode(['c', slot, Number.MAX_SAFE_INTEGER, [...keys]]);
    return directory.roomAfter(record) >= directory.capacity * REMOVAL_RESERVE;
  }

  /**
   * Rewrites the log as one creation per live series, when every thread has applied every
   * record: this thread (holding the lock, up to date) then has every live series and nothing
   * else.
   */
  private compactIfAllApplied(): void {
    if (this.directory.appliedByAll() < this.directory.entries) return;
    const records: Uint8Array[] = [];
    for (const combination of this.family.free?.combinations() ?? []) {
      for (const [slot, series] of combination.series.entries()) {
        if (series >= 0)
          records.push(SeriesDirectory.encode(['c', slot, series, combination.keys]));
      }
    }
    this.directory.compact(records);
    this.resume();
  }

  /**
   * Carries on after the last compaction's snapshot: this thread had applied every record
   * before it, and every thread had, so the removals waiting in quarantine are seen by all.
   */
  private resume(): void {
    this.generation = this.directory.generation;
    const { entries, bytes } = this.directory.snapshot;
    this.known = entries;
    this.offset = bytes;
    for (const waiting of this.quarantine) waiting.position = -1;
  }

  private apply(records: readonly SeriesRecord[], logged?: Set<number>): void {
    let position = this.known - records.length;
    for (const record of records) {
      if (record[0] === 'c') {
        const [, slot, series, keys] = record;
        const waiting = this.quarantine.findIndex((entry) => entry.series === series);
        if (waiting >= 0) this.quarantine.splice(waiting, 1);
        if (!this.family.adoptSeries(keys, slot, series)) throw this.mismatch();
        logged?.add(series);
        this.onAdopt(series);
      } else {
        for (const series of this.family.dropSeries(record[1])) {
          logged?.delete(series);
          this.quarantine.push({ position, series });
        }
      }
      position++;
    }
  }

  private dropOwnSeries(): void {
    for (const combination of [...(this.family.free?.combinations() ?? [])]) {
      this.family.dropSeries(combination.keys);
    }
  }

  private logOwnSeries(): void {
    for (const combination of this.family.free?.combinations() ?? []) {
      for (const [slot, series] of combination.series.entries()) {
        if (series >= 0) this.created(combination.keys, slot, series);
      }
    }
  }

  /** Appends a record (the caller holds the lock) and reads past it: it is already applied. */
  private log(record: SeriesRecord): void {
    const bytes = SeriesDirectory.encode(record);
    if (this.directory.roomAfter(bytes) < 0) {
      // Creations stop while the removals' reserve is left (roomFor), and removals are at most
      // one per live series: only a reserve smaller than the live series' removals gets here.
      throw new Error(
        `the series log of metric ${this.family.exposedName} is full: a thread has not applied it for too long to compact it`,
      );
    }
    this.directory.append(bytes);
    this.readNew();
    this.directory.acknowledge(this.owner, this.known, this.generation);
  }

  /** Records logged since the last read; advances the read position. */
  private readNew(): SeriesRecord[] {
    if (this.directory.generation !== this.generation) this.resume();
    if (this.directory.entries === this.known) return [];
    const { values, offset } = this.directory.read(this.known, this.offset);
    this.known += values.length;
    this.offset = offset;
    return values as SeriesRecord[];
  }

  private mismatch(): Error {
    return new Error(
      `metric ${this.family.exposedName} has different series in this thread than in the main thread; create the metric set the same way in both, and share it before recording`,
    );
  }
}

/** How often a worker applies the log even when it records nothing new (removals). */
export const SYNC_INTERVAL_MS = 250;
