import { type GrowableSharedArrayBuffer, growableBuffer } from './growable-buffer.ts';

/**
 * Header slots (Int32): the lock's owner, published entries, bytes used by their records, how
 * many times the log was compacted, the entries and bytes of the last compaction's snapshot,
 * 1 while a compaction rewrites the log, and the bytes kept for removing every live series.
 */
const LOCK = 0;
const ENTRIES = 1;
const BYTES = 2;
const GENERATION = 3;
const SNAPSHOT_ENTRIES = 4;
const SNAPSHOT_BYTES = 5;
const COMPACTING = 6;
const REMOVAL_RESERVE = 7;
const HEADER_SLOTS = 8;
/**
 * Threads that may follow one directory at once: each holds three slots (owner mark, records
 * applied, the generation they count in) so that a removed series index is reused only once
 * every thread has seen the removal.
 */
const MAX_THREADS = 1024;
const ACKS = HEADER_SLOTS;
const ACK_SLOTS = 3;
/** Records of label values may take this many bytes at most: the address space reserved. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;
/**
 * A lock held this long is taken over: its holder was terminated inside its work, a few
 * microseconds (a compaction: about a microsecond per live series).
 */
const STALE_LOCK_MS = 2_000;

/** What crosses to other threads, in `workerData`: two buffers, shared, never copied. */
export interface DirectoryBuffers {
  readonly header: SharedArrayBuffer;
  readonly records: SharedArrayBuffer;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The log of one family's free-form series, shared by every thread and the single authority on
 * series indexes: each record (JSON, UTF-8, length-prefixed) creates the series of one
 * (combination, enum slot) at a stated index, or removes a combination's series. Every thread
 * applies the records in log order (see SharedSeries), holding a lock (Atomics) that only rare
 * paths take: a series new to the thread, a removal, a timer.
 *
 * A service that creates and removes label values for weeks would fill any log, so a full half
 * is compacted: once every thread has applied every record, the log is rewritten as one creation
 * per live series and its generation counted. A thread that finds a new generation had applied
 * everything before it, so it carries on after the snapshot.
 */
export class SeriesDirectory {
  private readonly header: Int32Array;
  private readonly bytes: Uint8Array;

  constructor(readonly buffers: DirectoryBuffers) {
    this.header = new Int32Array(buffers.header);
    this.bytes = new Uint8Array(buffers.records);
  }

  /** A new, empty directory; `maxRecordBytes` is smaller in tests. */
  static create(maxRecordBytes = MAX_RECORD_BYTES): SeriesDirectory {
    return new SeriesDirectory({
      header: new SharedArrayBuffer((HEADER_SLOTS + ACK_SLOTS * MAX_THREADS) * 4),
      records: growableBuffer(0, maxRecordBytes),
    });
  }

  get entries(): number {
    return Atomics.load(this.header, ENTRIES);
  }

  /** How many times the log was compacted. */
  get generation(): number {
    return Atomics.load(this.header, GENERATION);
  }

  /** Entries and bytes of the last compaction's snapshot, where a thread that missed it resumes. */
  get snapshot(): { entries: number; bytes: number } {
    return {
      entries: Atomics.load(this.header, SNAPSHOT_ENTRIES),
      bytes: Atomics.load(this.header, SNAPSHOT_BYTES),
    };
  }

  /** Bytes the records may take, and bytes they take. */
  get capacity(): number {
    return (this.buffers.records as GrowableSharedArrayBuffer).maxByteLength;
  }

  get usedBytes(): number {
    return Atomics.load(this.header, BYTES);
  }

  /** Bytes left after appending a record of `length` bytes (negative when it does not fit). */
  roomAfter(length: number): number {
    return this.capacity - this.usedBytes - 4 - length;
  }

  /**
   * The generation a compaction under way will publish, 0 when none is: a compaction whose
   * thread was terminated leaves it set (see {@link compact}).
   */
  get compacting(): number {
    return Atomics.load(this.header, COMPACTING);
  }

  /** Clears the mark of a compaction whose thread was terminated after it had published. */
  compacted(): void {
    Atomics.store(this.header, COMPACTING, 0);
  }

  /**
   * Bytes kept for the removal records of every live series, so that a removal always fits;
   * the caller holds the lock.
   */
  get removalReserve(): number {
    return Atomics.load(this.header, REMOVAL_RESERVE);
  }

  reserveForRemoval(bytes: number): void {
    Atomics.add(this.header, REMOVAL_RESERVE, bytes);
  }

  /** One record's bytes. */
  static encode(values: unknown): Uint8Array {
    return encoder.encode(JSON.stringify(values));
  }

  /**
   * Entries `from` onwards, read from byte `offset` (where entry `from` starts); returns them and
   * the offset after them, so a reader carries on where it stopped.
   */
  read(from: number, offset: number): { values: unknown[]; offset: number } {
    const count = Atomics.load(this.header, ENTRIES);
    const values: unknown[] = [];
    let at = offset;
    const view = new DataView(this.buffers.records);
    for (let entry = from; entry < count; entry++) {
      const length = view.getUint32(at);
      // Copied out first: TextDecoder does not read shared memory.
      values.push(JSON.parse(decoder.decode(this.bytes.slice(at + 4, at + 4 + length))));
      at += 4 + length;
    }
    return { values, offset: at };
  }

