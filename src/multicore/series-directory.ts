import { type GrowableSharedArrayBuffer, growableBuffer } from './growable-buffer.ts';

/** Header slots (Int32): the lock's owner, published entries, bytes used by their records. */
const LOCK = 0;
const ENTRIES = 1;
const BYTES = 2;
const HEADER_SLOTS = 4;
/**
 * Threads that may follow one directory at once: each holds a pair of slots (owner mark, records
 * applied) so that a removed series index is reused only once every thread has seen the removal.
 */
const MAX_THREADS = 1024;
const ACKS = HEADER_SLOTS;
/** Records of label values may take this many bytes at most: the address space reserved. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;
/** A lock held this long is taken over: its holder was terminated inside a few microseconds' work. */
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
 * applies the records in log order (see SharedSeries). Appending takes a lock (Atomics), which
 * only the rare path (a series new to the thread, a removal) touches; reading needs none, because
 * a record's bytes are written before the count that publishes it (Atomics.store/load).
 */
export class SeriesDirectory {
  private readonly header: Int32Array;
  private readonly bytes: Uint8Array;

  constructor(readonly buffers: DirectoryBuffers) {
    this.header = new Int32Array(buffers.header);
    this.bytes = new Uint8Array(buffers.records);
  }

  static create(): SeriesDirectory {
    return new SeriesDirectory({
      header: new SharedArrayBuffer((HEADER_SLOTS + 2 * MAX_THREADS) * 4),
      records: growableBuffer(0, MAX_RECORD_BYTES),
    });
  }

  get entries(): number {
    return Atomics.load(this.header, ENTRIES);
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

  /** Appends one entry; the caller holds the lock. */
  append(values: unknown): void {
    const record = encoder.encode(JSON.stringify(values));
    const at = Atomics.load(this.header, BYTES);
    const end = at + 4 + record.length;
    if (end > this.buffers.records.byteLength) {
      (this.buffers.records as GrowableSharedArrayBuffer).grow(
        Math.min(MAX_RECORD_BYTES, Math.max(end, at * 2, 4096)),
      );
    }
    new DataView(this.buffers.records).setUint32(at, record.length);
    this.bytes.set(record, at + 4);
    Atomics.store(this.header, BYTES, end);
    Atomics.store(this.header, ENTRIES, Atomics.load(this.header, ENTRIES) + 1);
  }

  /** Claims a pair of acknowledgement slots for `owner`; the caller holds the lock. */
  join(owner: number, applied: number): void {
    for (let slot = 0; slot < MAX_THREADS; slot++) {
      const at = ACKS + 2 * slot;
      if (Atomics.load(this.header, at) !== 0) continue;
      Atomics.store(this.header, at + 1, applied);
      Atomics.store(this.header, at, owner);
      return;
    }
    throw new Error(`more than ${MAX_THREADS} threads share one metrics registry`);
  }

  /** Records that `owner` has applied the first `applied` records. */
  acknowledge(owner: number, applied: number): void {
    for (let slot = 0; slot < MAX_THREADS; slot++) {
      const at = ACKS + 2 * slot;
      if (Atomics.load(this.header, at) === owner) {
        Atomics.store(this.header, at + 1, applied);
        return;
      }
    }
  }

  /** The fewest records any following thread has applied: removals before it are seen by all. */
  appliedByAll(): number {
    let least = Number.MAX_SAFE_INTEGER;
    for (let slot = 0; slot < MAX_THREADS; slot++) {
      const at = ACKS + 2 * slot;
      if (Atomics.load(this.header, at) !== 0) {
        least = Math.min(least, Atomics.load(this.header, at + 1));
      }
    }
    return least;
  }

  /** Stops waiting for a thread that has exited; the main thread calls this. */
  leave(owner: number): void {
    for (let slot = 0; slot < MAX_THREADS; slot++) {
      const at = ACKS + 2 * slot;
      Atomics.compareExchange(this.header, at, owner, 0);
    }
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
