import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  openSync,
  readdirSync,
  readSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import process from 'node:process';
import { changedSlot, IMAGE, lengthSlot } from './cluster-protocol.ts';

/**
 * A cluster worker's snapshot file: its latest image, rewritten in place as numbers change, and
 * read by the primary when it renders. Memory-backed under /dev/shm, so a write is a copy into
 * the page cache, and the primary reads it without any message or wake-up in between (measured
 * against pushing the same images over IPC: see the README). The primary unlinks it as soon as
 * it has opened it; both keep their descriptors, so nothing is left behind when either dies.
 */
export class SnapshotFileWriter {
  private constructor(
    readonly path: string,
    private fd: number | undefined,
  ) {}

  /** A new file in `dir`, or undefined when none can be created there. */
  static create(dir: string): SnapshotFileWriter | undefined {
    const path = join(dir, `metrics-kit-${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      return new SnapshotFileWriter(path, openSync(path, 'wx+', 0o600));
    } catch {
      return undefined;
    }
  }

  /**
   * Writes the image's numbers in slots [from, to) and its header. Readers check `seq`, which
   * is odd while numbers are being written and stepped by every write. Returns false, and
   * closes the file, when a write fails (a full file system): a file left with an odd `seq` is
   * never read again, so the primary asks instead.
   */
  write(image: Float64Array, from: number, to: number): boolean {
    const fd = this.fd;
    if (fd === undefined) return false;
    const headerSlots = lengthSlot(0) + 2 * (image[IMAGE.families] as number);
    try {
      if (from < to) {
        (image[IMAGE.seq] as number) += 1;
        writeWhole(fd, image, 0, 1);
        writeWhole(fd, image, from, to);
      }
      (image[IMAGE.seq] as number) += from < to ? 1 : 2;
      writeWhole(fd, image, 0, headerSlots);
      return true;
    } catch {
      this.close();
      return false;
    }
  }

  /** Closes the file, and removes it if the primary never did. */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    this.unlink();
  }

  unlink(): void {
    try {
      unlinkSync(this.path);
    } catch {
      // Already removed by the primary.
    }
  }
}

function writeWhole(fd: number, image: Float64Array, from: number, to: number): void {
  const bytes = (to - from) * 8;
  if (writeSync(fd, image, from * 8, bytes, from * 8) !== bytes) throw new Error('short write');
}

/**
 * Where workers can create snapshot files: `dir`, by default /dev/shm when writable (memory:
 * a write never reaches a disk), else the temporary directory; undefined when no file can be
 * created there (the primary tries, and workers run as the same user).
 */
export function usableSnapshotDir(dir?: string): string | undefined {
  const candidate = dir ?? (writable('/dev/shm') ? '/dev/shm' : tmpdir());
  const probe = SnapshotFileWriter.create(candidate);
  probe?.close();
  return probe === undefined ? undefined : candidate;
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The names `SnapshotFileWriter` gives: the primary opens and unlinks nothing else. */
const FILE_NAME = /^metrics-kit-\d+-[0-9a-f]{12}$/;

/** Removes the snapshot files process `pid` created in `dir` (none once the primary opened them). */
export function removeSnapshotFiles(dir: string, pid: number): void {
  try {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(`metrics-kit-${pid}-`) && FILE_NAME.test(name))
        unlinkSync(join(dir, name));
    }
  } catch {
    // Gone already, or another process's: nothing to do.
  }
}

/** The primary's descriptors, shared by every hub in the process (a bench runs two). */
const opened = new Map<string, { fd: number; users: number }>();

/** On the primary: reads a worker's snapshot file. */
export class SnapshotFileReader {
  private buffer = new Float64Array(256);
  /** The last whole image read (a view of `buffer`), which later reads update in place. */
  private last: Float64Array | undefined = undefined;
  private header = new Float64Array(0);
  private readonly check = new Float64Array(1);
  private closed = false;

  private constructor(
    private readonly path: string,
    private readonly fd: number,
  ) {}

  static open(path: string): SnapshotFileReader | undefined {
    if (!FILE_NAME.test(basename(path))) return undefined;
    let entry = opened.get(path);
    if (entry === undefined) {
      try {
        entry = { fd: openSync(path, 'r'), users: 0 };
      } catch {
        return undefined;
      }
      opened.set(path, entry);
      try {
        unlinkSync(path);
      } catch {
        // Windows keeps an open file; the worker removes it when it stops.
      }
    }
    entry.users++;
    return new SnapshotFileReader(path, entry.fd);
  }

  /**
   * The latest whole image (valid until the next read), or undefined when none was written yet
   * or a write overlapped every attempt.
   */
  read(): Float64Array | undefined {
    if (this.closed) return undefined;
    try {
      return this.readWhole();
    } catch {
      return undefined;
    }
  }

  private readWhole(): Float64Array | undefined {
    for (let attempt = 0; attempt < 4; attempt++) {
      const image = this.readChanged() ?? this.readAll();
      if (image === 'retry') continue;
      return image;
    }
    return undefined;
  }

  /**
   * The image from its header and the families whose numbers changed since the last read (a
   * worker rewrites its header at every refresh, its numbers only when they change): undefined
   * when the layout changed or nothing was read yet, so the whole image must be read.
   */
  private readChanged(): Float64Array | 'retry' | undefined {
    const last = this.last;
    if (last === undefined) return undefined;
    const families = last[IMAGE.families] as number;
    const headerSlots = lengthSlot(0) + 2 * families;
    if (this.header.length < headerSlots) this.header = new Float64Array(headerSlots);
    const header = this.header;
    const bytes = readSync(this.fd, header, 0, headerSlots * 8, 0);
    const seq = header[IMAGE.seq] as number;
    if (bytes < headerSlots * 8 || header[IMAGE.families] !== families) return undefined;
    if (seq % 2 !== 0) return 'retry';
    let at = headerSlots;
    for (let i = 0; i < families; i++) {
      const length = header[lengthSlot(i)] as number;
      if (length !== last[lengthSlot(i)]) return undefined;
      if (header[changedSlot(i, families)] !== last[changedSlot(i, families)] && length > 0) {
        readSync(this.fd, last, at * 8, length * 8, at * 8);
      }
      at += length;
    }
    readSync(this.fd, this.check, 0, 8, 0);
    if (this.check[0] !== seq) {
      this.last = undefined; // numbers read while the worker wrote: read everything again
      return 'retry';
    }
    last.set(header.subarray(0, headerSlots));
    return last;
  }

  private readAll(): Float64Array | 'retry' | undefined {
    const bytes = readSync(this.fd, this.buffer, 0, this.buffer.byteLength, 0);
    const buffer = this.buffer;
    const seq = buffer[IMAGE.seq] as number;
    if (bytes < IMAGE.header * 8) return undefined;
    if (seq % 2 !== 0) return 'retry';
    const slots = imageSlots(buffer);
    if (slots * 8 > buffer.byteLength) {
      this.buffer = new Float64Array(slots * 2);
      return 'retry';
    }
    if (bytes < slots * 8) return 'retry';
    readSync(this.fd, this.check, 0, 8, 0);
    if (this.check[0] !== seq) return 'retry';
    this.last = buffer.subarray(0, slots);
    return this.last;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const entry = opened.get(this.path);
    if (entry === undefined || --entry.users > 0) return;
    opened.delete(this.path);
    closeSync(entry.fd);
  }
}

/** How many slots the image in `buffer` has, from its header (its families' lengths). */
function imageSlots(buffer: Float64Array): number {
  const families = buffer[IMAGE.families] as number;
  let slots = lengthSlot(0) + 2 * families;
  if (slots > buffer.length) return slots;
  for (let i = 0; i < families; i++) slots += buffer[lengthSlot(i)] as number;
  return slots;
}