  /** Appends one record (see {@link roomAfter}: it must fit); the caller holds the lock. */
  append(record: Uint8Array): void {
    const at = Atomics.load(this.header, BYTES);
    this.write(record, at);
    Atomics.store(this.header, BYTES, at + 4 + record.length);
    Atomics.store(this.header, ENTRIES, Atomics.load(this.header, ENTRIES) + 1);
  }

  /**
   * Replaces the log with `records` (one creation per live series) and counts a generation;
   * the caller holds the lock, and every thread has applied every record (appliedByAll).
   */
  compact(records: readonly Uint8Array[]): void {
    // Marked first: a thread terminated while it rewrites leaves the mark, and the next thread
    // that takes the lock and had applied the whole log does the compaction again.
    const generation = this.generation + 1;
    Atomics.store(this.header, COMPACTING, generation);
    let at = 0;
    for (const record of records) {
      this.write(record, at);
      at += 4 + record.length;
    }
    Atomics.store(this.header, SNAPSHOT_ENTRIES, records.length);
    Atomics.store(this.header, SNAPSHOT_BYTES, at);
    Atomics.store(this.header, ENTRIES, records.length);
    Atomics.store(this.header, BYTES, at);
    Atomics.store(this.header, GENERATION, generation);
    Atomics.store(this.header, COMPACTING, 0);
  }

  private write(record: Uint8Array, at: number): void {
    const end = at + 4 + record.length;
    const buffer = this.buffers.records as GrowableSharedArrayBuffer;
    if (end > buffer.byteLength) {
      buffer.grow(Math.min(buffer.maxByteLength, Math.max(end, at * 2, 4096)));
    }
    new DataView(buffer).setUint32(at, record.length);
    this.bytes.set(record, at + 4);
  }

  /** Claims acknowledgement slots for `owner`; the caller holds the lock. */
  join(owner: number, applied: number, generation: number): void {
    for (let slot = 0; slot < MAX_THREADS; slot++) {
      const at = ACKS + ACK_SLOTS * slot;
      if (Atomics.load(this.header, at) !== 0) continue;
      Atomics.store(this.header, at + 1, applied);
      Atomics.store(this.header, at + 2, generation);
      Atomics.store(this.header, at, owner);
      return;
    }
    throw new Error(`more than ${MAX_THREADS} threads share one metrics registry`);
  }

  /** Records that `owner` has applied the first `applied` records of `generation`. */
  acknowledge(owner: number, applied: number, generation: number): void {
    for (let slot = 0; slot < MAX_THREADS; slot++) {
      const at = ACKS + ACK_SLOTS * slot;
      if (Atomics.load(this.header, at) === owner) {
        Atomics.store(this.header, at + 2, generation);
        Atomics.store(this.header, at + 1, applied);
        return;
      }
    }
  }

  /**
   * The fewest records any following thread has applied: removals before it are seen by all. A
   * thread that has not yet seen the last compaction had applied everything before it, which is
   * the snapshot's entries.
   */
  appliedByAll(): number {
    const generation = this.generation;
    const snapshotEntries = Atomics.load(this.header, SNAPSHOT_ENTRIES);
    let least = Number.MAX_SAFE_INTEGER;
    for (let slot = 0; slot < MAX_THREADS; slot++) {
      const at = ACKS + ACK_SLOTS * slot;
      if (Atomics.load(this.header, at) === 0) continue;
      const current = Atomics.load(this.header, at + 2) === generation;
      least = Math.min(least, current ? Atomics.load(this.header, at + 1) : snapshotEntries);
    }
    return least;
  }

  /** Stops waiting for a thread that has exited; the main thread calls this. */
  leave(owner: number): void {
    for (let slot = 0; slot < MAX_THREADS; slot++) {
      const at = ACKS + ACK_SLOTS * slot;
      Atomics.compareExchange(this.header, at, owner, 0);
    }
  }

  /** Takes the lock if it is free; false when another thread holds it. */
  tryLock(owner: number): boolean {
    return Atomics.compareExchange(this.header, LOCK, 0, owner) === 0;
  }

  /** Blocks until this thread (`owner`, a thread id + 1) holds the lock. */
  lock(owner: number): void {
    let waitedSince = 0;
    for (;;) {
      const holder = Atomics.compareExchange(this.header, LOCK, 0, owner);
      if (holder === 0) return;
      const now = Date.now();
      if (waitedSince === 0) waitedSince = now;
      if (now - waitedSince > STALE_LOCK_MS) {
        // Its holder was terminated mid-append (worker.terminate() runs no finally blocks).
        if (Atomics.compareExchange(this.header, LOCK, holder, owner) === holder) return;
        waitedSince = 0;
      }
      Atomics.wait(this.header, LOCK, holder, 50);
    }
  }

  unlock(owner: number): void {
    Atomics.compareExchange(this.header, LOCK, owner, 0);
    Atomics.notify(this.header, LOCK, 1);
  }

  /** Frees the lock if a thread that has exited still holds it; the main thread calls this. */
  releaseIfHeldBy(owner: number): void {
    if (Atomics.compareExchange(this.header, LOCK, owner, 0) === owner) {
      Atomics.notify(this.header, LOCK, 1);
    }
  }
}
