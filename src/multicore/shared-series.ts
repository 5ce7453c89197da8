import type { MetricFamily, SeriesCoordinator } from '../families/family.ts';
import type { Key } from '../families/free-labels.ts';
import { SeriesDirectory } from './series-directory.ts';

/** A record of the directory: the series of (keys, slot) created at an index, or removed. */
type SeriesRecord = ['c', number, number, Key[]] | ['r', Key[]];

/** Bytes a record takes beyond its keys' JSON: `["r",` … `]` and the length prefix. */
const REMOVAL_OVERHEAD = 6 + 4;
/** The same for a creation, `["c",slot,index,` … `]`, with room for the longest index. */
const CREATION_OVERHEAD = 9 + 4 + 2 * String(Number.MAX_SAFE_INTEGER).length;
/** How long a thread joining waits between looks at a compaction another thread must finish. */
const COMPACTION_WAIT_MS = 20;

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
  /** Set once joined: from then on, holding the lock, this thread's series are the log's. */
  private joined = false;
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
    while (this.directory.compacting !== 0 && !this.finishCompaction()) {
      // Only a thread that had applied the log can finish a compaction a terminated thread
      // left; the main thread does when it retires that thread.
      this.directory.unlock(this.owner);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, COMPACTION_WAIT_MS);
      this.directory.lock(this.owner);
    }
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
      this.joined = true;
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

  allocate(keys: readonly Key[]): number {
    if (!this.roomFor(keys)) return -1;
    const next = this.quarantine[0];
    if (next !== undefined && next.position < this.directory.appliedByAll()) {
      this.quarantine.shift();
      return next.series;
    }
    return this.family.seriesCount;
  }

  created(keys: readonly Key[], slot: number, series: number): void {
    this.log(['c', slot, series, [...keys]]);
    this.directory.reserveForRemoval(SeriesDirectory.encode(keys).length + REMOVAL_OVERHEAD);
    this.onAdopt(series);
  }

  removed(keys: readonly Key[], series: readonly number[]): void {
    const position = this.known;
    this.log(['r', [...keys]]);
    const reserved = SeriesDirectory.encode(keys).length + REMOVAL_OVERHEAD;
    this.directory.reserveForRemoval(-reserved * series.length);
    for (const index of series) this.quarantine.push({ position, series: index });
  }

  /**
   * Applies the records other threads logged since the last call (timers, scrapes). Reading
   * takes the lock, since a compaction rewrites the log in place; when another thread holds it,
   * the next call applies what it logs.
   */
  sync(): void {
    const directory = this.directory;
    if (
      directory.generation === this.generation &&
      directory.entries === this.known &&
      directory.compacting === 0
    ) {
      return;
    }
    if (!this.directory.tryLock(this.owner)) return;
    try {
      this.syncLocked();
    } finally {
      this.directory.unlock(this.owner);
    }
  }

  /** {@link sync}, waiting for the lock when another thread holds it. */
  syncNow(): void {
    this.enter();
    this.leave();
  }

  private syncLocked(): void {
    this.finishCompaction();
    const records = this.readNew();
    if (records.length > 0) this.apply(records);
    this.directory.acknowledge(this.owner, this.known, this.generation);
  }

  /**
   * Whether the creation of a series for `keys` can be logged beside the bytes kept for
   * removing every live series, its own included, so that a removal always fits. A log more
   * than half full, a quarter of it written since the last compaction, is compacted first when
   * every thread has applied it.
   */
  private roomFor(keys: readonly Key[]): boolean {
    const directory = this.directory;
    const half = directory.capacity / 2;
    if (directory.usedBytes > half && directory.usedBytes - directory.snapshot.bytes > half / 2) {
      this.compactIfAllApplied();
    }
    const keysLength = SeriesDirectory.encode(keys).length;
    const room = directory.roomAfter(keysLength + CREATION_OVERHEAD - 4);
    return room >= directory.removalReserve + keysLength + REMOVAL_OVERHEAD;
  }

  private compactIfAllApplied(): void {
    if (this.directory.appliedByAll() < this.directory.entries) return;
    this.compact();
  }

  /**
   * Finishes a compaction whose thread was terminated (the caller holds the lock). A compaction
   * begins once every joined thread has applied the whole log, so a joined thread's series are
   * the snapshot's; a thread still joining cannot, and returns false.
   */
  private finishCompaction(): boolean {
    const target = this.directory.compacting;
    if (target === 0) return true;
    if (target === this.directory.generation) {
      this.directory.compacted(); // terminated after it had published the snapshot
      return true;
    }
    if (!this.joined) return false;
    this.compact();
    return true;
  }

  /**
   * Rewrites the log as one creation per live series: this thread, holding the lock with every
   * record applied, has every live series and nothing else.
   */
  private compact(): void {
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
    if (this.directory.roomAfter(bytes.length) < 0) {
      // A creation leaves room for every live series' removal (roomFor), so this needs a
      // thread terminated between logging and reserving, many times over.
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
