import cluster from 'node:cluster';
import process from 'node:process';
import type { MetricsRegistry } from '../registry.ts';
import { ImageWriter } from './cluster-image.ts';
import {
  type ConfigureMessage,
  isCollectRequest,
  isConfigureMessage,
  monotonicMs,
  type SnapshotMessage,
} from './cluster-protocol.ts';
import { SeriesChanges } from './cluster-series-changes.ts';
import { clusterFamiliesOf } from './registry-families.ts';
import { SnapshotFileWriter } from './snapshot-file.ts';

export interface ShareClusterMetricsOptions {
  /**
   * Also refresh the snapshot this often, unasked. The primary asks for half its `maxAgeMs`;
   * the shorter of the two applies.
   */
  readonly pushIntervalMs?: number;
}

/**
 * In a cluster worker: publishes the registry's generated families to the primary as binary
 * snapshots, as the primary's `combineClusterMetrics` configures: numbers in a snapshot file
 * that the primary reads when it renders, refreshed every `maxAgeMs / 2` and when asked; the
 * series created or removed since the last snapshot, and the answers to the primary's
 * requests, over IPC. Recording stays exactly as fast as in a single process. Returns a
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
  let file: SnapshotFileWriter | undefined;
  /** Whether images can go over IPC: learnt from the primary's first message. */
  let binaryChannel = false;
  let answered = 0;
  let directory = 0;
  let announce: { names?: readonly string[]; file?: string } = {
    names: families.map((family) => family.exposedName),
  };
  /** Brings the image up to date; tells the primary when it must hear something. */
  const publish = (answer: boolean): void => {
    const series = changes.next();
    if (series !== undefined) directory++;
    const [from, to] = writer.update(monotonicMs(), directory);
    // A file just created gets the whole image.
    const whole = announce.file !== undefined;
    if (
      file !== undefined &&
      !file.write(writer.image, whole ? 0 : from, whole ? writer.image.length : to)
    ) {
      // From now on the image travels with every message, when the channel can carry it.
      file = undefined;
      if (!binaryChannel) warnNoChannel();
    }
    const image = file === undefined && binaryChannel;
    if (!(answer || image || series !== undefined || Object.keys(announce).length > 0)) return;
    const message: SnapshotMessage = {
      kind: 'metrics-kit:snapshot',
      answered,
      ...announce,
      ...(series !== undefined ? { series } : {}),
      ...(image ? { image: writer.image } : {}),
    };
    announce = {};
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
  const configure = (message: ConfigureMessage): void => {
    binaryChannel ||= message.probe instanceof Uint8Array;
    if (file === undefined && message.snapshotDir !== undefined) {
      file = SnapshotFileWriter.create(message.snapshotDir);
      if (file !== undefined) announce = { file: file.path };
    }
    if (file === undefined && !binaryChannel) warnNoChannel();
    if (message.intervalMs !== undefined && message.intervalMs < intervalMs) {
      intervalMs = Math.max(1, message.intervalMs);
      schedule();
    }
    publish(false);
  };
  const onMessage = (message: unknown): void => {
    if (isCollectRequest(message)) {
      answered = Math.max(answered, message.seq);
      publish(true);
    } else if (isConfigureMessage(message)) {
      configure(message);
    }
  };
  const onExit = (): void => file?.unlink();
  process.on('message', onMessage);
  process.on('exit', onExit);
  // Unasked: tells the primary this worker answers (a request sent before the listener existed
  // would be lost), and gives it the family names; it answers with the configuration.
  publish(false);
  schedule();
  return () => {
    clearInterval(timer);
    process.off('message', onMessage);
    process.off('exit', onExit);
    file?.close();
  };
}

let warned = false;

function warnNoChannel(): void {
  if (warned) return;
  warned = true;
  process.emitWarning(
    'metrics-kit: this cluster worker could not create its snapshot file, and its IPC channel does not carry typed arrays; fork it with serialization "advanced", or give combineClusterMetrics a writable snapshotDir',
  );
}

function ignore(): void {}
