import type { DirectoryBuffers } from './series-directory.ts';

/**
 * What the main thread hands each worker once, in `workerData` (piscina's `workerData` option
 * too): the name of the channel that workers announce their shards on, and the shared series
 * directory of every family with free-form labels. Buffers are shared, never copied.
 */
export interface ThreadMetricsData {
  readonly channel: string;
  readonly families: readonly string[];
  readonly directories: Readonly<Record<string, DirectoryBuffers>>;
}

/** The one message a worker sends: its shard, a growable buffer per family, by family name. */
export interface ShardAnnouncement {
  readonly kind: 'metrics-kit:shard';
  readonly threadId: number;
  readonly shards: Readonly<Record<string, SharedArrayBuffer>>;
}

/** The lock owner mark of a thread: its id plus one, so that 0 means unlocked. */
export function ownerMark(threadId: number): number {
  return threadId + 1;
}
