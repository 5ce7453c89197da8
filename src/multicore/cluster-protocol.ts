import process from 'node:process';

/** The primary's request for a fresh snapshot; `seq` pairs it with the answer. */
export interface CollectRequest {
  readonly kind: 'metrics-kit:collect';
  readonly seq: number;
}

/** The primary's answer to a worker's first message: how to publish its snapshots. */
export interface ConfigureMessage {
  readonly kind: 'metrics-kit:configure';
  /** Refresh the snapshot at least this often, unasked (ms); absent: only when asked. */
  readonly intervalMs?: number;
  /** Where to create the snapshot file; absent: no file, images over IPC. */
  readonly snapshotDir?: string;
  /** Arrives as a typed array only over an 'advanced' channel, which images over IPC need. */
  readonly probe: Uint8Array;
}

/**
 * A worker's message to the primary. Its numbers travel as an *image* (see `IMAGE`), binary:
 * written into the worker's snapshot file, which the primary reads when it renders, or, without
 * a file, carried here (`serialization: 'advanced'` copies the typed array's bytes, never
 * text). The rest (names, the file's path, series entries) is plain data, so with a file the
 * channel's serialization does not matter.
 */
export interface SnapshotMessage {
  readonly kind: 'metrics-kit:snapshot';
  /** The highest request `seq` the worker had handled when it wrote its latest image. */
  readonly answered: number;
  /** First message only: family names, in the order the image holds them. */
  readonly names?: readonly string[];
  /** Once, after the primary's `ConfigureMessage`: the snapshot file the worker created. */
  readonly file?: string;
  /**
   * Per family, the series created, reused or removed since the previous message that had
   * any; each such message adds one to the image's `directory` count.
   */
  readonly series?: readonly (readonly SeriesEntry[] | null)[];
  /** Without a snapshot file: the image itself. */
  readonly image?: Float64Array;
}

/**
 * A worker's series `series` now holds the free-form keys `keys` (stored form: integer labels
 * as numbers) at enum slot `slot`; keys null when the worker removed it.
 */
export type SeriesEntry = readonly [
  series: number,
  keys: readonly (string | number)[] | null,
  slot: number,
];

/**
 * An image is one `Float64Array`: a header, then per family its length and the worker's tick
 * at which its numbers last changed, then every family's numbers one after the other.
 * `seq` is a sequence lock: odd while numbers are being written, and stepped on every write,
 * so a reader that sees the same even `seq` before and after reading has a whole image.
 */
export const IMAGE = {
  seq: 0,
  /** When the numbers were read, on the monotonic clock every process shares (`monotonicMs`). */
  takenAt: 1,
  /** How many messages with `series` the worker had sent: the directory the numbers follow. */
  directory: 2,
  families: 3,
  header: 4,
} as const;

/** Where family `i`'s length and change tick sit, for `families` families. */
export function lengthSlot(i: number): number {
  return IMAGE.header + i;
}

export function changedSlot(i: number, families: number): number {
  return IMAGE.header + families + i;
}

/** Milliseconds on the monotonic clock, which is system-wide: the same in every process. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function isCollectRequest(message: unknown): message is CollectRequest {
  return (message as CollectRequest | null)?.kind === 'metrics-kit:collect';
}

export function isConfigureMessage(message: unknown): message is ConfigureMessage {
  return (message as ConfigureMessage | null)?.kind === 'metrics-kit:configure';
}

export function isSnapshotMessage(message: unknown): message is SnapshotMessage {
  return (message as SnapshotMessage | null)?.kind === 'metrics-kit:snapshot';
}
