import cluster from 'node:cluster';
import process from 'node:process';
import type { MetricFamily } from '../families/family.ts';
import type { Combination } from '../families/free-labels.ts';
import type { MetricsRegistry } from '../registry.ts';
import {
  type CollectRequest,
  isCollectRequest,
  type SeriesEntry,
  type Snapshot,
} from './cluster-protocol.ts';
import { familiesOf } from './registry-families.ts';

/**
 * In a cluster worker: answers the primary's snapshot requests with the registry's generated
 * families as one `Float64Array`, plus the free-form label values created since the previous
 * answer. Recording stays exactly as fast as in a single process. Returns a function that stops
 * answering.
 *
 * @example
 * const registry = new Registry();
 * const metrics = createProcessorMetrics({ registry });
 * shareClusterMetrics(registry);
 */
export interface ShareClusterMetricsOptions {
  /**
   * Also push a snapshot this often, unasked (default: never). With the primary's `maxAgeMs`
   * above it, scrapes render at once from pushed snapshots instead of asking every worker.
   */
  readonly pushIntervalMs?: number;
}

export function shareClusterMetrics(
  registry: MetricsRegistry,
  options: ShareClusterMetricsOptions = {},
): () => void {
  if (cluster.isPrimary || typeof process.send !== 'function') {
    throw new Error(
      'shareClusterMetrics runs in a cluster worker; the primary uses combineClusterMetrics',
    );
  }
  const families = familiesOf(registry);
  const sentEntries: SentSeries[] = families.map(() => new Map());
  let order = 0;
  const onMessage = (message: unknown): void => {
    if (!isCollectRequest(message)) return;
    const snapshot = snapshotOf(message.seq, order++, families, sentEntries);
    // With a callback, a send to a primary that is gone fails quietly instead of as an 'error'.
    process.send?.(snapshot, undefined, {}, ignore);
  };
  process.on('message', onMessage);
  // Unasked: tells the primary this worker now answers (a request sent before the listener
  // existed would be lost), and gives it the family names.
  const push = (): void =>
    onMessage({ kind: 'metrics-kit:collect', seq: 0 } satisfies CollectRequest);
  push();
  const timer =
    options.pushIntervalMs === undefined ? undefined : setInterval(push, options.pushIntervalMs);
  timer?.unref();
  return () => {
    clearInterval(timer);
    process.off('message', onMessage);
  };
}

function ignore(): void {}

function snapshotOf(
  seq: number,
  order: number,
  families: readonly MetricFamily[],
  sentEntries: SentSeries[],
): Snapshot {
  const lengths = new Int32Array(families.length);
  let total = 0;
  for (const [i, family] of families.entries()) {
    lengths[i] = family.seriesCount * family.stride;
    total += lengths[i] as number;
  }
  const values = new Float64Array(total);
  let at = 0;
  for (const [i, family] of families.entries()) {
    values.set(family.values.subarray(0, lengths[i]), at);
    at += lengths[i] as number;
  }
  const entries = families.map((family, i) => newEntries(family, sentEntries, i));
  return {
    kind: 'metrics-kit:snapshot',
    seq,
    order,
    ...(order === 0 ? { names: families.map((family) => family.exposedName) } : {}),
    values,
    lengths,
    entries,
  };
}

/**
 * The series of a family that are new, reused or removed since the previous snapshot, as
 * `[series, keys, slot]` (keys null: removed); null when nothing changed. `sent` remembers, per
 * series index, the combination and slot last sent for it.
 */
function newEntries(family: MetricFamily, sent: SentSeries[], i: number): SeriesEntry[] | null {
  const free = family.free;
  if (free === undefined) return null;
  const known = sent[i] ?? new Map();
  sent[i] = known;
  const out: SeriesEntry[] = [];
  const live = new Set<number>();
  for (const combination of free.combinations()) {
    for (const [slot, series] of combination.series.entries()) {
      if (series < 0) continue;
      live.add(series);
      const last = known.get(series);
      if (last?.combination === combination && last.slot === slot) continue;
      known.set(series, { combination, slot });
      out.push([series, [...combination.keys], slot]);
    }
  }
  for (const series of known.keys()) {
    if (live.has(series)) continue;
    known.delete(series);
    out.push([series, null, 0]);
  }
  return out.length === 0 ? null : out;
}

type SentSeries = Map<number, { combination: Combination; slot: number }>;
