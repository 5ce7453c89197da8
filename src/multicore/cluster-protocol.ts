/** The primary's request for a snapshot; `seq` pairs it with the answer. */
export interface CollectRequest {
  readonly kind: 'metrics-kit:collect';
  readonly seq: number;
}

/**
 * A worker's answer, binary: with `serialization: 'advanced'` the typed arrays cross the IPC
 * channel by structured clone (a copy of their bytes), never as text.
 */
export interface Snapshot {
  readonly kind: 'metrics-kit:snapshot';
  /** The request answered; 0 for a snapshot the worker pushed unasked. */
  readonly seq: number;
  /** The worker's own count of its snapshots: a later one replaces an earlier one. */
  readonly order: number;
  /** Family names in the order below; sent with the first snapshot only. */
  readonly names?: readonly string[];
  /** Every family's numbers, one after the other. */
  readonly values: Float64Array;
  /** How many numbers each family has in `values`. */
  readonly lengths: Int32Array;
  /** Per family, its series created, reused or removed since the previous snapshot. */
  readonly entries: readonly (readonly SeriesEntry[] | null)[];
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

export function isCollectRequest(message: unknown): message is CollectRequest {
  return (message as CollectRequest | null)?.kind === 'metrics-kit:collect';
}

export function isSnapshot(message: unknown): message is Snapshot {
  return (message as Snapshot | null)?.kind === 'metrics-kit:snapshot';
}
