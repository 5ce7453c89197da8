import cluster from 'node:cluster';
import { usableSnapshotDir } from './snapshot-file.ts';

export interface ClusterMetricsOptions {
  /** How long a scrape waits for a worker's snapshot before using its last one (default 1 s). */
  readonly timeoutMs?: number;
  /**
   * The freshness bound (default 100 ms): a scrape holds every value each worker recorded up to
   * this long before the scrape began. Workers refresh their snapshots twice as often, and a
   * worker whose latest snapshot is older is asked. 0: every scrape asks every worker.
   */
  readonly maxAgeMs?: number;
  /**
   * Where workers create their snapshot files: default /dev/shm when writable, else the
   * temporary directory. `null`, or a directory where no file can be created: no files, and
   * snapshots travel over IPC, for which this sets `serialization: 'advanced'`.
   */
  readonly snapshotDir?: string | null;
}

/** See {@link ClusterMetricsOptions.maxAgeMs}. */
export const DEFAULT_MAX_AGE_MS = 100;

/**
 * The options with their defaults, and where snapshot files go. Without files, images cross
 * IPC as bytes only with the advanced (structured clone) serialization, which this sets. With
 * files the channel stays as it was (JSON by default): prom-client's own cluster messages, for
 * one, parse twice as fast in JSON as in advanced.
 */
export function resolveOptions(options: ClusterMetricsOptions) {
  const snapshotDir =
    options.snapshotDir === null ? undefined : usableSnapshotDir(options.snapshotDir);
  if (snapshotDir === undefined) cluster.setupPrimary({ serialization: 'advanced' });
  return {
    timeoutMs: options.timeoutMs ?? 1_000,
    maxAgeMs: options.maxAgeMs ?? DEFAULT_MAX_AGE_MS,
    snapshotDir,
  };
}
