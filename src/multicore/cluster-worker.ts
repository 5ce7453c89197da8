import cluster from 'node:cluster';
import process from 'node:process';
import type { MetricsRegistry } from '../registry.ts';
import { ImageWriter } from './cluster-image.ts';
import {
  isCollectRequest,
  isPushRequest,
  monotonicMs,
  type SnapshotMessage,
} from './cluster-protocol.ts';
import { SeriesChanges } from './cluster-series-changes.ts';
import { clusterFamiliesOf } from './registry-families.ts';
import { SnapshotFileWriter } from './snapshot-file.ts';

export interface ShareClusterMetricsOptions {
  /**
   * Also publish a snapshot this often, unasked. By default the primary sets it (to half its
   * `maxAgeMs`); the shorter of the two applies.
   */
  readonly pushIntervalMs?: number;
  /**
   * Where to create the snapshot file: default /dev/shm when writable, else the temporary
   * directory. `null`: no file, snapshots travel over IPC (`serialization: 'advanced'`).
   */
  readonly snapshotDir?: string | null;
}

/**
 * In a cluster worker: publishes the registry's generated families to the primary as binary
 * snapshots. The numbers go into a snapshot file that the primary reads when it renders; the
 * series created or removed since the last snapshot, and the answers to the primary's
 * requests, go over IPC. Recording stays exactly as fast as in a single process. Returns a
 * function that stops publishing.
 *
 * @example
 * const registry = new Registry();
 * const metrics = createProcessorMetrics({ registry });
 * shareClusterMetrics(registry);
 */
export function shareClusterMetrics(
  registry: MetricsRegistry,
  options: ShareClusterMetricsOptions = {},
): () => void {
  if (cluster.isPrimary || typeof process.send !== 'function') {
    throw new Error(
      'shareClusterMetrics runs in a cluster worker; the primary uses combineClusterMetrics',
    );
  }
  const families = clusterFamiliesOf(registry);
  const changes = new SeriesChanges(families);
  const writer = new ImageWriter(families);
  const file =
    options.snapshotDir === null ? undefined : SnapshotFileWriter.create(options.snapshotDir);
  let answered = 0;
  let directory = 0;
  let first = true;
  /** Brings the image up to date; tells the primary when it must hear something. */
  const publish = (answer: boolean): void => {
    const series = changes.next();
    if (series !== undefined) directory++;
    const [from, to] = writer.update(monotonicMs(), directory);
    file?.write(writer.image, from, to);
    if (!(first || answer || series !== undefined || file === undefined)) return;
    const message: SnapshotMessage = {
      kind: 'metrics-kit:snapshot',
      answered,
      ...(first ? { names: families.map((family) => family.exposedName) } : {}),
      ...(first && file !== undefined ? { file: file.path } : {}),
      ...(series !== undefined ? { series } : {}),
      ...(file === undefined ? { image: writer.image } : {}),
    };
    first = false;
    // With a callback, a send to a primary that is gone fails quietly instead of as an 'error'.
    process.send?.(message, undefined, {}, ignore);
  };
  let intervalMs = options.pushIntervalMs ?? Number.POSITIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    clearInterval(timer);
    timer = Number.isFinite(intervalMs) ? setInterval(() => publish(false), intervalMs) : undefined;
    timer?.unref();
  };
  const onMessage = (message: unknown): void => {
    if (isCollectRequest(message)) {
      answered = Math.max(answered, message.seq);
      publish(true);
    } else if (isPushRequest(message) && message.intervalMs < intervalMs) {
      intervalMs = Math.max(1, message.intervalMs);
      schedule();
    }
  };
  const onExit = (): void => file?.unlink();
  process.on('message', onMessage);
  process.on('exit', onExit);
  // Unasked: tells the primary this worker answers (a request sent before the listener existed
  // would be lost), and gives it the family names and the file.
  publish(false);
  schedule();
  return () => {
    clearInterval(timer);
    process.off('message', onMessage);
    process.off('exit', onExit);
    file?.close();
  };
}

function ignore(): void {}
